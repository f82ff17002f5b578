"""Normalise Danish date mentions to inclusive periods. Pure functions: no spaCy here.

Why our own grammar first: `dateparser` turns "i 2017" into 2017-12-14 and "i oktober" into the 14th
of October, knows neither "i forgårs", "i søndags", quarters, halves nor seasons, and has no notion of
tense. So the Danish shapes are parsed by the rules below (exact, fast, cached), and dateparser gets
only what those rules do not cover: English date lines ("Mar 3, 2012") and other free-form text that
names a month, each through a parser configured once (with the publication date as RELATIVE_BASE).

Conventions (the annotation guide's, plus the decisions it leaves open):
- A value is an inclusive period `[start, end]`; "fra januar 2017" leaves `end` None, "frem til 2030"
  and "senest 1. juli" leave `start` None; "inden 2030" is a deadline that ends with 2030 (four real gold
  files read it so, by two annotators), but "inden julen" and "før 2030" end the day before, "efter 2030"
  starts the day after.
- A mention without a year, or a deictic one ("i går", "næste år", "på mandag"), is `relative`: it is
  resolved against the publication date and, without one, keeps `start`/`end` None (never "today").
  A month, day, season, quarter or weekday without a year takes the nearest occurrence consistent with
  the tense of its sentence (past: the latest that has begun; future: the earliest that has not ended).
- "primo/medio/ultimo", "i begyndelsen/midten/slutningen af", "først/midt/sidst i" narrow a period by
  an amount no one states, so the value is the whole period named ("primo juni 2020" is June 2020,
  granularity month), as in the gold files; the span keeps the words.
- Seasons follow DMI: forår March-May, sommer June-August, efterår September-November, and
  "vinteren 2024" is December 2023 - February 2024 ("vinteren 2023/24" is the same winter).
- "med udgangen af 2025" is the last day (granularity day); "ved/inden/frem til udgangen af 2025" is
  an open period ending that day (granularity year): "forventes afsluttet ved udgangen af 2017" is a
  deadline, as two annotators read it blind (corpus/real/dev e31_01, e34_04). "fra sidste år" is a
  comparison ("prisniveauet fra sidste år"), not an open period: "fra" is not read in front of a past
  deictic.
- A bound without a tense looks forward ("frem til august", "senest 1. juli"); "siden" looks back.
- "i 2021 og frem" is an open period from 2021, as "fra 2021".
- "i 2019 og 2020" (two years in a row joined by "og") is one period; "den 5. og 6. oktober" is two mentions.
- A yearless day within a month of publication is the nearest one, whatever the tense of the sentence.
- Two-digit years: 00-69 are 2000-2069, 70-99 are 1970-1999.
- "den 5. og 6. oktober 2021" is two mentions (a list of days is not a period); the finder parses the
  first as "den 5. oktober 2021". "3.-4. maj 2021" and "d. 2. til 9. december" are one period.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = [
    "DateValue",
    "Granularity",
    "Tense",
    "TenseReader",
    "detect_tense",
    "parse_date",
    "phrases",
    "sentence_bounds",
    "strip_group_names",
    "to_date",
]

Granularity = Literal["day", "week", "month", "quarter", "half", "season", "year"]
Tense = Literal["past", "future"]
# Words can force a direction stricter than tense: "i søndags" is before the publication day.
Direction = Literal["past", "future", "strict_past", "strict_future"]

GRANULARITIES: tuple[Granularity, ...] = ("day", "week", "month", "quarter", "half", "season", "year")
_RANK = {g: i for i, g in enumerate(GRANULARITIES)}


@dataclass(frozen=True, slots=True)
class DateValue:
    """A normalised mention: an inclusive period; None marks an open end or an unresolvable one."""

    start: date | None
    end: date | None
    granularity: Granularity
    relative: bool

    def as_dict(self) -> dict[str, str | bool | None]:
        """Plain JSON types, as stored in `Span._.date` (Docs must survive `Doc.to_bytes`)."""
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "granularity": self.granularity,
            "relative": self.relative,
        }


# --------------------------------------------------------------------------------------------------
# Vocabulary and regex fragments. Fragments carry named groups for the parser; the finder in
# `extract.components.dates` strips the names (`strip_group_names`) so both read the same grammar.
# Everything is matched case-insensitively; whitespace never crosses a line break.

MONTHS: dict[str, int] = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "mandag": 0, "tirsdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4, "lørdag": 5, "søndag": 6,
}  # fmt: skip
_ORDINAL_WORDS = {"første": 1, "anden": 2, "andet": 2, "tredje": 3, "fjerde": 4, "sidste": 2}
_SEASONS = {"forår": 3, "sommer": 6, "efterår": 9, "vinter": 12}  # first month of the season
ENGLISH_MONTHS: tuple[str, ...] = (
    *"january february march april may june july august september october november december".split(),
    *"jan feb mar apr jun jul aug sept sep oct nov dec".split(),
)
_ENGLISH_MONTHS = "|".join(ENGLISH_MONTHS)


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """An alternation, longest first so that "sept" is tried before "sep"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


WS = r"[^\S\n]+"  # a mention never spans a line break
WSO = r"[^\S\n]*"


