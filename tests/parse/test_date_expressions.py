"""The table of Danish date expressions (`tests/data/date_expressions.jsonl`, written by us).

Each row: the expression, its publication date and tense (if the sentence would give one), the expected
start, end, granularity and relative flag, and its family; rows marked `xfail` are shapes we decided not
to read (the reason is in the row), so that reading them one day is noticed. `bench/date_expressions.py`
scores the same table for us, Duckling and dateparser.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from extract.parse.dates import DateValue, parse_date

TABLE = Path(__file__).resolve().parents[1] / "data" / "date_expressions.jsonl"
ROWS = [json.loads(line) for line in TABLE.read_text(encoding="utf-8").splitlines() if line.strip()]
DEFAULT_PUBLISHED = "2024-02-13"


def _id(row: dict) -> str:
    extra = [str(row["published"])] if row["published"] != DEFAULT_PUBLISHED else []
    extra += [row["tense"]] if row["tense"] else []
    return f"{row['family']}: {row['text']}" + (f" [{', '.join(extra)}]" if extra else "")


def _param(row: dict):
    marks = [pytest.mark.xfail(strict=True, reason=row["xfail"])] if "xfail" in row else []
    return pytest.param(row, id=_id(row), marks=marks)


READ = [_param(row) for row in ROWS if "xfail" not in row]
NOT_READ = [_param(row) for row in ROWS if "xfail" in row]


def _expected(row: dict) -> DateValue:
    def day(key: str) -> date | None:
        return date.fromisoformat(row[key]) if row[key] else None

    return DateValue(day("start"), day("end"), row["granularity"], row["relative"])


@pytest.mark.parametrize("row", READ)
def test_expression(row: dict) -> None:
    assert parse_date(row["text"], row["published"], row["tense"]) == _expected(row)


@pytest.mark.parametrize("row", NOT_READ)
def test_expression_we_do_not_read(row: dict) -> None:
    assert parse_date(row["text"], row["published"], row["tense"]) == _expected(row)


def test_table_covers_every_family() -> None:
    families = Counter(row["family"] for row in ROWS)
    assert len(ROWS) >= 300
    new = {"in_month", "offset", "deictic_period", "ordinal_day", "numeric_day", "weekday_abbreviation"}
    assert new | {"holiday", "season_half"} <= set(families)
    assert min(families.values()) >= 10
    assert len({(r["text"], r["published"], r["tense"]) for r in ROWS}) == len(ROWS)


NOT_DATES = [
    "femte mandag i februar 2024",  # February 2024 has four Mondays
    "Februar 30, 2023",  # no such day
    "den enogtredivte juni",
    "sidste dag i",
    "om to uger siden",
    "for to uger",
    "to uger",
    "om halvanden uge",  # half a day is not a day
    "skoleåret 2024",  # which school year is not said
    "skoleåret 2024/26",
    "31/02",
    "7-11",
    "24/7",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text: str) -> None:
    assert parse_date(text, DEFAULT_PUBLISHED) is None
