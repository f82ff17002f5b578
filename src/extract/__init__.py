"""pressextract: Danish press releases to typed tables."""

__version__ = "0.1.0"