def phrases(phrases: list[str]) -> str:
    """An alternation of multi-word phrases, longest first, any run of spaces between words."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "(?:" + "|".join(WS.join(re.escape(w) for w in p.split()) for p in ordered) + ")"


NOT_LETTER = r"(?![a-zæøåéü])"
MONTH_FULL = rf"(?:{_alt(list(MONTHS))}){NOT_LETTER}"
MONTH_ANY = rf"(?:{_alt(list(MONTHS))}|(?:{_alt(list(MONTH_ABBREVIATIONS))})\.?){NOT_LETTER}"
WEEKDAY = rf"(?:{_alt(list(WEEKDAYS))})"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])"
MONTHNUM = r"(?:1[0-2]|0?[1-9])"
YEAR_DIGITS = r"(?:1[89]|20)\d\d"  # historical releases reach back to "januar 1850"
# After these a number is an amount, not a year: "2017 kroner", "i 2017 mio. kr.", "2017 pct.".
AMOUNT_AFTER = (
    rf"{WSO}(?:kr\b|kr\.|kroner|mio\b|mio\.|mia\b|mia\.|mill|millioner|milliarder|euro|dollar"
    r"|usd\b|dkk\b|eur\b|pct\b|pct\.|procent|%)"
)
_DEN = rf"(?:(?:den|d\.){WSO})"
# "i dag den 1. september 2022" and "onsdag den 3. maj" are one mention each.
_DEICTIC_DAY = rf"(?:i{WS}(?:dag|går|morgen|overmorgen|forgårs)|d\.d\.)"
# "Onsdag aften den 9. november": a part of the day may stand between the weekday and its date.
_DAY_PART = rf"(?:{WS}(?:morgen|formiddag|middag|eftermiddag|aften|nat))?"
DAY_PREFIX = rf"(?:(?P<today>{_DEICTIC_DAY}),?{WS})?(?:(?P<wd>{WEEKDAY}){_DAY_PART},?{WS})?{_DEN}?"

DAY_NAMED = rf"{DAY_PREFIX}(?P<d>{DAYNUM})(?:\.{WSO}|{WS})(?P<m>{MONTH_ANY})(?:,?{WS}(?P<y>{YEAR_DIGITS}))?"
DAY_ISO = rf"{DAY_PREFIX}(?P<y>{YEAR_DIGITS})-(?P<m>1[0-2]|0[1-9])-(?P<d>[12]\d|3[01]|0[1-9])"
DAY_DOTTED = rf"{DAY_PREFIX}(?P<d>{DAYNUM})\.(?P<m>{MONTHNUM})\.(?P<y>{YEAR_DIGITS})"
DAY_HYPHEN = rf"{DAY_PREFIX}(?P<d>{DAYNUM})-(?P<m>{MONTHNUM})-(?P<y>{YEAR_DIGITS})"
DAY_SLASH = (
    rf"{DAY_PREFIX}(?P<d>{DAYNUM})/(?P<m>{MONTHNUM})"
    rf"(?:[-/]|{WS}(?={YEAR_DIGITS}))(?P<y>{YEAR_DIGITS}|\d\d)"  # a year after a space has four digits
)
# Without a year "24/3" needs its article: "den 24/3" (a bare "24/7" is not a date).
DAY_SLASH_SHORT = (
    rf"(?:(?P<today>{_DEICTIC_DAY}),?{WS})?(?:(?P<wd>{WEEKDAY}){_DAY_PART},?{WS})?(?:den|d\.){WSO}"
    rf"(?P<d>{DAYNUM})/(?P<m>{MONTHNUM})"
)
DAY_ENGLISH = (
    rf"(?:(?:{_ENGLISH_MONTHS})\.?{WS}{DAYNUM}(?:st|nd|rd|th)?,?{WS}{YEAR_DIGITS}"
    rf"|{DAYNUM}(?:st|nd|rd|th)?{WS}(?:of{WS})?(?:january|february|march|may|june|july|october)"
    rf"{WS}{YEAR_DIGITS})"
)
MONTH_YEAR = rf"(?P<m>{MONTH_ANY})(?:{WS}måned)?{WS}(?P<y>{YEAR_DIGITS})"  # "maj måned 2009"
MONTH_ALONE = rf"(?P<m>{MONTH_FULL})(?:{WS}måned)?"  # "i december måned"
YEAR_ALONE = rf"(?:år{WS})?(?P<y>{YEAR_DIGITS})"
# "uge 9", "uge 9, 2024", "uge 9 i 2024", "Uge 39 - 2018" (a newsletter's dateline)
WEEK = rf"uge{WS}(?P<w>[1-4]\d|5[0-3]|0?[1-9])(?!\d)(?:(?:,?{WS}(?:i{WS})?|{WSO}[-–]{WSO})(?P<y>{YEAR_DIGITS}))?"
QUARTER = (
    rf"(?:(?P<n>[1-4])\.{WSO}|(?P<nw>første|andet|anden|tredje|fjerde|sidste){WS})(?:kvartal|kvt\.?(?!\w))"
    rf"(?:{WS}(?:af{WS}|i{WS})?(?P<y>{YEAR_DIGITS}))?"
    rf"|q(?P<q>[1-4]){WSO}(?P<qy>{YEAR_DIGITS})"
)
HALF = (
    rf"(?:(?P<n>[12])\.{WSO}|(?P<nw>første|andet|anden){WS})halvår(?:et)?"
    rf"(?:{WS}(?:af{WS}|i{WS})?(?P<y>{YEAR_DIGITS}))?"
    rf"|(?P<hw>første|anden|sidste){WS}halvdel{WS}af{WS}(?P<hy>{YEAR_DIGITS})"
)
SEASON = (
    rf"(?:(?P<mod>til|næste|kommende|sidste|forrige){WS})?"
    rf"(?P<s>forår|sommer|efterår|vinter)(?:en|et|perioden)?{NOT_LETTER}"  # "i løbet af sommerperioden"
    rf"(?:{WS}(?P<y>{YEAR_DIGITS})(?:{WSO}[/-]{WSO}(?P<y2>(?:19|20)?\d\d))?)?"
)
WEEKDAY_PHRASE = (
    rf"(?:(?P<mod>på|sidste|forrige|næste|kommende|til|natten{WS}til){WS})?(?P<wd>{WEEKDAY})"
    rf"(?:{WS}(?:morgen|formiddag|middag|eftermiddag|aften|nat))?"  # "søndag aften"
    rf"|i{WS}(?P<wds>{WEEKDAY})s"
)

# Lead words: what they do to the period that follows them.
LeadKind = Literal["in", "from", "from_end", "until", "before", "after", "at_end", "night"]
LEADS: dict[str, LeadKind] = {
    "i": "in",
    "i løbet af": "in",
    "i hele": "in",
    "primo": "in",
    "i begyndelsen af": "in",
    "begyndelsen af": "in",
    "i starten af": "in",
    "starten af": "in",
    "først i": "in",
    "medio": "in",
    "i midten af": "in",
    "midten af": "in",
    "midt i": "in",
    "ultimo": "in",
    "i slutningen af": "in",
    "slutningen af": "in",
    "sidst i": "in",
    "udgangen af": "in",
    "fra": "from",
    "fra og med": "from",
    "siden": "from",
    "frem til": "until",
    "frem mod": "until",
    "hen mod": "until",
    "til udgangen af": "until",
    "frem til og med": "until",
    "indtil": "until",
    "til og med": "until",
    "senest": "until",
    "inden udgangen af": "until",
    "senest ved udgangen af": "until",
    "senest med udgangen af": "until",
    "inden": "until",  # "inden 1. juni 2013", "inden 2030": by then, as the annotators read it (e14, e74)
    "før": "before",
    "efter": "after",
    "ved udgangen af": "until",
    "med udgangen af": "at_end",
    # "fra udgangen af 2022": an open period from the last day of the year
    "fra udgangen af": "from_end",
    # "fortsætter ind i 2023", "for året 2022"
    "ind i": "in",
    "året": "in",
    # "natten til den 5. september": the night before that day (as "natten til lørdag")
    "natten til": "night",
    # "budgetterne for 2011", "ledigheden for december 2022", "pr. 1. december"
    "for": "in",
    "pr.": "in",
    "per": "in",
    # "fra omkring januar 2022", "tidligt i morges", "den kommende vinter", "siden starten i 2007"
    "omkring": "in",
    "tidligt": "in",
    "sent": "in",
    "den": "in",
    "starten i": "in",
    "hen over": "in",
    "henover": "in",
    # "senere i år", "i både 2020 og 2021" ("tilbage i februar": two annotators of three left "tilbage" out)
    # "afgørelsen af 5. oktober 2009", "en frist til den 3. november": only before a day
    "af": "in",
    "til": "until",
    "senere": "in",
    "i både": "in",
    "årets": "in",  # "årets første kvartal"
    # "i perioden frem til 2027": only before a bound (a range after "perioden" is read as a range)
    "i perioden": "in",
    "for perioden": "in",
    "i årene": "in",
    "for årene": "in",
}
# Leads that take only a calendar date, month, year or season after them, never a deictic phrase.
# What may follow them: a number, a month or "uge" ("for 2011", "pr. 1. december", "for december 2022"),
# and after "den" a season looked at from now ("den kommende vinter"); never a deictic phrase ("tak for i
# dag", "et grundlag for næste år", "tallene for forrige kvartal": the phrase is the mention, not the lead).
_CALENDAR_ONLY_LEADS = frozenset({"for", "pr.", "per", "den", "ind i"})
# "i perioden frem til 2027", "i årene frem til og med 2027": those leads only before a bound.
_BOUND_REST = re.compile(r"(?:frem\s+(?:til|mod)|indtil|op\s+til)\b", re.IGNORECASE)
# Leads read only before what their pattern allows: "af 5. oktober 2009" (a decision's date), "til den 3.
# november" (a deadline); "halvdelen af 2022" and "bidrag til 2025" are no dates of that kind.
_DAY_ONLY_LEADS = {
    "af": re.compile(rf"(?:den\s+|d\.\s*)?\d{{1,2}}\.\s*{MONTH_ANY}", re.IGNORECASE),
    # ... and before a month: "Europa-Parlamentsvalget til juni", "forlænget til maj 2021"
    "til": re.compile(rf"(?:den\s+|d\.\s*)?\d{{1,2}}\.\s*{MONTH_ANY}|{MONTH_FULL}", re.IGNORECASE),
    # "senere i år", not "Senere torsdag" (later on Thursday: the day is the mention)
    "senere": re.compile(r"i\s+år\b", re.IGNORECASE),
    **dict.fromkeys(("i perioden", "for perioden", "i årene", "for årene"), _BOUND_REST),
    "året": re.compile(r"\d{4}\b"),  # "året 2022", not "året efter"
}
_CALENDAR_REST = re.compile(
    rf"(?:(?:den|d\.){WSO})?(?:\d|{MONTH_FULL}|uge{NOT_LETTER})|[a-zæøå]*året{WS}\d", re.IGNORECASE
)  # "for skoleåret 2024/25" names its year
_DEN_REST = re.compile(
    rf"(?:kommende|næste|forrige|sidste){WS}(?:forår|sommer|efterår|vinter)(?:en|et)?{NOT_LETTER}", re.IGNORECASE
)
# A bound without a tense in its sentence looks forward, "siden" back.
_LEAD_DIRECTIONS: dict[LeadKind, Tense] = {"until": "future", "before": "future", "after": "future"}
LEAD = phrases(list(LEADS))
RANGE_LEAD = (
    rf"(?:fra(?:{WS}og{WS}med)?|(?:(?:i|for){WS})?perioden(?:{WS}fra)?|(?:(?:i|for){WS})?årene(?:{WS}fra)?"
    rf"|(?:natten{WS})?i?mellem)"  # "natten mellem den 28. og 29. december"
)
# "til", "til og med", "og frem til senest": "fra d. 24. november 2014 og frem til senest d. 19. december 2014"
RANGE_SEP = rf"(?:{WSO}[-–]{WSO}|{WS}(?:og{WS}frem{WS})?til(?:{WS}og{WS}med|{WS}senest)?{WS}|{WS}og{WS})"
DAY_PART = rf"{_DEN}?{DAYNUM}\.?"

# Closed phrases: (unit, offset from the publication date's unit); the finder reads them with Matcher.
LEXICAL: dict[str, tuple[Granularity, int]] = {
    "i dag": ("day", 0),
    "d.d.": ("day", 0),
    "dags dato": ("day", 0),
    "i morges": ("day", 0),
    "i formiddags": ("day", 0),
    "i eftermiddags": ("day", 0),
    "i eftermiddag": ("day", 0),
    "i aften": ("day", 0),
    "her til aften": ("day", 0),
    "her til morgen": ("day", 0),
    "i går": ("day", -1),
    "i går aftes": ("day", -1),
    "i går morges": ("day", -1),
    "i aftes": ("day", -1),
    "i forgårs": ("day", -2),
    "i morgen": ("day", 1),
    "i morgen tidlig": ("day", 1),
    "i overmorgen": ("day", 2),
    "i denne uge": ("week", 0),
    "denne uge": ("week", 0),
    "tidligere på ugen": ("week", 0),
    "senere på ugen": ("week", 0),
    "tidligere på måneden": ("month", 0),
    "senere på måneden": ("month", 0),
    "tidligere på året": ("year", 0),
    "senere på året": ("year", 0),
    "i sidste uge": ("week", -1),
    "sidste uge": ("week", -1),
    "i forrige uge": ("week", -1),
    "forrige uge": ("week", -1),
    "i næste uge": ("week", 1),
    "næste uge": ("week", 1),
    "i den kommende uge": ("week", 1),
    "i denne måned": ("month", 0),
    "i sidste måned": ("month", -1),
    "sidste måned": ("month", -1),
    "i forrige måned": ("month", -1),
    "i næste måned": ("month", 1),
    "næste måned": ("month", 1),
    "i år": ("year", 0),
    "næste års": ("year", 1),  # "næste års budget"
    "i indeværende år": ("year", 0),
    "sidste år": ("year", -1),
    "i sidste år": ("year", -1),
    "forrige år": ("year", -1),
    "i fjor": ("year", -1),
    "næste år": ("year", 1),
    "i næste år": ("year", 1),
    "til næste år": ("year", 1),
    "først på året": ("year", 0),
    "midt på året": ("year", 0),
    "sidst på året": ("year", 0),
    "i løbet af ugen": ("week", 0),
    "i løbet af måneden": ("month", 0),
    "i løbet af året": ("year", 0),
}


def strip_group_names(pattern: str) -> str:
    """Turn named groups into plain groups so fragments can be combined into one finder regex."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# --------------------------------------------------------------------------------------------------
