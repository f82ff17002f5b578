"""Genitives written with a typographic apostrophe, "USA’s" and "NATO’s", as one token.

spaCy's Danish tokenizer keeps "USA's" whole but splits "USA’s" into "USA", "’", "s", so the gazetteer's
genitive forms and every rule that reads a name's genitive ("USA’s udenrigsminister" gives the minister's
country) missed the typographic form that most releases use. The three tokens are merged back.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from spacy.tokens import Doc

__all__ = ["merge_curly_genitives", "signature"]

_CURLY_GENITIVE = re.compile(r"(?<=\w)’s(?!\w)")


def merge_curly_genitives(doc: Doc, text: str) -> Doc:
    """Merge "X", "’", "s" (no spaces between) into one token "X’s"."""
    if "’" not in text:
        return doc
    spans = []
    for m in _CURLY_GENITIVE.finditer(text):
        apostrophe = doc.char_span(m.start(), m.start() + 1)
        if apostrophe is None or apostrophe.start == 0:
            continue  # inside a token already
        word = doc[apostrophe.start - 1]
        if word.whitespace_ or apostrophe.end >= len(doc) or doc[apostrophe.start].whitespace_:
            continue
        if doc[apostrophe.end].text != "s":
            continue
        spans.append(doc[apostrophe.start - 1 : apostrophe.end + 1])
    if spans:
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)
    return doc


def signature() -> bytes:
    """This module's source, for caches of tokenised text (see `extract.routes.splitting_signature`)."""
    return hashlib.sha256(Path(__file__).read_bytes()).digest()
