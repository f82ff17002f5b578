"""Danish holidays as periods of days: fixed ones, Easter-based ones (computed), and "nth weekday" ones.

Why computed: Easter moves between 22 March and 25 April, and with it skærtorsdag, langfredag, store
bededag, Kristi himmelfartsdag and pinse; a table of dates would end in some year. The names and rules
are data (`data/dates_holidays.csv`: `easter` with a day offset, `fixed` with `MM-DD`, `nth_weekday` with
`month:n:weekday`, and the number of days the holiday lasts). Pure functions, no spaCy.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from extract.resources import data_path

__all__ = ["Holiday", "easter", "holiday_period", "holidays"]


def easter(year: int) -> date:
    """Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher").

    >>> easter(2024), easter(2025)
    (datetime.date(2024, 3, 31), datetime.date(2025, 4, 20))
    """
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


@dataclass(frozen=True, slots=True)
class Holiday:
    """One name of a holiday and how to find its first day in a year."""

    name: str
    rule: str  # "easter", "fixed" or "nth_weekday"
    value: str  # a day offset from Easter Sunday, "MM-DD", or "month:n:weekday" (Monday = 0)
    days: int  # how many days it lasts ("påsken": skærtorsdag to 2. påskedag, 5)

    def first_day(self, year: int) -> date:
        if self.rule == "easter":
            return easter(year) + timedelta(days=int(self.value))
        if self.rule == "fixed":
            month, day = (int(part) for part in self.value.split("-"))
            return date(year, month, day)
        if self.rule == "nth_weekday":
            month, n, weekday = (int(part) for part in self.value.split(":"))
            first = date(year, month, 1)
            return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        raise ValueError(f"unknown holiday rule {self.rule!r}")


@cache
def holidays() -> dict[str, Holiday]:
    """Holiday names (lower case, single spaces) -> their rule, from `data/dates_holidays.csv`."""
    with open(data_path("dates_holidays.csv"), encoding="utf-8", newline="") as fh:
        return {
            row["name"]: Holiday(row["name"], row["rule"], row["value"], int(row["days"])) for row in csv.DictReader(fh)
        }


def holiday_period(name: str, year: int) -> tuple[date, date]:
    """The inclusive period a holiday covers in a year: `holiday_period("påsken", 2024)` is 28/3-1/4."""
    holiday = holidays()[name]
    start = holiday.first_day(year)
    return start, start + timedelta(days=holiday.days - 1)
