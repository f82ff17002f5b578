"""extract evaluate: the scoring rules, and the figures on corpus/test against the README's floor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.evaluate import Mention, Report, evaluate_dir, score
from extract.gold import gold_files, text_path

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


def test_units_compare_without_regard_to_case() -> None:
    """ "TV-kanal" and "tv-kanal" are one lemma: annotators wrote both."""
    from extract.evaluate import _norm_key

    assert _norm_key("unit", "TV-kanal") == _norm_key("unit", "tv-kanal") == "tv-kanal"
    assert _norm_key("currency", "DKK") == "DKK"
    assert _norm_key("value", 3) == 3.0


def test_seed_scores_perfectly_on_entities_and_ministers(nlp) -> None:
    report = evaluate_dir(ROOT / "corpus" / "seed", nlp=nlp)
    assert report.documents == 1
    for table in ("entities", "ministers"):
        assert report.f1(table) == 1.0, table
    assert report.f1("ministers", "values") == 1.0


def readme_floor(block: str = "f1-floor") -> dict[tuple[str, str, str], float]:
    """(table, level, label) -> the F1 the README states for it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    body = text.split(f"<!-- {block}:start -->")[1].split(f"<!-- {block}:end -->")[0]
    floor = {}
    for line in body.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.fullmatch(r"\d\.\d+", cells[1]):
            table, _, label = cells[0].partition(" ")
            floor[(table, "strict", label or "ALL")] = float(cells[1])
            if re.fullmatch(r"\d\.\d+", cells[2]):
                floor[(table, "values", label or "ALL")] = float(cells[2])
    return floor


def below_floor(report, floor: dict[tuple[str, str, str], float]) -> dict:  # type: ignore[no-untyped-def]
    return {
        key: (round(report.f1(key[0], key[1], key[2]), 3), want)
        for key, want in floor.items()
        if report.f1(key[0], key[1], key[2]) + 1e-9 < want
    }


def test_corpus_test_figures_hold_the_readme_floor(nlp) -> None:
    floor = readme_floor()
    assert {"entities", "ministers"} <= {t for t, _, _ in floor}
    report = evaluate_dir(ROOT / "corpus" / "test", nlp=nlp)
    assert report.documents >= 15
    below = below_floor(report, floor)
    assert not below, f"micro-F1 below the README's figures: {below}"


def test_real_test_figures_hold_the_readme_floor(nlp) -> None:
    """Runs where the real releases' texts are restored (not on CI, not in a user's checkout)."""
    folder = ROOT / "corpus" / "real" / "test"
    golds = gold_files(folder)
    assert len(golds) >= 20
    if not all(text_path(p).exists() for p in golds):
        pytest.skip("the real releases' texts are not restored here (corpus/real/README.md)")
    floor = readme_floor("real-floor")
    assert {"entities", "ministers", "dates"} <= {t for t, _, _ in floor}
    report = evaluate_dir(folder, nlp=nlp)
    assert report.documents == len(golds) and report.missing_texts == 0
    below = below_floor(report, floor)
    assert not below, f"micro-F1 on corpus/real/test below the README's figures: {below}"


@pytest.mark.parametrize("flag", ["--json", "--errors"])
def test_cli_evaluate(flag: str) -> None:
    result = CliRunner().invoke(app, ["evaluate", str(ROOT / "corpus" / "seed"), flag])
    assert result.exit_code == 0, result.output
    if flag == "--json":
        assert '"table": "ministers"' in result.output and '"f1": 1.0' in result.output
    else:
        assert "entities    ALL        strict    1.000  1.000  1.000" in result.output


MINISTER_TEXT = "Statsministeren rejser i dag til Bruxelles."


def _minister_row(name: str | None, linked_by: str | None) -> dict:
    return {
        "doc_id": "d",
        "name": name,
        "title": "statsminister",
        "country": "DK",
        "person_id": "mette-frederiksen" if name else None,
        "linked_by": linked_by,
        "conflict": False,
        "text": "Statsministeren",
        "start_char": 0,
        "end_char": 15,
    }


