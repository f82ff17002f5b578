"""Bytes -> text for release files: BOMs honoured, UTF-8 first, Western single-byte encodings detected.

Danish releases saved by older Windows tools are cp1252 or Latin-1; a strict UTF-8 read rejects them at
the first "ø". Detection is restricted to the encodings that Danish text can plausibly be in, because an
unrestricted detector picks cp1250 for short Danish texts and turns "ø" into "ř".

`clean_text` makes any text storable on every target without moving an offset: each lone surrogate and
each NUL (PostgreSQL refuses both) becomes U+FFFD, one character for one.
"""

from __future__ import annotations

import codecs
import re

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# What a file that is not UTF-8 may be in: Windows-1252 (a superset of Latin-1's letters), Latin-1
# itself, and Latin-9 (Latin-1 with the euro sign).
SINGLE_BYTE_CANDIDATES = ["cp1252", "latin_1", "iso8859_15"]
REPLACEMENT = "\ufffd"
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class DecodeError(ValueError):
    """The bytes are in no encoding we read; the message says what was tried."""


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """(text, encoding used) for the bytes of a release file; the BOM, if any, is not part of the text."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding.removesuffix("-sig")
            except UnicodeDecodeError as err:
                raise DecodeError(f"starts with a {encoding} byte order mark but is not {encoding}: {err}") from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        first_error = utf8_error
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=SINGLE_BYTE_CANDIDATES).best()
    if best is None:
        raise DecodeError(
            f"not UTF-8 ({first_error.reason} at byte {first_error.start}) and not cp1252/Latin-1 text either; "
            "save it as UTF-8"
        )
    return str(best), _python_name(best.encoding)


def _python_name(encoding: str) -> str:
    return {"latin_1": "latin-1", "iso8859_15": "iso-8859-15"}.get(encoding, encoding)


def clean_text(text: str) -> str:
    """The text with lone surrogates and NUL characters replaced by U+FFFD (same length, same offsets)."""
    return _UNSTORABLE.sub(REPLACEMENT, text) if _UNSTORABLE.search(text) else text
