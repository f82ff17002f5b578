"""Gazetteer matching: cities, countries and organisations from data files.

The rules are data (`data/gazetteer_patterns.jsonl`, built by `scripts/build_gazetteers.py`): phrase
patterns for every known name and its genitive, plus token patterns for organisation names we do not
know ("…ministeriet", "X Kommune", "X A/S"). Matches go to `doc.spans["gazetteer"]` unfiltered; the
`extract/entities` component decides which of them become entities.

The token patterns go to `extract.parse.token_patterns` (spaCy's Matcher semantics, but each distinct
word tested once, where a `SpanRuler` ran their regexes at every token at three times the tokenizer's
cost). The 21,000 phrase patterns go to a `PhraseTable`: the
same matches as spaCy's PhraseMatcher on ORTH, but built from ORTH hashes that are tokenised once and
cached on disk (`compiled_patterns`, keyed by the patterns file, the tokenizer's settings and the spaCy
version), because tokenising them, which creates some 40,000 lexemes, took most of the seconds
`extract.load()` needed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.attrs import ORTH
from spacy.lang.da import Danish
from spacy.language import Language
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span

from extract import curly_genitives
from extract.parse.token_patterns import TokenPatterns
from extract.resources import data_path, read_jsonl
from extract.routes import splitting_signature

DEFAULT_PATTERNS = "gazetteer_patterns.jsonl"
CACHE_ENV = "PRESSEXTRACT_CACHE"  # a folder for the tokenised patterns; "" turns the cache off


def cache_dir() -> Path | None:
    """Where tokenised patterns are kept: $PRESSEXTRACT_CACHE, else the user's cache folder."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pressextract"


class PhraseTable:
    """Exact token-sequence patterns (ORTH hashes), each with its (label, id): what a PhraseMatcher finds.

    Matching reads the Doc's ORTH hashes once and looks up, at each token that begins some pattern,
    the sequences of the pattern lengths that begin there: linear in the tokens.
    """

    def __init__(self, entries: Iterable[tuple[Sequence[int], str, str]]) -> None:
        self._table: dict[tuple[int, ...], list[tuple[str, str]]] = {}
        lengths: dict[int, set[int]] = {}
        for orths, label, pattern_id in entries:
            if not orths:
                continue  # an empty pattern matches nothing (spaCy drops empty matches too)
            key = tuple(orths)
            values = self._table.setdefault(key, [])
            if (label, pattern_id) not in values:
                values.append((label, pattern_id))
            lengths.setdefault(key[0], set()).add(len(key))
        self._lengths = {first: sorted(ls) for first, ls in lengths.items()}

    def __len__(self) -> int:
        return len(self._table)

    def spans(self, doc: Doc) -> list[Span]:
        """Every match in `doc`, overlapping ones included."""
        orths = doc.to_array(ORTH).tolist()
        found: list[Span] = []
        for i, first in enumerate(orths):
            lengths = self._lengths.get(first)
            if lengths is None:
                continue
            for n in lengths:
                if i + n > len(orths):
                    break  # a slice cut by the end of the text could equal a shorter pattern
                values = self._table.get(tuple(orths[i : i + n]))
                if values is not None:
                    found.extend(Span(doc, i, i + n, label=label, span_id=pid) for label, pid in values)
        return found


# What a patterns file compiles to: phrase patterns as (ORTH hashes, label, id), and token patterns.
_Compiled = tuple[list[tuple[list[int], str, str]], list[dict[str, Any]]]


def _compile(nlp: Language, rows: list[dict[str, Any]]) -> _Compiled:
    """Tokenise the phrase patterns as the pipeline's tokenizer splits texts; keep token patterns as they are."""
    phrases = [r for r in rows if isinstance(r["pattern"], str)]
    tokens = [r for r in rows if not isinstance(r["pattern"], str)]
    hashed = [([hash_string(t.text) for t in nlp.make_doc(r["pattern"])], r["label"], r.get("id", "")) for r in phrases]
    return hashed, tokens


def compiled_patterns(nlp: Language, source: Path) -> _Compiled:
    """The compiled patterns of a JSONL file, from the cache when the file, the tokenizer's settings (with
    the route splitting `make_doc` adds) and the spaCy version are those it was compiled with, else compiled
    now (and cached)."""
    raw = source.read_bytes()
    digest = hashlib.sha256()
    tokenizer = nlp.tokenizer.to_bytes(exclude=["vocab"])  # type: ignore[union-attr]
    for part in (spacy.__version__.encode(), tokenizer, splitting_signature(), curly_genitives.signature(), raw):
        digest.update(hashlib.sha256(part).digest())
    folder = cache_dir()
    path = folder / f"gazetteer-{digest.hexdigest()[:32]}.json" if folder else None
    if path is not None and path.exists():
        try:
            phrases, tokens = json.loads(path.read_text(encoding="utf-8"))
            return [(o, label, pid) for o, label, pid in phrases], tokens
        except (OSError, ValueError, TypeError):
            pass  # a damaged cache file is compiled again below
    compiled = _compile(nlp, read_jsonl(source))
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as fh:
                json.dump(compiled, fh, ensure_ascii=False)
            os.replace(fh.name, path)
        except OSError:
            pass  # a read-only cache folder: compile again next time
    return compiled


class Gazetteer:
    """Write the matches of phrase and token patterns to `doc.spans[spans_key]`, deduplicated, sorted."""

    def __init__(self, nlp: Language, name: str, *, spans_key: str, compiled: _Compiled) -> None:
        self.name = name
        self.spans_key = spans_key
        phrases, token_patterns = compiled
        self.phrases = PhraseTable(phrases)
        self.tokens = TokenPatterns(token_patterns)

    def __call__(self, doc: Doc) -> Doc:
        spans = set(self.phrases.spans(doc))
        spans.update(self.tokens.spans(doc))
        doc.spans[self.spans_key] = sorted(spans)
        return doc


@Danish.factory(
    "extract/gazetteer",
    assigns=["doc.spans"],
    default_config={"spans_key": "gazetteer", "patterns": "default"},
)
def make_gazetteer(nlp: Language, name: str, spans_key: str, patterns: str) -> Gazetteer:
    """The gazetteer with our patterns ("default"), a JSONL file of patterns, or none ("")."""
    if not patterns:
        return Gazetteer(nlp, name, spans_key=spans_key, compiled=([], []))
    source = data_path(DEFAULT_PATTERNS) if patterns == "default" else Path(patterns)
    return Gazetteer(nlp, name, spans_key=spans_key, compiled=compiled_patterns(nlp, source))
