"""Pure functions for Danish numbers, money and dates: no spaCy here."""