# Syntax: text -> _Spec (what the words say), then semantics: _Spec + publication date -> DateValue.


@dataclass(frozen=True, slots=True)
class _Spec:
    """What a point mention states; missing fields are filled from the publication date."""

    unit: Granularity
    year: int | None = None
    month: int | None = None  # for day and month
    day: int | None = None  # for day
    index: int | None = None  # ISO week, quarter 1-4, half 1-2, first month of a season
    weekday: int | None = None  # a check for dates, the whole mention for "på mandag"
    offset: int | None = None  # deictic: units away from the publication date's unit
    direction: Direction | None = None  # forced by words ("i søndags", "på mandag", "til foråret")
    night: bool = False  # "natten til lørdag": the night before that day
    english: str | None = None  # an English date line, for dateparser


def _flags(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _year(text: str) -> int:
    """A four- or two-digit year (00-69 -> 20xx, 70-99 -> 19xx)."""
    value = int(text)
    if len(text) == 2:
        return 2000 + value if value < 70 else 1900 + value
    return value


def _month(text: str) -> int:
    word = text.lower().rstrip(".")
    return MONTHS.get(word) or MONTH_ABBREVIATIONS[word]


def _day_spec(m: re.Match[str]) -> _Spec:
    groups = m.groupdict()
    month_text = groups["m"]
    month = int(month_text) if month_text.isdigit() else _month(month_text)
    weekday = WEEKDAYS[groups["wd"].lower()] if groups.get("wd") else None
    year = _year(groups["y"]) if groups.get("y") else None
    return _Spec("day", year=year, month=month, day=int(groups["d"]), weekday=weekday)


def _month_spec(m: re.Match[str]) -> _Spec:
    year = _year(m["y"]) if m.groupdict().get("y") else None
    return _Spec("month", year=year, month=_month(m["m"]))


def _year_spec(m: re.Match[str]) -> _Spec:
    return _Spec("year", year=int(m["y"]))


def _week_spec(m: re.Match[str]) -> _Spec:
    return _Spec("week", year=int(m["y"]) if m["y"] else None, index=int(m["w"]))


def _quarter_spec(m: re.Match[str]) -> _Spec:
    if m["q"]:
        return _Spec("quarter", year=int(m["qy"]), index=int(m["q"]))
    if m["n"]:
        index = int(m["n"])
    else:
        index = 4 if m["nw"].lower() == "sidste" else _ORDINAL_WORDS[m["nw"].lower()]  # "sidste kvartal"
    return _Spec("quarter", year=int(m["y"]) if m["y"] else None, index=index)


def _half_spec(m: re.Match[str]) -> _Spec:
    if m["hw"]:
        return _Spec("half", year=int(m["hy"]), index=_ORDINAL_WORDS[m["hw"].lower()])
    index = int(m["n"]) if m["n"] else _ORDINAL_WORDS[m["nw"].lower()]
    return _Spec("half", year=int(m["y"]) if m["y"] else None, index=index)


_SEASON_DIRECTIONS: dict[str, Direction] = {
    "til": "future",
    "næste": "strict_future",
    "kommende": "strict_future",
    "sidste": "strict_past",
    "forrige": "strict_past",
}


def _season_spec(m: re.Match[str]) -> _Spec | None:
    first_month = _SEASONS[m["s"].lower()]
    year = int(m["y"]) if m["y"] else None
    if m["y2"]:
        if first_month != 12 or year is None:
            return None  # only a winter straddles two years
        second = int(m["y2"]) if len(m["y2"]) == 4 else year // 100 * 100 + int(m["y2"])
        if second != year + 1:
            return None
        year = second
    direction = _SEASON_DIRECTIONS.get((m["mod"] or "").lower()) if year is None else None
    return _Spec("season", year=year, index=first_month, direction=direction)


_WEEKDAY_DIRECTIONS: dict[str, Direction] = {
    "på": "strict_future",
    "næste": "strict_future",
    "kommende": "strict_future",
    "til": "strict_future",
    "sidste": "strict_past",
    "forrige": "strict_past",
}


def _weekday_spec(m: re.Match[str]) -> _Spec:
    if m["wds"]:  # "i søndags"
        return _Spec("day", weekday=WEEKDAYS[m["wds"].lower()], direction="strict_past")
    modifier = " ".join((m["mod"] or "").lower().split())
    direction = _WEEKDAY_DIRECTIONS.get(modifier)
    return _Spec("day", weekday=WEEKDAYS[m["wd"].lower()], direction=direction, night=modifier == "natten til")


def _english_spec(m: re.Match[str]) -> _Spec:
    return _Spec("day", english=m[0])


_POINT_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], _Spec | None]], ...] = (
    (_flags(DAY_NAMED), _day_spec),
    (_flags(DAY_ISO), _day_spec),
    (_flags(DAY_DOTTED), _day_spec),
    (_flags(DAY_HYPHEN), _day_spec),
    (_flags(DAY_SLASH), _day_spec),
    (_flags(DAY_SLASH_SHORT), _day_spec),
    (_flags(DAY_ENGLISH), _english_spec),
    (_flags(MONTH_YEAR), _month_spec),
    (_flags(MONTH_ALONE), _month_spec),
    (_flags(YEAR_ALONE), _year_spec),
    (_flags(WEEK), _week_spec),
    (_flags(QUARTER), _quarter_spec),
    (_flags(HALF), _half_spec),
    (_flags(SEASON), _season_spec),
    (_flags(WEEKDAY_PHRASE), _weekday_spec),
)
_LEAD_RE = _flags(rf"(?P<lead>{LEAD}){WS}(?P<rest>.+)")
_RANGE_LEAD_RE = _flags(rf"(?P<lead>{RANGE_LEAD}){WS}(?P<rest>.+)")
_RANGE_SEP_RE = _flags(RANGE_SEP)
_DAY_PART_RE = _flags(rf"{_DEN}?(?P<d>{DAYNUM})\.?")
_SHORT_YEAR_RE = re.compile(r"\d\d")


