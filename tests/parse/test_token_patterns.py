"""Token patterns: the same matches as spaCy's Matcher (via a SpanRuler), each word tested once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.pipeline.span_ruler import SpanRuler

from extract.components import gazetteer
from extract.parse.token_patterns import TokenPatterns
from extract.resources import data_path, read_jsonl

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _keys(spans: Any) -> list[tuple[int, int, str, str]]:
    return sorted({(s.start, s.end, s.label_, s.id_) for s in spans})


def _reference(nlp: Language, rows: list[dict[str, Any]]) -> SpanRuler:
    ruler = SpanRuler(nlp, "reference", spans_filter=None, validate=False)
    ruler.add_patterns(rows)
    return ruler


def test_the_gazetteer_patterns_match_what_spacy_matches(nlp: Language) -> None:
    rows = [r for r in read_jsonl(data_path(gazetteer.DEFAULT_PATTERNS)) if not isinstance(r["pattern"], str)]
    ruler, ours = _reference(nlp, rows), TokenPatterns(rows)
    for path in sorted(CORPUS.rglob("*.txt")):
        doc = nlp.make_doc(path.read_text(encoding="utf-8"))
        assert _keys(ours.spans(doc)) == _keys(ruler.match(doc)), path.name


OPERATORS = [
    # (pattern, text, the matched texts)
    ([{"IS_TITLE": True}, {"ORTH": "Kommune"}], "Hun bor i Vejle Kommune.", ["Vejle Kommune"]),
    ([{"IS_TITLE": True, "OP": "?"}, {"ORTH": "Politi"}], "Fyns Politi og Politi", ["Fyns Politi", "Politi", "Politi"]),
    ([{"ORTH": "Fonden"}, {"IS_TITLE": True, "OP": "*"}], "Fonden Gode Hjem gav",
     ["Fonden", "Fonden Gode", "Fonden Gode Hjem"]),
    ([{"ORTH": "Eskadrille"}, {"IS_DIGIT": True, "OP": "+"}], "Eskadrille 722 fløj", ["Eskadrille 722"]),
    ([{"TEXT": {"REGEX": "ministeriet$"}}], "Forsvarsministeriet og ministeriet",
     ["Forsvarsministeriet", "ministeriet"]),
    ([{"LOWER": {"IN": ["nato", "fn"]}}], "NATO, Nato og FN", ["NATO", "Nato", "FN"]),
    ([{"IS_TITLE": True, "TEXT": {"NOT_IN": ["Det"]}}, {"ORTH": "Hospital"}], "Det Hospital, Gentofte Hospital",
     ["Gentofte Hospital"]),
]  # fmt: skip


@pytest.mark.parametrize(("pattern", "text", "expected"), OPERATORS)
def test_operators_and_predicates(nlp: Language, pattern: list[dict[str, Any]], text: str, expected: list[str]) -> None:
    rows = [{"label": "ORG", "pattern": pattern, "id": "*"}]
    doc = nlp.make_doc(text)
    found = TokenPatterns(rows).spans(doc)
    assert sorted(s.text for s in found) == sorted(expected)
    assert _keys(found) == _keys(_reference(nlp, rows).match(doc))


@pytest.mark.parametrize(
    "pattern",
    [[{"POS": "NOUN"}], [{"ORTH": "a", "OP": "{2}"}], [{"LOWER": {"FUZZY": "kommune"}}], [{"_": {"x": 1}}]],
)
def test_what_it_does_not_understand_is_refused(pattern: list[dict[str, Any]]) -> None:
    with pytest.raises(ValueError, match="unsupported"):
        TokenPatterns([{"label": "ORG", "pattern": pattern}])
