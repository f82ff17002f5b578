"""Danish date words kept as data (`data/dates_*.csv`), read once: ordinals, counts, weekday
abbreviations, deictic periods and named years. Holidays have their own module (`holidays`)."""

from __future__ import annotations

import csv
from functools import cache

from extract.resources import data_path

__all__ = ["counts", "deictic_periods", "named_years", "ordinals", "weekday_abbreviations"]


def _rows(name: str) -> list[dict[str, str]]:
    with open(data_path(name), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def ordinals() -> dict[str, int]:
    """ "første" -> 1 ... "enogtredivte" -> 31; "sidste" -> -1 (the last in its month)."""
    return {row["word"]: int(row["number"]) for row in _rows("dates_ordinals.csv")}


@cache
def counts() -> dict[str, float]:
    """Number words of offsets: "to" -> 2, "halvandet" -> 1.5, "et halvt" -> 0.5."""
    return {row["word"]: float(row["value"]) for row in _rows("dates_counts.csv")}


@cache
def weekday_abbreviations() -> dict[str, str]:
    """ "man" -> "mandag", "tirs" -> "tirsdag" ... (written with or without a period)."""
    return {row["abbreviation"]: row["weekday"] for row in _rows("dates_weekday_abbreviations.csv")}


@cache
def deictic_periods() -> dict[str, tuple[str, int]]:
    """ "indeværende kvartal" -> ("quarter", 0), "sidste halvår" -> ("half", -1) ..."""
    return {row["phrase"]: (row["unit"], int(row["offset"])) for row in _rows("dates_deictic_periods.csv")}


@cache
def named_years() -> dict[str, int]:
    """Years that do not start in January: "skoleåret" -> 8 (1 August to 31 July)."""
    return {row["name"]: int(row["first_month"]) for row in _rows("dates_named_years.csv")}