def _point_spec(text: str) -> _Spec | None:
    """The first rule that reads the whole text, or None."""
    if text in LEXICAL:
        unit, offset = LEXICAL[text]
        return _Spec(unit, offset=offset)
    for pattern, build in _POINT_RULES:
        m = pattern.fullmatch(text)
        if m:
            return build(m)
    return None


# --------------------------------------------------------------------------------------------------
# Semantics.


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, count: int) -> tuple[date, date]:
    """The period of `count` months from month `first` of `year` (first may be < 1 or > 12)."""
    y, m = divmod(year * 12 + first - 1, 12)
    ey, em = divmod(year * 12 + first - 1 + count - 1, 12)
    return date(y, m + 1, 1), _last_day(ey, em + 1)


def _period(spec: _Spec, year: int) -> tuple[date, date] | None:
    """The period a spec names in a given year; None if that date does not exist."""
    try:
        if spec.unit == "day":
            assert spec.month is not None and spec.day is not None
            day = date(year, spec.month, spec.day)
            return day, day
        if spec.unit == "month":
            assert spec.month is not None
            return _months(year, spec.month, 1)
        if spec.unit == "year":
            return date(year, 1, 1), date(year, 12, 31)
        if spec.unit == "week":
            assert spec.index is not None
            monday = date.fromisocalendar(year, spec.index, 1)
            return monday, monday + timedelta(days=6)
        if spec.unit == "quarter":
            assert spec.index is not None
            return _months(year, 3 * spec.index - 2, 3)
        if spec.unit == "half":
            assert spec.index is not None
            return _months(year, 6 * spec.index - 5, 6)
        if spec.unit == "season":
            assert spec.index is not None
            # A winter is named by the year of its January (DMI): "vinteren 2024" starts Dec 2023.
            return _months(year - 1 if spec.index == 12 else year, spec.index, 3)
    except ValueError:
        return None
    raise ValueError(f"unknown unit {spec.unit!r}")


