"""Date families beyond the core grammar of `extract.parse.dates`: pure functions, no spaCy.

The core grammar reads points, bounds and ranges; this module adds whole families of Danish date
expressions, each a regex (built from the core's fragments and the words in `data/dates_*.csv`) and a
reader that turns a match into a `DateValue`. `read_family` is called by the core parser for text it
cannot read as a point, so lead words ("i", "fra", "senest") and the cache work for these families too;
`FINDER` and `FIRST_WORDS` let the dates component find them in running text.

Conventions (relative ones resolved against the publication date, like the core's):
- An ordinal weekday, day or week in a month ("anden torsdag i maj", "sidste dag i februar 2024", "den
  sidste uge af juni"): without a year, the occurrence nearest the publication date that agrees with the
  tense (the core's rule for a yearless month). The n-th week of a month is the n-th Monday-Sunday week
  with at least four of its days in that month (so "første uge af januar" is ISO week 1); granularity week.
- An offset names one day: "om to uger" published 2024-02-13 is 2024-02-27, "for tre måneder siden" is
  2023-11-13, "halvandet år siden" is 2022-08-13 (months and years are calendar months; a day that does
  not exist becomes the month's last day; half a month is 15 days); granularity day. "ugen efter",
  "dagen før", "måneden efter", "året før" are the whole unit next to the publication date's.
- A weekday of a named week ("mandag i denne uge", "fredag i sidste uge") is that day; granularity day.
- Deictic periods ("indeværende kvartal", "forrige kvartal", "sidste halvår", "denne måned") are the unit
  containing the publication date, moved by the offset in `data/dates_deictic_periods.csv`.
- Holidays are periods of days (`data/dates_holidays.csv`): "påsken" is skærtorsdag to 2. påskedag,
  "pinsen" pinsedag and 2. pinsedag, "julen" 24-26 December; Easter is computed (`holidays.easter`).
  Without a year, the nearest occurrence consistent with the tense; "til jul", "til påske" look forward.
- "skoleåret 2024/25" is 1 August 2024 - 31 July 2025, "studieåret 2024/25" 1 September - 31 August
  (granularity year); "sidste kvartal 2024" is Q4, "sidste halvår 2024" H2.
- Numeric forms the core leaves out: "3.5.23", "24-12-98" (two-digit years, as the core reads them),
  "2019-7-4", "3maj 2022" (a missing space), "28/09" and "den 7-11" (day and month). A day and month
  without a year need "den"/"d." or a weekday before them, or a slash and a two-digit month ("28/09"):
  a bare "7-11" is a range, a house number or a shop, and "24/7" is "all the time".
- A weekday abbreviation before a date ("man. 3. juni", "tirs 4/6", "lør. d. 9. marts") is read as the
  weekday written out: it picks the year in which that date falls on that weekday, when no year is given.
- One rule for a bare weekday, month, quarter or holiday with no tense clue in its sentence (the core's):
  the occurrence nearest the publication date, one that contains it first, a tie going to the past.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from extract.parse import dates as core
from extract.parse.date_vocabulary import counts, deictic_periods, named_years, ordinals, weekday_abbreviations
from extract.parse.dates import (
    DAY_PREFIX,
    DAYNUM,
    MONTH_ANY,
    MONTHNUM,
    WEEKDAY,
    WEEKDAYS,
    WS,
    WSO,
    YEAR_DIGITS,
    DateValue,
    Tense,
    phrases,
    strip_group_names,
)
from extract.parse.holidays import holiday_period, holidays
from extract.parse.tries import word_trie

__all__ = ["FAMILIES", "FINDER", "FIRST_WORDS", "Family", "read_family"]

Reader = Callable[[re.Match[str], date | None, "Tense | None"], DateValue | None]


@dataclass(frozen=True, slots=True)
class Family:
    """One family: the regex that reads a whole mention, its reader, and how the finder proposes it."""

    name: str
    pattern: str  # with named groups, matched against the whole (normalised) mention
    read: Reader
    finder: str | None = None  # a stricter pattern for running text; None: the pattern itself

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_DEN = rf"(?:(?:den|d\.){WSO})"
_YEAR = rf"(?:,?{WS}(?P<y>{YEAR_DIGITS}))?"
# "tre dage efter." and "Ugen efter mødtes de" end there; "ugen efter valget" is about the election.
_NEXT_WORD = rf"(?!{WS}(?!(?:{core._PAST}|{core._FUTURE})(?!\w))\w)"


def _year_or_none(m: re.Match[str], group: str = "y") -> int | None:
    text = m.groupdict().get(group)
    return core._year(text) if text else None


def _pick(
    periods: Callable[[int], tuple[date, date] | None],
    year: int | None,
    published: date | None,
    tense: Tense | None,
    granularity: core.Granularity,
    direction: core.Direction | None = None,
) -> DateValue | None:
    """The period in the stated year, or (yearless) the candidate nearest the publication date."""
    if year is not None:
        found = periods(year)
        return DateValue(found[0], found[1], granularity, False) if found else None
    if published is None:
        exists = any(periods(y) for y in (2023, 2024, 2025, 2026))
        return DateValue(None, None, granularity, True) if exists else None
    candidates = [p for y in range(published.year - 1, published.year + 2) if (p := periods(y))]
    if not candidates:
        return None
    start, end = core._choose(candidates, published, direction or tense)
    return DateValue(start, end, granularity, True)


# ----------------------------------------------------------------------------------------- in a month

_ORDINAL = phrases(list(ordinals()))
_IN_MONTH = rf"{_DEN}?(?P<ord>{_ORDINAL}){WS}(?P<what>dag|uge|{WEEKDAY}){WS}(?:i|af){WS}(?P<m>{MONTH_ANY}){_YEAR}"


def _nth_in_month(what: str, n: int, year: int, month: int) -> tuple[date, date] | None:
    """The n-th (or, n = -1, the last) day, week or weekday of a month; None if there is none."""
    length = calendar.monthrange(year, month)[1]
    if what == "dag":
        day = length if n == -1 else n
        return (date(year, month, day),) * 2 if 1 <= day <= length else None
    if what == "uge":  # Monday-Sunday weeks with at least four days in the month
        first = date(year, month, 1)
        monday = first - timedelta(days=first.weekday())
        weeks = []
        while monday <= date(year, month, length):
            inside = sum(1 for k in range(7) if (monday + timedelta(days=k)).month == month)
            if inside >= 4:
                weeks.append((monday, monday + timedelta(days=6)))
            monday += timedelta(days=7)
        if n == -1:
            return weeks[-1]
        return weeks[n - 1] if 1 <= n <= len(weeks) else None
    weekday = WEEKDAYS[what]
    days = [date(year, month, d) for d in range(1, length + 1) if date(year, month, d).weekday() == weekday]
    if n == -1:
        return days[-1], days[-1]
    return (days[n - 1],) * 2 if 1 <= n <= len(days) else None


def _read_in_month(m: re.Match[str], published: date | None, tense: Tense | None) -> DateValue | None:
    what, n, month = m["what"].lower(), ordinals()[" ".join(m["ord"].lower().split())], core._month(m["m"])
    granularity: core.Granularity = "week" if what == "uge" else "day"
    return _pick(lambda y: _nth_in_month(what, n, y, month), _year_or_none(m), published, tense, granularity)


# -------------------------------------------------------------------------------------------- offsets

_COUNT = rf"(?:\d{{1,3}}|{phrases(list(counts()))})"
_QUALIFIER_WORDS = ("godt", "knap", "ca", "cirka", "omkring", "næsten", "små", "lidt", "over")
_QUALIFIER = rf"(?:(?:godt|knap|ca\.|cirka|omkring|næsten|små|lidt{WS}over|over){WS})"
_UNIT = r"(?:dage|dag|døgn|uger|uge|måneder|måned|kvartaler|kvartal|halvår|år)"
_AMOUNT = rf"{_QUALIFIER}?(?P<n>{_COUNT}){WS}(?P<u>{_UNIT})(?:s{WS}tid)?"
_OFFSET = (
    rf"(?:(?P<om>om){WS}|(?P<ago>for){WS})?{_AMOUNT}(?:{WS}(?P<dir>siden|efter|senere|før|tidligere))?"
    rf"|(?P<whole>dagen|ugen|måneden|året){WS}(?P<wdir>efter|før)"
)
# In running text: "siden" ends the mention ("to år siden valget" is "since the election"). "to år
# tidligere", "fem år efter" count from another event of the text, not from the publication date: the
# grammar reads them (the table of expressions), the component does not look for them (no gold file of
# corpus/real has one as a date; three were false positives).
_OFFSET_FINDER = (
    rf"om{WS}{_AMOUNT}"
    rf"|for{WS}{_AMOUNT}{WS}siden"
    rf"|{_AMOUNT}{WS}siden{_NEXT_WORD}"
    rf"|(?:dagen|ugen|måneden|året){WS}(?:efter|før){_NEXT_WORD}"
)
# Offset units: (days, months) one of them counts.
_UNITS: dict[str, tuple[int, int]] = {
    "dag": (1, 0), "dage": (1, 0), "døgn": (1, 0), "uge": (7, 0), "uger": (7, 0), "måned": (0, 1),
    "måneder": (0, 1), "kvartal": (0, 3), "kvartaler": (0, 3), "halvår": (0, 6), "år": (0, 12),
}  # fmt: skip
_WHOLE_UNITS: dict[str, core.Granularity] = {"dagen": "day", "ugen": "week", "måneden": "month", "året": "year"}


def _add_months(day: date, months: int) -> date:
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def _moved(published: date, unit: str, count: float, sign: int) -> date | None:
    """The day `count` units before (sign -1) or after (+1) the publication date; None for half a day."""
    days_per_unit, months_per_unit = _UNITS[unit]
    if days_per_unit:
        days = count * days_per_unit
        return published + timedelta(days=sign * int(days)) if days == int(days) else None
    months = count * months_per_unit
    moved = _add_months(published, sign * int(months))
    if months != int(months):  # half a month
        moved += timedelta(days=sign * 15)
    return moved


def _read_offset(m: re.Match[str], published: date | None, tense: Tense | None) -> DateValue | None:
    if m["whole"]:
        unit = _WHOLE_UNITS[m["whole"].lower()]
        if published is None:
            return DateValue(None, None, unit, True)
        start, end = core._shift(published, unit, 1 if m["wdir"].lower() == "efter" else -1)
        return DateValue(start, end, unit, True)
    count_text = " ".join(m["n"].lower().split())
    count = float(count_text) if count_text.isdigit() else counts()[count_text]
    direction = (m["dir"] or "").lower()
    if bool(m["om"]) == bool(direction) or (m["ago"] and direction != "siden"):
        return None  # "om to uger", "for to uger siden", "to uger siden/efter/før": nothing else
    sign = -1 if direction in ("siden", "før", "tidligere") else 1
    if published is None:
        return DateValue(None, None, "day", True)
    day = _moved(published, m["u"].lower(), count, sign)
    return DateValue(day, day, "day", True) if day else None


# ------------------------------------------------------------------------------------ deictic periods

_DEICTIC = rf"(?P<p>{phrases(list(deictic_periods()))})"


def _unit_around(published: date, unit: str, offset: int) -> tuple[date, date]:
    if unit in ("quarter", "half"):
        size = 3 if unit == "quarter" else 6
        first = (published.month - 1) // size * size + 1 + offset * size
        return core._months(published.year, first, size)
    return core._shift(published, unit, offset)  # type: ignore[arg-type]


def _read_deictic(m: re.Match[str], published: date | None, tense: Tense | None) -> DateValue | None:
    unit, offset = deictic_periods()[" ".join(m["p"].lower().split())]
    granularity: core.Granularity = unit  # type: ignore[assignment]
    if published is None:
        return DateValue(None, None, granularity, True)
    start, end = _unit_around(published, unit, offset)
    return DateValue(start, end, granularity, True)


# ------------------------------------------------------------------------------------- named periods

_NAMED_YEAR = (
    rf"(?P<name>{phrases(list(named_years()))}){WS}(?P<y>{YEAR_DIGITS})"
    rf"(?:{WSO}[/-]{WSO}(?P<y2>(?:19|20)?\d\d))?"
    rf"|sidste{WS}(?P<u>kvartal|halvår)(?:et)?{WS}(?:af{WS}|i{WS})?(?P<uy>{YEAR_DIGITS})"
)


def _read_named_period(m: re.Match[str], published: date | None, tense: Tense | None) -> DateValue | None:
    if m["u"]:
        year = int(m["uy"])
        if m["u"].lower() == "kvartal":
            return DateValue(date(year, 10, 1), date(year, 12, 31), "quarter", False)
        return DateValue(date(year, 7, 1), date(year, 12, 31), "half", False)
    first_month = named_years()[m["name"].lower()]
    year = int(m["y"])
    if m["y2"]:
        second = int(m["y2"]) if len(m["y2"]) == 4 else year // 100 * 100 + int(m["y2"])
        if second != year + 1 or first_month == 1:
            return None
    elif first_month != 1:
        return None  # "skoleåret 2024": which of the two school years is not said
    start, end = core._months(year, first_month, 12)
    return DateValue(start, end, "year", False)


# ------------------------------------------------------------------------------------------ holidays

_HOLIDAY = rf"(?:(?P<til>til){WS})?(?P<name>{phrases(list(holidays()))}){_YEAR}|til{WS}(?P<jul>jul)"


def _read_holiday(m: re.Match[str], published: date | None, tense: Tense | None) -> DateValue | None:
    name = "julen" if m["jul"] else " ".join(m["name"].lower().split())
    direction: core.Direction | None = "future" if m["til"] or m["jul"] else None
    granularity: core.Granularity = "week" if holidays()[name].days == 7 else "day"  # "påskeugen"
    return _pick(lambda y: holiday_period(name, y), _year_or_none(m), published, tense, granularity, direction)


# ------------------------------------------------------------------- a month or week of a deictic year

_YEAR_OFFSETS = {
    "i år": 0,
    "i indeværende år": 0,
    "sidste år": -1,
    "i sidste år": -1,
    "forrige år": -1,
    "i fjor": -1,
    "næste år": 1,
    "i næste år": 1,
}
_IN_DEICTIC_YEAR = (
    rf"(?:(?:{_DEN}?(?P<d>{DAYNUM})\.?{WS})?(?P<m>{core.MONTH_FULL})(?:{WS}måned)?|uge{WS}(?P<w>[1-4]\d|5[0-3]|0?[1-9]))"
    rf"(?:,)?{WS}"
    rf"(?P<ry>{phrases(list(_YEAR_OFFSETS))})(?![a-zæøå])"
)


def _read_in_deictic_year(m: re.Match[str], published: date | None, tense: Tense | None) -> DateValue | None:
    """ "i maj i år", "den 5. maj i år", "uge 5 næste år": that day, month or ISO week of the year named."""
    granularity: core.Granularity = "day" if m["d"] else "month" if m["m"] else "week"
    if published is None:
        return DateValue(None, None, granularity, True)
    year = published.year + _YEAR_OFFSETS[" ".join(m["ry"].lower().split())]
    if m["d"]:
        month, day = core._month(m["m"]), int(m["d"])
        if day > calendar.monthrange(year, month)[1]:
            return None
        return DateValue(date(year, month, day), date(year, month, day), granularity, True)
    if m["m"]:
        start, end = core._months(year, core._month(m["m"]), 1)
        return DateValue(start, end, granularity, True)
    week = int(m["w"])
    if week > date(year, 12, 28).isocalendar()[1]:
        return None  # no week 53 that year
    monday = date.fromisocalendar(year, week, 1)
    return DateValue(monday, monday + timedelta(days=6), granularity, True)


_MONTHS_IN_DEICTIC_YEAR = (
    rf"(?:fra{WS})?(?P<a>{core.MONTH_FULL}){WSO}(?:[-–]|{WS}til){WSO}(?P<b>{core.MONTH_FULL}){WS}"
    rf"(?P<ry>{phrases(list(_YEAR_OFFSETS))})(?![a-zæøå])"
)


def _read_months_in_deictic_year(m: re.Match[str], published: date | None, tense: Tense | None) -> DateValue | None:
    """ "fra februar til maj i år", "marts-maj sidste år": those months of the year named."""
    first, last = core._month(m["a"]), core._month(m["b"])
    if first >= last:
        return None
    if published is None:
        return DateValue(None, None, "month", True)
    year = published.year + _YEAR_OFFSETS[" ".join(m["ry"].lower().split())]
    return DateValue(core._months(year, first, 1)[0], core._months(year, last, 1)[1], "month", True)


# "i det nye år": the coming year when said in the autumn or winter, else the year that has just begun.
_NEW_YEAR = rf"i{WS}det{WS}nye{WS}år(?![a-zæøå])"


def _read_new_year(m: re.Match[str], published: date | None, tense: Tense | None) -> DateValue | None:
    if published is None:
        return DateValue(None, None, "year", True)
    year = published.year + (1 if published.month >= 10 else 0)
    return DateValue(date(year, 1, 1), date(year, 12, 31), "year", True)


# ---------------------------------------------------- a newsroom dateline: month, day, year ("Maj 21, 2012")

_MONTH_DAY_YEAR = rf"(?P<m>{MONTH_ANY}){WS}(?P<d>{DAYNUM}),{WS}(?P<y>{YEAR_DIGITS})"


def _read_month_day_year(m: re.Match[str], published: date | None, tense: Tense | None) -> DateValue | None:
    """ "Maj 21, 2012 09:00 CEST": the English order a newsroom platform writes Danish month names in."""
    month, day, year = core._month(m["m"]), int(m["d"]), int(m["y"])
    if day > calendar.monthrange(year, month)[1]:
        return None
    return DateValue(date(year, month, day), date(year, month, day), "day", False)


# ------------------------------------------------------------------------------- a weekday of a week

_WEEK_OFFSETS = {"denne": 0, "indeværende": 0, "sidste": -1, "forrige": -1, "næste": 1, "kommende": 1}
_WEEKDAY_IN_WEEK = rf"(?P<wd>{WEEKDAY}){WS}i{WS}(?P<w>{phrases(list(_WEEK_OFFSETS))}){WS}uge"


def _read_weekday_in_week(m: re.Match[str], published: date | None, tense: Tense | None) -> DateValue | None:
    """ "mandag i denne uge", "fredag i sidste uge": that weekday of the week the phrase names."""
    if published is None:
        return DateValue(None, None, "day", True)
    monday = published - timedelta(days=published.weekday()) + timedelta(weeks=_WEEK_OFFSETS[m["w"].lower()])
    day = monday + timedelta(days=WEEKDAYS[m["wd"].lower()])
    return DateValue(day, day, "day", True)


# --------------------------------------------------------------------------------- days, other forms

_DAY_ORDINALS = [word for word, n in ordinals().items() if n > 0]
_ORDINAL_DAY = rf"{DAY_PREFIX}(?P<ord>{phrases(_DAY_ORDINALS)}){WS}(?P<m>{MONTH_ANY}){_YEAR}"
_NUMERIC_DAYS = (
    rf"{DAY_PREFIX}(?P<d>{DAYNUM})\.(?P<m>{MONTHNUM})\.(?P<y>\d\d)",  # 3.5.23
    rf"{DAY_PREFIX}(?P<d>{DAYNUM})-(?P<m>{MONTHNUM})-(?P<y>\d\d)",  # 24-12-98
    rf"{DAY_PREFIX}(?P<y>{YEAR_DIGITS})-(?P<m>{MONTHNUM})-(?P<d>{DAYNUM})",  # 2019-7-4
    rf"{DAY_PREFIX}(?P<d>{DAYNUM})(?P<m>{MONTH_ANY}){_YEAR}",  # 3maj 2022
    rf"{DAY_PREFIX}(?P<d>{DAYNUM})[/-](?P<m>{MONTHNUM})",  # 28/09, 7-11
)
# A day and month alone are found after "den"/"d." or a weekday, or as "28/09" (two digits each).
_WEEKDAY_BEFORE = rf"(?:{WEEKDAY}|{phrases(list(weekday_abbreviations()))}\.?),?{WS}"
_DAY_MONTH_FINDER = (
    rf"(?:{_WEEKDAY_BEFORE})?{_DEN}(?:{DAYNUM})[/-](?:{MONTHNUM})(?!{WS}{MONTH_ANY}|{WSO}[-–.])"
    rf"|(?:{_WEEKDAY_BEFORE})(?:{DAYNUM})[/-](?:{MONTHNUM})(?!{WS}{MONTH_ANY}|{WSO}[-–.])"
    rf"|(?<!version )(?<!NYT )(?:[0-2]\d|3[01])/(?:0[1-9]|1[0-2])(?![/-]?\d)"  # "EPI-NYT 18/09" is an issue
)


def _day(m: re.Match[str], month: int, day: int) -> core._Spec:
    weekday = WEEKDAYS[m["wd"].lower()] if m.groupdict().get("wd") else None
    return core._Spec("day", year=_year_or_none(m), month=month, day=day, weekday=weekday)


def _read_ordinal_day(m: re.Match[str], published: date | None, tense: Tense | None) -> DateValue | None:
    spec = _day(m, core._month(m["m"]), ordinals()[m["ord"].lower()])
    return core._resolve(spec, published, tense)


def _read_numeric_day(m: re.Match[str], published: date | None, tense: Tense | None) -> DateValue | None:
    bare = m[0][0].isdigit() and not m.groupdict().get("y") and m["m"].isdigit()
    if bare and ("-" in m[0] or len(m["m"]) == 1):
        return None  # "7-11" is a range or a house number, "24/7" all the time; "28/09", "den 7-11" are days
    month = int(m["m"]) if m["m"].isdigit() else core._month(m["m"])
    return core._resolve(_day(m, month, int(m["d"])), published, tense)


_DATE_BODY = (
    rf"{_DEN}?{DAYNUM}(?:\.{WSO}|{WS})?{MONTH_ANY}(?:,?{WS}{YEAR_DIGITS})?"
    rf"|{_DEN}?{DAYNUM}/{MONTHNUM}(?:[-/](?:{YEAR_DIGITS}|\d\d)|{WS}{YEAR_DIGITS})?"
    rf"|{_DEN}?{DAYNUM}\.{MONTHNUM}\.(?:{YEAR_DIGITS}|\d\d)"
    rf"|{_DEN}?{DAYNUM}-{MONTHNUM}(?:-(?:{YEAR_DIGITS}|\d\d))?"
)
_ABBREVIATED_WEEKDAY = rf"(?P<abbr>{phrases(list(weekday_abbreviations()))})(?:\.{WSO}|,?{WS})(?P<rest>{_DATE_BODY})"


def _read_abbreviated_weekday(m: re.Match[str], published: date | None, tense: Tense | None) -> DateValue | None:
    rest = m["rest"]
    if not re.match(r"(?:den|d\.)", rest):
        rest = f"den {rest}"
    return core._parse(f"{weekday_abbreviations()[m['abbr'].lower()]} {rest}", published, tense)


FAMILIES: tuple[Family, ...] = (
    Family("in_month", _IN_MONTH, _read_in_month),
    Family("in_deictic_year", _IN_DEICTIC_YEAR, _read_in_deictic_year),
    Family("months_in_deictic_year", _MONTHS_IN_DEICTIC_YEAR, _read_months_in_deictic_year),
    Family("new_year", _NEW_YEAR, _read_new_year),
    Family("month_day_year", _MONTH_DAY_YEAR, _read_month_day_year),
    Family("weekday_in_week", _WEEKDAY_IN_WEEK, _read_weekday_in_week),
    Family("offset", _OFFSET, _read_offset, _OFFSET_FINDER),
    Family("named_period", _NAMED_YEAR, _read_named_period),
    Family("deictic_period", _DEICTIC, _read_deictic),
    Family("holiday", _HOLIDAY, _read_holiday),
    Family("ordinal_day", _ORDINAL_DAY, _read_ordinal_day),
    Family("weekday_abbreviation", _ABBREVIATED_WEEKDAY, _read_abbreviated_weekday),
    Family("numeric_day", _NUMERIC_DAYS[0], _read_numeric_day, rf"(?<!version ){_NUMERIC_DAYS[0]}"),
    *(Family("numeric_day", p, _read_numeric_day) for p in _NUMERIC_DAYS[1:-1]),
    Family("numeric_day", _NUMERIC_DAYS[-1], _read_numeric_day, _DAY_MONTH_FINDER),
)


def read_family(text: str, published: date | None, tense: Tense | None) -> DateValue | None:
    """The value of a whole mention in one of the families (lower case, single spaces), or None."""
    for family in FAMILIES:
        m = family.regex.fullmatch(text)
        if m is not None:
            value = family.read(m, published, tense)
            if value is not None:
                return value
    return None


_PLAIN_AMOUNT = strip_group_names(_AMOUNT)
_WORDS = [
    *_DAY_ORDINALS,
    *(p.split()[0] for p in deictic_periods()),
    *(n.split()[0] for n in named_years()),
    *(n.split()[0] for n in holidays() if not n[0].isdigit()),
    *("om", "for", "dagen", "ugen", "måneden", "året", "til"),
    *(w.split()[0] for w in counts()),
    *_QUALIFIER_WORDS,
    *weekday_abbreviations(),
]
# Where these mentions can start, for the component's one pass over the text: one trie of the words that
# begin a family, then a check precise enough that few places are tried in vain ("om to uger", not every "om").
_GATE = rf"{word_trie(sorted(set(_WORDS)))}(?![\wæøå])"
FIRST_WORDS: tuple[str, ...] = (
    rf"(?={_GATE})"
    rf"(?:{word_trie(_DAY_ORDINALS)}"
    rf"|om{WS}{_PLAIN_AMOUNT}|for{WS}{_PLAIN_AMOUNT}|{_PLAIN_AMOUNT}{WS}(?:siden|efter|før|senere|tidligere)"
    rf"|(?:dagen|ugen|måneden|året){WS}(?:efter|før)"
    rf"|{strip_group_names(phrases([*deictic_periods(), *named_years(), *holidays()]))}"
    rf"|{phrases(list(weekday_abbreviations()))}(?:\.{WSO}|,?{WS})(?:den|d\.|\d))",
)
# One alternation for the component, tried only where FIRST_WORDS or a digit says a mention can start.
_FINDER_GATE = rf"(?=\d|{word_trie(sorted({*_WORDS, 'den', 'd', 'i', 'uge', *WEEKDAYS, *core.MONTHS}))}(?![\wæøå]))"
FINDER = rf"{_FINDER_GATE}(?:" + "|".join(strip_group_names(f.finder or f.pattern) for f in FAMILIES) + ")"
