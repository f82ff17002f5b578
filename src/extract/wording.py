"""Counts in messages as people write them: "1 release", "2 releases", "1 error"."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun in the number it takes (English plural by default: noun + "s")."""
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"