def _choose(candidates: list[tuple[date, date]], published: date, direction: Direction | None) -> tuple[date, date]:
    """The candidate consistent with the direction, nearest to the publication date."""
    if direction == "past":
        pool = [c for c in candidates if c[0] <= published]
        if pool:
            return max(pool)
    elif direction == "future":
        pool = [c for c in candidates if c[1] >= published]
        if pool:
            return min(pool)
    elif direction == "strict_past":
        pool = [c for c in candidates if c[1] < published]
        if pool:
            return max(pool)
    elif direction == "strict_future":
        pool = [c for c in candidates if c[0] > published]
        if pool:
            return min(pool)

    def distance(c: tuple[date, date]) -> tuple[int, int]:
        if c[0] <= published <= c[1]:
            return 0, 0
        gap = (c[0] - published).days if c[0] > published else (published - c[1]).days
        return gap, 0 if c[1] < published else 1  # a tie goes to the past

    return min(candidates, key=distance)


def _shift(published: date, unit: Granularity, offset: int) -> tuple[date, date]:
    """The unit containing the publication date, moved by `offset` units."""
    if unit == "day":
        day = published + timedelta(days=offset)
        return day, day
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        return _months(published.year, published.month + offset, 1)
    if unit == "year":
        return date(published.year + offset, 1, 1), date(published.year + offset, 12, 31)
    raise ValueError(f"no deictic {unit!r}")


