"""Every gold file in the repository validates: spans inside the text, span text equal, right types."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.gold import gold_files, load_gold, text_path, validate_gold

ROOT = Path(__file__).resolve().parent.parent
GOLD = gold_files(ROOT / "corpus") + gold_files(ROOT / "tests" / "data")


def test_corpus_is_there() -> None:
    names = {p.parent.name for p in GOLD}
    assert {"seed", "dev", "test", "data"} <= names
    assert sum(p.parent.name == "dev" for p in GOLD) >= 25
    assert sum(p.parent.name == "test" for p in GOLD) >= 15


@pytest.mark.parametrize("path", GOLD, ids=[p.name.removesuffix(".gold.json") for p in GOLD])
def test_gold_file_validates(path: Path) -> None:
    if not text_path(path).exists():
        pytest.skip(f"the real release text of {path.name} is not restored here (corpus/real/README.md)")
    gold = load_gold(path)
    assert gold.data["doc_id"] == path.name.removesuffix(".gold.json")
    for item in gold.data.get("entities", []):
        for s, e in item["mentions"]:
            assert gold.text[s:e].strip() == gold.text[s:e], (item, s, e)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        pytest.param(
            {"doc_id": "x", "dates": [{"text": "i dag", "span": [0, 5], "granularity": "day"}]},
            "dates[0].text: 'i dag' != text at span 'I dag'",
            id="span-text",
        ),
        pytest.param(
            {"doc_id": "x", "entities": [{"label": "CITY", "canonical": "X", "mentions": [[0, 99]]}]},
            "is not a span inside the text",
            id="outside",
        ),
        pytest.param(
            {"doc_id": "x", "amounts": [{"text": "I", "span": [0, 1], "value": "12"}]},
            "amounts[0].value: '12' is not of type int/float",
            id="type",
        ),
        pytest.param(
            {"doc_id": "x", "entities": [{"label": "TOWN", "canonical": "X", "mentions": [[0, 1]]}]},
            "entities[0].label",
            id="label",
        ),
        pytest.param(
            {"doc_id": "x", "dates": [{"text": "I", "span": [0, 1], "start": "2016-13-01", "granularity": "day"}]},
            "dates[0].start: '2016-13-01' is not an ISO date",
            id="date",
        ),
    ],
)
def test_validator_names_the_problem(data: dict, problem: str) -> None:
    problems = validate_gold(data, "I dag er det mandag.", "f.gold.json")
    assert any(problem in p for p in problems), problems
