"""The gazetteer: its phrase table finds what spaCy's span_ruler finds, and its compiled-pattern cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.pipeline.span_ruler import SpanRuler

from extract.components import gazetteer
from extract.resources import data_path, read_jsonl

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _key(span) -> tuple[int, int, str, str]:  # type: ignore[no-untyped-def]
    return span.start, span.end, span.label_, span.id_


def test_phrase_table_finds_what_the_span_ruler_finds(nlp: Language) -> None:
    """Every fourth phrase pattern of the packaged file (both must read them alike) over the corpus."""
    rows = [r for r in read_jsonl(data_path(gazetteer.DEFAULT_PATTERNS)) if isinstance(r["pattern"], str)][::4]
    ruler = SpanRuler(nlp, "reference", spans_filter=None, phrase_matcher_attr="ORTH", validate=False)
    ruler.add_patterns(rows)
    table = gazetteer.PhraseTable(gazetteer._compile(nlp, rows)[0])
    for path in sorted(CORPUS.rglob("*.txt")):
        doc = nlp.make_doc(path.read_text(encoding="utf-8"))
        assert sorted(map(_key, table.spans(doc))) == sorted(map(_key, ruler.match(doc))), path.name


def test_overlapping_and_repeated_patterns(nlp: Language) -> None:
    table = gazetteer.PhraseTable(
        gazetteer._compile(
            nlp,
            [
                {"label": "CITY", "pattern": "New York", "id": "1"},
                {"label": "CITY", "pattern": "York", "id": "2"},
                {"label": "ORG", "pattern": "York", "id": "3"},
                {"label": "ORG", "pattern": "York", "id": "3"},
                {"label": "ORG", "pattern": "", "id": "4"},
            ],
        )[0]
    )
    doc = nlp.make_doc("Fra New York til York.")
    assert sorted(map(_key, table.spans(doc))) == [(1, 3, "CITY", "1"), (2, 3, "CITY", "2"), (2, 3, "ORG", "3"),
                                                   (4, 5, "CITY", "2"), (4, 5, "ORG", "3")]  # fmt: skip


def test_compiled_patterns_are_cached_and_rebuilt_when_damaged(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(gazetteer.CACHE_ENV, str(tmp_path / "cache"))
    source = tmp_path / "patterns.jsonl"
    source.write_text(
        '{"label": "CITY", "pattern": "Aarhus", "id": "1"}\n'
        '{"label": "ORG", "pattern": [{"ORTH": "Region"}, {"IS_TITLE": true}], "id": "*"}\n',
        encoding="utf-8",
    )
    first = gazetteer.compiled_patterns(nlp, source)
    (cached,) = (tmp_path / "cache").iterdir()
    assert gazetteer.compiled_patterns(nlp, source) == first
    cached.write_text("{not json", encoding="utf-8")
    assert gazetteer.compiled_patterns(nlp, source) == first
    source.write_text('{"label": "CITY", "pattern": "Odense", "id": "2"}\n', encoding="utf-8")
    assert gazetteer.compiled_patterns(nlp, source) != first  # another file, another cache entry
    monkeypatch.setenv(gazetteer.CACHE_ENV, "")
    assert gazetteer.cache_dir() is None
    assert gazetteer.compiled_patterns(nlp, source)[0][0][1:] == ("CITY", "2")


def test_a_change_of_route_splitting_gives_another_cache_entry(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(gazetteer.CACHE_ENV, str(tmp_path / "cache"))
    source = tmp_path / "patterns.jsonl"
    source.write_text('{"label": "CITY", "pattern": "Aarhus-Aalborg", "id": "1"}\n', encoding="utf-8")
    gazetteer.compiled_patterns(nlp, source)
    monkeypatch.setattr(gazetteer, "splitting_signature", lambda: b"another splitter")
    gazetteer.compiled_patterns(nlp, source)
    assert len(list((tmp_path / "cache").iterdir())) == 2