@lru_cache(maxsize=32)
def _dateparser(languages: tuple[str, ...], base: date | None) -> DateDataParser:
    """One configured dateparser per language set and publication date.

    dateparser is imported here, not with the module: it takes a good part of a second to import and
    only English date lines and free-form text ever reach it.
    """
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY"}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=list(languages), settings=settings)


_DATEPARSER_PERIODS: dict[str, Granularity] = {"day": "day", "week": "week", "month": "month", "year": "year"}


def _from_dateparser(text: str, languages: tuple[str, ...], base: date | None) -> DateValue | None:
    """Ask dateparser, and widen its single datetime to the period it says it read."""
    data = _dateparser(languages, base).get_date_data(text)
    granularity = _DATEPARSER_PERIODS.get(data.period or "")
    if data.date_obj is None or granularity is None:
        return None
    day = data.date_obj.date()
    start, end = {
        "day": (day, day),
        "week": (day - timedelta(days=day.weekday()), day + timedelta(days=6 - day.weekday())),
        "month": (day.replace(day=1), _last_day(day.year, day.month)),
        "year": (date(day.year, 1, 1), date(day.year, 12, 31)),
    }[granularity]
    return DateValue(start, end, granularity, False)


def _resolve(spec: _Spec, published: date | None, tense: Tense | None) -> DateValue | None:
    """Turn a spec into a period, filling what the text leaves out from the publication date."""
    if spec.english is not None:
        return _from_dateparser(spec.english, ("en",), None)
    if spec.offset is not None:
        if published is None:
            return DateValue(None, None, spec.unit, True)
        start, end = _shift(published, spec.unit, spec.offset)
        return DateValue(start, end, spec.unit, True)
    direction: Direction | None = spec.direction or tense
    if spec.unit == "day" and spec.month is None:  # a weekday alone
        assert spec.weekday is not None
        if published is None:
            return DateValue(None, None, "day", True)
        days = [published + timedelta(days=k) for k in range(-7, 8)]
        chosen = _choose([(d, d) for d in days if d.weekday() == spec.weekday], published, direction)
        start = chosen[0] - timedelta(days=1) if spec.night else chosen[0]
        return DateValue(start, chosen[1], "day", True)
    if spec.year is not None:
        period = _period(spec, spec.year)
        return DateValue(period[0], period[1], spec.unit, False) if period else None
    if published is None:
        # Check that the date can exist at all (29 February exists in a leap year).
        if not any(_period(spec, y) for y in (2023, 2024)):
            return None
        return DateValue(None, None, spec.unit, True)
    candidates = [p for y in range(published.year - 1, published.year + 2) if (p := _period(spec, y))]
    if not candidates:
        return None
    if spec.weekday is not None:  # "onsdag den 3. maj": the year in which the 3rd is a Wednesday
        matching = [c for c in candidates if c[0].weekday() == spec.weekday]
        candidates = matching or candidates
    if spec.direction is None and spec.unit == "day" and _near(candidates, published):
        # "frem til den 19. september" a fortnight ahead, "anholdelserne den 5. september" the day before:
        # a date within a month of publication is that one, whatever tense the sentence's verb has.
        direction = None
    start, end = _choose(candidates, published, direction)
    return DateValue(start, end, spec.unit, True)


NEAR_DAYS = 31


def _near(candidates: list[tuple[date, date]], published: date) -> bool:
    """A candidate lies within NEAR_DAYS of the publication date."""
    return any(abs((c[0] - published).days) <= NEAR_DAYS for c in candidates)


def _needs_anchor(spec: _Spec) -> bool:
    """A bare day number ("3." in "3.-4. maj") has no month of its own."""
    return spec.unit == "day" and spec.month is None and spec.weekday is None


def _fill(spec: _Spec, year: int, month: int) -> _Spec:
    """Borrow the year (and for a bare day the month) that a range's other side states."""
    if spec.year is not None or spec.offset is not None or spec.english is not None:
        return spec
    if spec.unit == "day" and spec.month is None and spec.weekday is not None:
        return spec  # a weekday alone is resolved by itself
    return replace(spec, year=year, month=month if _needs_anchor(spec) else spec.month)


