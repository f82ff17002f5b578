"""Holidays: Easter by computus (checked against dateutil's), and each rule kind of the data file."""

from __future__ import annotations

from datetime import date

import pytest
from dateutil.easter import easter as dateutil_easter
from hypothesis import given
from hypothesis import strategies as st

from extract.parse.holidays import easter, holiday_period, holidays

D = date.fromisoformat


@given(st.integers(min_value=1583, max_value=4099))
def test_easter_agrees_with_dateutil(year: int) -> None:
    assert easter(year) == dateutil_easter(year)


@pytest.mark.parametrize(
    ("name", "year", "start", "end"),
    [
        ("påsken", 2024, "2024-03-28", "2024-04-01"),
        ("skærtorsdag", 2025, "2025-04-17", "2025-04-17"),
        ("store bededag", 2023, "2023-05-05", "2023-05-05"),
        ("kristi himmelfartsdag", 2024, "2024-05-09", "2024-05-09"),
        ("pinsen", 2024, "2024-05-19", "2024-05-20"),
        ("påskeugen", 2024, "2024-03-25", "2024-03-31"),
        ("julen", 2024, "2024-12-24", "2024-12-26"),
        ("grundlovsdag", 2025, "2025-06-05", "2025-06-05"),
        ("mors dag", 2025, "2025-05-11", "2025-05-11"),
        ("allehelgensdag", 2023, "2023-11-05", "2023-11-05"),
    ],
    ids=lambda v: str(v),
)
def test_holiday_period(name: str, year: int, start: str, end: str) -> None:
    assert holiday_period(name, year) == (D(start), D(end))


def test_every_holiday_exists_in_every_year() -> None:
    for name in holidays():
        for year in (1950, 2000, 2024, 2069):
            start, end = holiday_period(name, year)
            assert start <= end and start.year in (year, year + 1), name
