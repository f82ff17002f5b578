"""Routes and links named by their end points: "Aarhus-Aalborg", "Skanderborg-Herning-Skjern", "Roskilde–Køge".

spaCy's Danish tokenizer keeps a hyphen between two letters inside one token, so a route of known cities
is one token and no city in it can be an entity. A token whose every hyphen-separated part is a city of
our gazetteer is split at its hyphens (the hyphens become tokens of their own). Left whole: names that
are one place or organisation in their own right ("Ringkøbing-Skjern", "Ikast-Brande", the
municipalities our organisations list as "NN Kommune"), and anything with a part we do not know as a
city ("Hans-Christian", "København-Ringsted-banen").
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from spacy.tokens import Doc

from extract.resources import city_records, data_path, read_jsonl

__all__ = ["split_city_routes", "splitting_signature"]

# Starts with a character class, so `re` skips to capital letters in C before trying the rest.
_ROUTE = re.compile(r"[A-ZÆØÅ][a-zæøåéü]+(?:[-–][A-ZÆØÅ][a-zæøåéü]+)+(?![\w–-])")  # a hyphen or an en dash
_DASHES = re.compile(r"([-–])")
_KOMMUNE = " Kommune"


_DATA_FILES = ("cities.jsonl", "organisations.jsonl")


def splitting_signature() -> bytes:
    """What decides how routes are split (this module and the data it reads), for caches of tokenised text.

    Why: the gazetteer caches its patterns tokenised by `make_doc`, which runs this splitter; a change here
    must invalidate that cache as a change of the tokenizer does."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for name in _DATA_FILES:
        digest.update(data_path(name).read_bytes())
    return digest.digest()


@cache
def _city_forms() -> frozenset[str]:
    forms: set[str] = set()
    for record in city_records().values():
        ambiguous = set(record.get("ambiguous") or ())
        forms.update(f for f in record["forms"] if f not in ambiguous)
    return frozenset(forms)


@cache
def _whole_names() -> frozenset[str]:
    """Hyphenated names of one place: every city form, ambiguous ones too ("Sekondi-Takoradi"), and the
    municipalities ("Ringkøbing-Skjern Kommune" -> "Ringkøbing-Skjern")."""
    names = {f for record in city_records().values() for f in record["forms"] if "-" in f}
    for row in read_jsonl("organisations.jsonl"):
        for form in row["forms"]:
            if form.endswith(_KOMMUNE) and "-" in form:
                names.add(form[: -len(_KOMMUNE)])
    return frozenset(names)


def split_city_routes(doc: Doc, text: str) -> Doc:
    """Split each token of the text that is a route of known cities into cities and hyphens."""
    if "-" not in text and "–" not in text:
        return doc
    routes = []
    for m in _ROUTE.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "-"):
            continue
        pieces = _DASHES.split(m[0])  # "Fredericia", "–", "Odense", ...
        if m[0] in _whole_names() or not all(p in _city_forms() for p in pieces[::2]):
            continue
        span = doc.char_span(m.start(), m.end())
        if span is not None and len(span) == 1:
            routes.append((span[0], pieces))
    if routes:
        with doc.retokenize() as retokenizer:
            for token, orths in routes:
                retokenizer.split(token, orths, heads=[(token, 0)] * len(orths))
    return doc