def _parse_range(text: str, published: date | None, tense: Tense | None) -> DateValue | None:
    """`A - B`, `A til B`, `mellem A og B` (with an optional lead); a side may borrow from the other."""
    lead = _RANGE_LEAD_RE.fullmatch(text)
    lead_word = lead["lead"].lower().split()[-1] if lead else ""  # "natten mellem" -> "mellem"
    body = lead["rest"] if lead else text
    for sep in _RANGE_SEP_RE.finditer(body):
        left_text, right_text = body[: sep.start()], body[sep.end() :]
        right_spec = _point_spec(right_text)
        left_spec = _point_spec(left_text)
        joined_by_og = sep[0].strip().lower() == "og"
        if joined_by_og != (lead_word in ("mellem", "imellem")) and not _consecutive_years(left_spec, right_spec):
            continue
        if left_spec is None and right_spec is not None and (day := _DAY_PART_RE.fullmatch(left_text)):
            number = int(day["d"])
            if right_spec.unit == "day":
                left_spec = _Spec("day", day=number)
            elif right_spec.unit in ("quarter", "half") and right_spec.year is not None:
                left_spec = replace(right_spec, index=number)  # "1.-3. kvartal 2025"
        if (
            right_spec is None
            and left_spec is not None
            and left_spec.unit == "year"
            and left_spec.year is not None
            and _SHORT_YEAR_RE.fullmatch(right_text)
        ):
            right_spec = _Spec("year", year=left_spec.year // 100 * 100 + int(right_text))  # "2018-23"
        if right_spec is None and left_spec is not None and left_spec.unit == "week" and right_text.isdigit():
            if 1 <= int(right_text) <= 53:
                right_spec = replace(left_spec, index=int(right_text))  # "fra uge 37 til 38"
        if left_spec is None or right_spec is None:
            continue
        value = _join(left_spec, right_spec, published, tense)
        if value is not None:
            return value
    return None


def _consecutive_years(left: _Spec | None, right: _Spec | None) -> bool:
    """ "2019 og 2020": two years in a row joined by "og" are one period (a budget's two years)."""
    return (
        left is not None
        and right is not None
        and left.unit == right.unit == "year"
        and left.year is not None
        and right.year == left.year + 1
    )


def _join(left: _Spec, right: _Spec, published: date | None, tense: Tense | None) -> DateValue | None:
    """Resolve both ends of a range: the side that states less takes year and month from the other."""
    right_first = _needs_anchor(left) or (left.year is None and right.year is not None)
    first, second = (right, left) if right_first else (left, right)
    first_value = _resolve(first, published, tense)
    if first_value is None:
        return None
    anchor = first_value.end if right_first else first_value.start
    if anchor is None:  # relative, and no publication date to resolve it
        if _needs_anchor(second):
            second_value: DateValue | None = DateValue(None, None, "day", True)
        else:
            second_value = _resolve(second, published, tense)
    else:
        second_value = _resolve(_fill(second, anchor.year, anchor.month), published, tense)
        if second_value is not None and second_value.start and second_value.end and first_value.start:
            assert first_value.end is not None
            wrong_order = second_value.start > first_value.end if right_first else second_value.end < first_value.start
            if wrong_order:  # "28. december - 3. januar 2024", "november-februar"
                year = anchor.year - 1 if right_first else anchor.year + 1
                second_value = _resolve(_fill(second, year, anchor.month), published, tense)
    if second_value is None:
        return None
    left_value, right_value = (second_value, first_value) if right_first else (first_value, second_value)
    granularity = min(left_value.granularity, right_value.granularity, key=_RANK.__getitem__)
    relative = left_value.relative or right_value.relative
    if left_value.start is None or right_value.end is None:
        return DateValue(None, None, granularity, relative)
    if left_value.start > right_value.end:
        return None
    return DateValue(left_value.start, right_value.end, granularity, relative)


def _apply_lead(kind: LeadKind, inner: DateValue) -> DateValue | None:
    """What a lead word does to the period after it."""
    if kind == "in" or (kind == "from" and inner.start is not None and inner.end is None):
        return inner  # "fra 2025 og fremefter" is as open as "2025 og fremefter"
    if (inner.start is None) != (inner.end is None):
        return None  # "senest fra 2017": a bound of a bound is not a mention we understand
    start, end = inner.start, inner.end
    if start is None or end is None:
        granularity = "day" if kind == "at_end" else inner.granularity
        return DateValue(None, None, granularity, inner.relative)
    if kind == "from":
        return replace(inner, end=None)
    if kind == "from_end":
        return replace(inner, start=end, end=None)
    if kind == "until":
        return replace(inner, start=None)
    if kind == "before":
        return replace(inner, start=None, end=start - timedelta(days=1))
    if kind == "after":
        return replace(inner, start=end + timedelta(days=1), end=None)
    if kind == "night":
        return replace(inner, start=start - timedelta(days=1)) if inner.granularity == "day" else None
    return DateValue(end, end, "day", inner.relative)  # at_end


# "i 2021 og frem", "fra 2025 og fremefter": an open period from the year.
ONWARDS = rf"{WS}og{WS}frem(?:efter|over)?"
_ONWARDS_RE = re.compile(rf"(?P<rest>.+){ONWARDS}", re.IGNORECASE)


def _is_holiday(text: str) -> bool:
    from extract.parse.holidays import holidays  # here: that module builds on this one

    words = " ".join(text.lower().split())
    return any(words == name or words.startswith(name + " ") for name in holidays()) or words.startswith("jul")


def _parse(text: str, published: date | None, tense: Tense | None) -> DateValue | None:
    spec = _point_spec(text)
    if spec is not None:
        return _resolve(spec, published, tense)
    onwards = _ONWARDS_RE.fullmatch(text)
    if onwards:
        inner = _parse(onwards["rest"], published, tense)
        return _apply_lead("from", inner) if inner is not None and inner.start is not None else None
    from extract.parse.date_families import read_family  # here: that module builds on this one

    value = read_family(text, published, tense)
    if value is not None:
        return value
    value = _parse_range(text, published, tense)
    if value is not None:
        return value
    m = _LEAD_RE.fullmatch(text)
    if m:
        lead = " ".join(m["lead"].lower().split())
        kind = LEADS[lead]
        if lead == "fra" and LEXICAL.get(m["rest"], ("day", 0))[1] < 0:
            return None  # "prisniveauet fra sidste år": where from, not since when
        if lead in _CALENDAR_ONLY_LEADS and not (_DEN_REST if lead == "den" else _CALENDAR_REST).match(m["rest"]):
            return None
        if lead in _DAY_ONLY_LEADS and not _DAY_ONLY_LEADS[lead].match(m["rest"]):
            return None
        if lead == "inden" and _is_holiday(m["rest"]):
            kind = "before"  # "inden julen": before the holiday begins, unlike the deadline "inden 1. juni"
        default = "past" if lead == "siden" else _LEAD_DIRECTIONS.get(kind)
        inner = _parse(m["rest"], published, tense or default)
        return _apply_lead(kind, inner) if inner is not None else None
    return None


_HAS_MONTH_WORD = re.compile(rf"\b(?:{_alt(list(MONTHS))}|{_ENGLISH_MONTHS})\b", re.IGNORECASE)


@lru_cache(maxsize=8192)
def _parse_cached(text: str, published: date | None, tense: Tense | None, fallback: bool) -> DateValue | None:
    value = _parse(text, published, tense)
    if value is None and fallback and _HAS_MONTH_WORD.search(text):
        # Free-form text our grammar does not read: dateparser, anchored on the publication date.
        has_year = re.search(rf"(?<!\d){YEAR_DIGITS}(?!\d)", text) is not None
        if published is None and not has_year:
            return None
        found = _from_dateparser(text, ("da",), published)
        if found is not None and not has_year:
            found = replace(found, relative=True)
        return found
    return value


def to_date(value: date | datetime | str | None) -> date | None:
    """A publication date from a date, a datetime or an ISO string; None if there is none."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def normalise_text(text: str) -> str:
    """Lower case, one space between words, plain hyphens: the form the grammar reads."""
    return " ".join(text.lower().replace("\u2013", "-").replace("\u2014", "-").split())


def parse_date(
    text: str,
    published: date | datetime | str | None = None,
    tense: Tense | None = None,
    *,
    fallback: bool = True,
) -> DateValue | None:
    """Normalise one Danish date mention; None when the text is not a date we can read.

    `tense` ("past"/"future", from `detect_tense`) picks which October a yearless "i oktober" means.
    With `fallback`, text our grammar does not read but that names a month goes to dateparser; the
    component turns it off, since it only proposes our own shapes and what the grammar rejects
    ("31. februar 2022") must stay rejected.

    >>> parse_date("i oktober", "2016-12-14", tense="past").as_dict()
    {'start': '2016-10-01', 'end': '2016-10-31', 'granularity': 'month', 'relative': True}
    >>> parse_date("fra januar 2017").as_dict()
    {'start': '2017-01-01', 'end': None, 'granularity': 'month', 'relative': False}
    """
    normal, anchor = normalise_text(text), to_date(published)
    try:
        return _parse_cached(normal, anchor, tense, fallback)
    except (OverflowError, ValueError):
        if anchor is None:
            raise
        # An anchor at the calendar's edge (0001-01-01, the null of .NET exports; 9999-12-31): what it
        # would resolve to is not a date, so the mention stays, unanchored like one without a date.
        return _parse_cached(normal, None, tense, fallback)


# --------------------------------------------------------------------------------------------------
# Tense of the sentence around a mention: which occurrence a yearless month or weekday means.

_SENTENCE_BREAK = re.compile(r"[.!?]+[\"”»']?[^\S\n]+(?=[\"“„«]?[A-ZÆØÅ])|\n")
_PAST = (
    r"blev|var|havde|har|holdt|mødtes|mødte|sagde|fik|gav|kom|gik|deltog|vedtog|indgik|underskrev|"
    r"skrev|stod|lå|fandt|kunne|fortalte|valgte|besøgte|sendte|rejste|talte|lagde|nævnte|hørte|"
    r"afholdtes|holdtes|\w{3,}ede|\w{3,}edes"
)
# Danish uses the present for scheduled events ("Byggeriet går i gang i uge 34"): those verbs count.
_FUTURE = (
    r"vil|skal|kommer\s+til\s+at|bliver|forventes|forventer|ventes|planlægger|planlægges|agter|"
    r"påbegyndes|afholdes|holdes|træder\s+i\s+kraft|går\s+i\s+gang|sættes\s+i\s+gang|begynder|"
    r"starter|åbner|lukker|rejser|mødes|afholder|gennemføres|indledes|finder\s+sted|er\s+planlagt|"
    r"planlagt|berammet|udløber|offentliggøres|præsenteres|besøger|deltager"
)
_TENSE_MARKER = re.compile(rf"\b(?:(?P<future>{_FUTURE})|(?P<past>{_PAST}))\b", re.IGNORECASE)


def sentence_bounds(text: str) -> list[int]:
    """Offsets where sentences start (0 first), for `detect_tense`; computed once per text."""
    return [0] + [m.end() for m in _SENTENCE_BREAK.finditer(text)]


class TenseReader:
    """The tense around each mention of one text, with every sentence's tense markers read once.

    Why a class: reading the markers of the whole sentence again for each mention made the cost
    quadratic when a text is one long sentence ("uge 1 uge 2 uge 3 ..." without a period); here each
    sentence is scanned once and each mention looks up its nearest marker by bisection.
    """

    def __init__(self, text: str, bounds: list[int] | None = None) -> None:
        self.text = text
        self.bounds = bounds if bounds is not None else sentence_bounds(text)
        # (scan start, scan end) -> marker starts, marker ends, their tenses (non-overlapping, in order)
        self._markers: dict[tuple[int, int], tuple[list[int], list[int], list[Tense]]] = {}

    def _scan(self, start: int, stop: int) -> tuple[list[int], list[int], list[Tense]]:
        key = (start, stop)
        found = self._markers.get(key)
        if found is None:
            starts: list[int] = []
            ends: list[int] = []
            tenses: list[Tense] = []
            for m in _TENSE_MARKER.finditer(self.text, start, stop):
                starts.append(m.start())
                ends.append(m.end())
                tenses.append("future" if m["future"] else "past")
            found = self._markers[key] = (starts, ends, tenses)
        return found

    def tense(self, start: int, end: int) -> Tense | None:
        """The tense of the verb nearest `text[start:end]` within its sentence; a tie goes to the verb before."""
        i = bisect_right(self.bounds, start) - 1
        s_start = self.bounds[i]
        s_end = self.bounds[i + 1] if i + 1 < len(self.bounds) else len(self.text)
        starts, ends, tenses = self._scan(s_start, max(s_end, end))
        before = bisect_right(ends, start) - 1  # the last marker that ends before the mention starts
        after = bisect_left(starts, end)  # the first marker that starts after the mention ends
        gap_before = start - ends[before] if before >= 0 else None
        gap_after = starts[after] - end if after < len(starts) else None
        if gap_before is not None and (gap_after is None or gap_before <= gap_after):
            return tenses[before]
        return tenses[after] if gap_after is not None else None


def detect_tense(text: str, start: int, end: int, bounds: list[int] | None = None) -> Tense | None:
    """The tense of the verb nearest the mention `text[start:end]` within its sentence, if any.

    "Det seneste møde blev holdt i Paris i oktober" is past; "Ministeren vil i marts ..." is future.
    For many mentions of one text, make one `TenseReader` instead.
    """
    return TenseReader(text, bounds).tense(start, end)
