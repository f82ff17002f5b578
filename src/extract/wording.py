"""Messages as people read them: "1 release", "2 releases", "1 error"; URLs with their password masked."""

from __future__ import annotations

import re

_URL_PASSWORD = re.compile(r"(\b[a-zA-Z][\w+.-]*://[^\s:/@]*:)[^\s@/]+@")


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun in the number it takes (English plural by default: noun + "s")."""
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"


def mask_secrets(text: str) -> str:
    """Every URL's password replaced by ***, for messages a user sees (logs, terminals, error rows)."""
    return _URL_PASSWORD.sub(r"\1***@", text)
