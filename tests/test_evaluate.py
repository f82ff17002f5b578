"""extract evaluate: the scoring rules, and the figures on corpus/test against the README's floor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.evaluate import Mention, Report, evaluate_dir, score

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Danmarks bidrag til FN's mission i Mosul blev fremlagt i dag."


def m(table: str, label: str, s: int, e: int, values: tuple = (), optional: bool = False) -> Mention:
    return Mention("d", table, label, s, e, TEXT[s:e], values, optional)


def counts(report: Report, table: str, level: str, label: str = "ALL") -> tuple[int, int, int]:
    c = report.counts[(table, label, level)]
    return c.tp, c.fp, c.fn


def test_genitive_difference_is_a_strict_match() -> None:
    report = Report()
    score(report, [m("entities", "COUNTRY", 0, 8)], [m("entities", "COUNTRY", 0, 7)], TEXT)
    assert counts(report, "entities", "strict") == (1, 0, 0)


def test_overlap_is_lenient_only() -> None:
    report = Report()
    score(report, [m("entities", "CITY", 32, 40)], [m("entities", "CITY", 35, 40)], TEXT)
    assert counts(report, "entities", "strict") == (0, 1, 1)
    assert counts(report, "entities", "lenient") == (1, 0, 0)


def test_label_must_agree() -> None:
    report = Report()
    score(report, [m("entities", "ORG", 35, 40)], [m("entities", "CITY", 35, 40)], TEXT)
    assert counts(report, "entities", "lenient") == (0, 1, 1)
    assert counts(report, "entities", "strict", "CITY") == (0, 0, 1)
    assert counts(report, "entities", "strict", "ORG") == (0, 1, 0)


def test_optional_gold_neither_required_nor_penalised() -> None:
    report = Report()
    score(report, [m("entities", "ORG", 20, 24)], [m("entities", "ORG", 20, 22, optional=True)], TEXT)
    assert counts(report, "entities", "strict") == (0, 0, 0)


def test_values_level_needs_equal_values() -> None:
    gold = [m("dates", "DATES", 54, 59, (("start", "2016-12-14"), ("end", "2016-12-14"), ("granularity", "day")))]
    right = [m("dates", "DATES", 54, 59, gold[0].values)]
    wrong = [m("dates", "DATES", 54, 59, (("start", "2016-12-13"), ("end", "2016-12-14"), ("granularity", "day")))]
    ok, bad = Report(), Report()
    score(ok, right, gold, TEXT)
    score(bad, wrong, gold, TEXT)
    assert counts(ok, "dates", "values") == (1, 0, 0)
    assert counts(bad, "dates", "values") == (0, 1, 1)
    assert counts(bad, "dates", "strict") == (1, 0, 0)
    [problem] = bad.problems
    assert problem.kind == "VALUE" and "start: '2016-12-13' != gold '2016-12-14'" in problem.detail


def test_seed_scores_perfectly_on_entities_and_ministers(nlp) -> None:
    report = evaluate_dir(ROOT / "corpus" / "seed", nlp=nlp)
    assert report.documents == 1
    for table in ("entities", "ministers"):
        assert report.f1(table) == 1.0, table
    assert report.f1("ministers", "values") == 1.0


def readme_floor() -> dict[tuple[str, str], float]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- f1-floor:start -->")[1].split("<!-- f1-floor:end -->")[0]
    floor = {}
    for line in block.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.fullmatch(r"\d\.\d+", cells[1]):
            floor[(cells[0], "strict")] = float(cells[1])
            if re.fullmatch(r"\d\.\d+", cells[2]):
                floor[(cells[0], "values")] = float(cells[2])
    return floor


def test_corpus_test_figures_hold_the_readme_floor(nlp) -> None:
    floor = readme_floor()
    assert {"entities", "ministers"} <= {t for t, _ in floor}
    report = evaluate_dir(ROOT / "corpus" / "test", nlp=nlp)
    assert report.documents >= 15
    below = {
        key: (round(report.f1(key[0], key[1]), 3), want)
        for key, want in floor.items()
        if report.f1(key[0], key[1]) + 1e-9 < want
    }
    assert not below, f"micro-F1 below the README's figures: {below}"


@pytest.mark.parametrize("flag", ["--json", "--errors"])
def test_cli_evaluate(flag: str) -> None:
    result = CliRunner().invoke(app, ["evaluate", str(ROOT / "corpus" / "seed"), flag])
    assert result.exit_code == 0, result.output
    if flag == "--json":
        assert '"table": "ministers"' in result.output and '"f1": 1.0' in result.output
    else:
        assert "entities    ALL        strict    1.000  1.000  1.000" in result.output


def test_loc_predictions_are_not_scored() -> None:
    """LOC is not annotated in our gold files (corpus/ANNOTATION.md): a LOC row is neither a hit nor an error."""
    from extract.evaluate import predicted_mentions
    from extract.tables import Tables, empty_rows

    rows = empty_rows()
    for label, text, start in (("LOC", "Vadehavet", 0), ("ORG", "Naturstyrelsen", 13)):
        rows["entities"].append(
            {
                "doc_id": "d",
                "label": label,
                "text": text,
                "canonical": text,
                "start_char": start,
                "end_char": start + len(text),
                "kb_id": None,
                "country": None,
            }
        )
    mentions = predicted_mentions(Tables.from_rows(rows), {})
    assert [(m.label, m.start, m.end) for m in mentions] == [("ORG", 13, 27)]