@pytest.mark.parametrize(
    ("row", "holder", "values", "linked"),
    [
        # linked by office: `values` sees the name as written (none), `linked` the holder
        (_minister_row("Mette Frederiksen", "office"), "Mette Frederiksen", (1, 0, 0), (1, 0, 0)),
        (_minister_row("Lars Løkke Rasmussen", "office"), "Mette Frederiksen", (1, 0, 0), (0, 1, 1)),
        (_minister_row(None, None), "Mette Frederiksen", (1, 0, 0), (0, 1, 1)),
        # a gold item without a holder is left out of `linked`
        (_minister_row("Mette Frederiksen", "office"), None, (1, 0, 0), (0, 0, 0)),
    ],
)
def test_values_compare_the_written_name_and_linked_the_person(
    row: dict, holder: str | None, values: tuple, linked: tuple
) -> None:
    from extract.evaluate import gold_mentions, predicted_mentions
    from extract.gold import Gold
    from extract.tables import Tables

    item = {"name": None, "title": "statsminister", "country": "DK", "mentions": [[0, 15]]}
    if holder:
        item["holder"] = holder
    gold = Gold(Path("d.gold.json"), MINISTER_TEXT, {"doc_id": "d", "ministers": [item]})
    preds = predicted_mentions(Tables.from_rows({"ministers": [row]}), {})
    report = Report()
    score(report, preds, gold_mentions(gold), MINISTER_TEXT)
    assert counts(report, "ministers", "values") == values
    assert counts(report, "ministers", "linked") == linked


SUBJECT_TEXT = "Danmark sender et bidrag på op til 150 soldater og op til 20 stabsofficerer."


def _quantity_gold(s: int, e: int, subject: str | None, unit: str) -> dict:
    return {"text": SUBJECT_TEXT[s:e], "span": [s, e], "unit": unit, "subject": subject}


@pytest.mark.parametrize(
    ("pred_subjects", "expected"),
    [
        # right leniently (inflected form of the gold's head); the gold's unit noun counts as no subject
        (("bidrag", None), (1, 0, 0)),
        # the unit given as a subject is a wrong subject, never a right one
        (("bidrag", "stabsofficer"), (1, 1, 0)),
        # a wrong head: a false positive and a missed gold subject
        (("soldat", None), (0, 1, 1)),
        # nothing given: the gold subject is missed
        ((None, None), (0, 0, 1)),
    ],
    ids=["right-and-unit-as-none", "unit-is-wrong", "wrong-head", "missed"],
)
def test_subject_level(pred_subjects: tuple, expected: tuple) -> None:
    from extract.evaluate import gold_mentions
    from extract.gold import Gold

    first, second = (28, 47), (51, 75)
    items = [_quantity_gold(*first, "bidraget", "soldat"), _quantity_gold(*second, "stabsofficerer", "stabsofficer")]
    gold = Gold(Path("d.gold.json"), SUBJECT_TEXT, {"doc_id": "d", "quantities": items})
    golds = gold_mentions(gold)
    assert [g.text for g in golds] == ["op til 150 soldater", "op til 20 stabsofficerer"]
    preds = [
        Mention("d", "quantities", "QUANTITIES", g.start, g.end, g.text, g.values, subject=subject)
        for g, subject in zip(golds, pred_subjects, strict=True)
    ]
    report = Report()
    score(report, preds, golds, SUBJECT_TEXT)
    assert counts(report, "quantities", "subject") == expected
    assert counts(report, "quantities", "lenient") == (2, 0, 0)


def readme_subject_floor() -> dict[tuple[str, str], tuple[float, float]]:
    """(corpus, table) -> the subject precision and recall the README states."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    body = text.split("<!-- subject-floor:start -->")[1].split("<!-- subject-floor:end -->")[0]
    floor = {}
    for line in body.splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and re.fullmatch(r"\d\.\d+", cells[2]):
            floor[(cells[0], cells[1])] = (float(cells[2]), float(cells[3]))
    return floor


@pytest.mark.parametrize("corpus", ["corpus/test", "corpus/real/test"])
def test_subject_figures_hold_the_readme_floor(nlp, corpus: str) -> None:
    floor = {table: pr for (c, table), pr in readme_subject_floor().items() if c == corpus}
    assert set(floor) == {"amounts", "quantities"}
    folder = ROOT / corpus
    if not all(text_path(p).exists() for p in gold_files(folder)):
        pytest.skip("the real releases' texts are not restored here (corpus/real/README.md)")
    report = evaluate_dir(folder, nlp=nlp)
    for table, (precision, recall) in floor.items():
        c = report.counts[(table, "ALL", "subject")]
        assert c.precision + 1e-9 >= precision and c.recall + 1e-9 >= recall, (table, c.precision, c.recall)


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
