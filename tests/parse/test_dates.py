"""Date normalisation without spaCy: every shape we read, tense, open periods, and what is not a date."""

from __future__ import annotations

import doctest
import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.parse import dates
from extract.parse.dates import MONTHS, DateValue, detect_tense, parse_date, to_date

D = date.fromisoformat
# A Wednesday in ISO week 11 (13-19 March 2023): weekdays, weeks and "nearest" are easy to check.
PUBLISHED = D("2023-03-15")


def case(text: str, start: str | None, end: str | None, granularity: str, relative: bool, *, tense=None):
    """One example; its id is the mention itself (plus the tense when one is given)."""
    ident = f"{text} [{tense}]" if tense else text
    return pytest.param(
        text, tense, D(start) if start else None, D(end) if end else None, granularity, relative, id=ident
    )


# Published 2023-03-15 (Wednesday).
EXAMPLES = [
    # Days with a year.
    case("den 24. marts 2022", "2022-03-24", "2022-03-24", "day", False),
    case("24. marts 2022", "2022-03-24", "2022-03-24", "day", False),
    case("d. 24. marts 2022", "2022-03-24", "2022-03-24", "day", False),
    case("24 marts 2022", "2022-03-24", "2022-03-24", "day", False),
    case("24.3.2022", "2022-03-24", "2022-03-24", "day", False),
    case("24.03.2022", "2022-03-24", "2022-03-24", "day", False),
    case("24/3-2022", "2022-03-24", "2022-03-24", "day", False),
    case("24/3/2022", "2022-03-24", "2022-03-24", "day", False),
    case("24/3 2022", "2022-03-24", "2022-03-24", "day", False),
    case("2022-03-24", "2022-03-24", "2022-03-24", "day", False),
    case("12-06-2018", "2018-06-12", "2018-06-12", "day", False),
    case("03-09-2018", "2018-09-03", "2018-09-03", "day", False),
    case("08/11-18", "2018-11-08", "2018-11-08", "day", False),
    case("3/10-2024", "2024-10-03", "2024-10-03", "day", False),
    case("d. 1. juli 2024", "2024-07-01", "2024-07-01", "day", False),
    case("7.juni 2023", "2023-06-07", "2023-06-07", "day", False),
    case("24. okt. 2022", "2022-10-24", "2022-10-24", "day", False),
    case("3. sept. 2021", "2021-09-03", "2021-09-03", "day", False),
    case("den 29. februar 2024", "2024-02-29", "2024-02-29", "day", False),
    case("mandag den 24. marts 2025", "2025-03-24", "2025-03-24", "day", False),
    case("i dag den 1. september 2022", "2022-09-01", "2022-09-01", "day", False),
    case("i dag den 7.juni 2023", "2023-06-07", "2023-06-07", "day", False),
    case("I dag, den 1. september 2022", "2022-09-01", "2022-09-01", "day", False),
    case("i morgen torsdag den 24. marts 2022", "2022-03-24", "2022-03-24", "day", False),
    case("Mar 3, 2012", "2012-03-03", "2012-03-03", "day", False),
    case("March 3, 2012", "2012-03-03", "2012-03-03", "day", False),
    case("3 March 2012", "2012-03-03", "2012-03-03", "day", False),
    # Days without a year: the nearest occurrence, or the one the tense points to.
    case("1. januar", "2023-01-01", "2023-01-01", "day", True),
    case("den 3. maj", "2023-05-03", "2023-05-03", "day", True),
    case("onsdag den 3. maj", "2023-05-03", "2023-05-03", "day", True),
    case("Tirsdag d. 14 marts", "2023-03-14", "2023-03-14", "day", True),
    case("den 24/3", "2023-03-24", "2023-03-24", "day", True),
    case("1. december", "2022-12-01", "2022-12-01", "day", True),
    case("1. december", "2023-12-01", "2023-12-01", "day", True, tense="future"),
    case("1. juni", "2022-06-01", "2022-06-01", "day", True, tense="past"),
    case("1. juni", "2023-06-01", "2023-06-01", "day", True, tense="future"),
    # Within a month of publication the nearest day wins over the tense (a verb in another clause).
    case("1. april", "2023-04-01", "2023-04-01", "day", True, tense="past"),
    case("den 10. marts", "2023-03-10", "2023-03-10", "day", True, tense="future"),
    case("senest 1. juli", None, "2023-07-01", "day", True),
    case("inden 1. juli", None, "2023-07-01", "day", True),
    case("efter 1. juli 2024", "2024-07-02", None, "day", False),
    case("Fra og med 1. januar 2024", "2024-01-01", None, "day", False),
    # Deictic days.
    case("i dag", "2023-03-15", "2023-03-15", "day", True),
    case("I dag", "2023-03-15", "2023-03-15", "day", True),
    case("d.d.", "2023-03-15", "2023-03-15", "day", True),
    case("dags dato", "2023-03-15", "2023-03-15", "day", True),
    case("i morges", "2023-03-15", "2023-03-15", "day", True),
    case("i går", "2023-03-14", "2023-03-14", "day", True),
    case("i går aftes", "2023-03-14", "2023-03-14", "day", True),
    case("i forgårs", "2023-03-13", "2023-03-13", "day", True),
    case("i morgen", "2023-03-16", "2023-03-16", "day", True),
    case("i overmorgen", "2023-03-17", "2023-03-17", "day", True),
    case("fra i dag", "2023-03-15", None, "day", True),
    case("siden i går", "2023-03-14", None, "day", True),
    # Weekdays.
    case("på mandag", "2023-03-20", "2023-03-20", "day", True),
    case("på onsdag", "2023-03-22", "2023-03-22", "day", True),
    case("i søndags", "2023-03-12", "2023-03-12", "day", True),
    case("i onsdags", "2023-03-08", "2023-03-08", "day", True),
    case("sidste fredag", "2023-03-10", "2023-03-10", "day", True),
    case("næste fredag", "2023-03-17", "2023-03-17", "day", True),
    case("mandag", "2023-03-13", "2023-03-13", "day", True),
    case("mandag", "2023-03-13", "2023-03-13", "day", True, tense="past"),
    case("mandag", "2023-03-20", "2023-03-20", "day", True, tense="future"),
    case("natten til lørdag", "2023-03-10", "2023-03-11", "day", True, tense="past"),
    # Weeks.
    case("i sidste uge", "2023-03-06", "2023-03-12", "week", True),
    case("i næste uge", "2023-03-20", "2023-03-26", "week", True),
    case("i denne uge", "2023-03-13", "2023-03-19", "week", True),
    case("tidligere på ugen", "2023-03-13", "2023-03-19", "week", True),
    case("uge 12", "2023-03-20", "2023-03-26", "week", True),
    case("uge 10", "2023-03-06", "2023-03-12", "week", True),
    case("i uge 12, 2024", "2024-03-18", "2024-03-24", "week", False),
    case("uge 1 2025", "2024-12-30", "2025-01-05", "week", False),
    # Months.
    case("i oktober", "2022-10-01", "2022-10-31", "month", True),
    case("i oktober", "2023-10-01", "2023-10-31", "month", True, tense="future"),
    case("i marts", "2023-03-01", "2023-03-31", "month", True),
    case("januar 2017", "2017-01-01", "2017-01-31", "month", False),
    case("i oktober 2016", "2016-10-01", "2016-10-31", "month", False),
    case("Fra januar 2017", "2017-01-01", None, "month", False),
    case("dec. 2022", "2022-12-01", "2022-12-31", "month", False),
    case("i sidste måned", "2023-02-01", "2023-02-28", "month", True),
    case("i næste måned", "2023-04-01", "2023-04-30", "month", True),
    case("oktober", "2022-10-01", "2022-10-31", "month", True),
    case("Primo juni 2020", "2020-06-01", "2020-06-30", "month", False),
    case("ultimo marts", "2023-03-01", "2023-03-31", "month", True),
    case("sidst i oktober", "2022-10-01", "2022-10-31", "month", True, tense="past"),
    case("frem til august", None, "2023-08-31", "month", True),
    case("siden oktober", "2022-10-01", None, "month", True),
    # Years.
    case("i 2017", "2017-01-01", "2017-12-31", "year", False),
    case("fra 2017", "2017-01-01", None, "year", False),
    case("i år", "2023-01-01", "2023-12-31", "year", True),
    case("sidste år", "2022-01-01", "2022-12-31", "year", True),
    case("næste år", "2024-01-01", "2024-12-31", "year", True),
    case("i fjor", "2022-01-01", "2022-12-31", "year", True),
    case("i år 2030", "2030-01-01", "2030-12-31", "year", False),
    case("medio 2025", "2025-01-01", "2025-12-31", "year", False),
    case("ultimo 2024", "2024-01-01", "2024-12-31", "year", False),
    case("i begyndelsen af 2025", "2025-01-01", "2025-12-31", "year", False),
    case("siden begyndelsen af 2021", "2021-01-01", None, "year", False),
    case("i løbet af 2024", "2024-01-01", "2024-12-31", "year", False),
    case("frem til 2030", None, "2030-12-31", "year", False),
    case("frem mod 2050", None, "2050-12-31", "year", False),
    case("senest i 2025", None, "2025-12-31", "year", False),
    case("inden udgangen af 2025", None, "2025-12-31", "year", False),
    case("frem til udgangen af 2023", None, "2023-12-31", "year", False),
    case("ved udgangen af 2025", None, "2025-12-31", "year", False),
    case("med udgangen af 2025", "2025-12-31", "2025-12-31", "day", False),
    case("inden 2030", None, "2030-12-31", "year", False),
    case("før 2030", None, "2029-12-31", "year", False),
    case("efter 2030", "2031-01-01", None, "year", False),
    case("siden 2014", "2014-01-01", None, "year", False),
    case("frem til næste år", None, "2024-12-31", "year", True),
    # Quarters and halves.
    case("1. kvartal 2025", "2025-01-01", "2025-03-31", "quarter", False),
    case("første kvartal 2025", "2025-01-01", "2025-03-31", "quarter", False),
    case("4. kvartal 2024", "2024-10-01", "2024-12-31", "quarter", False),
    case("Q3 2024", "2024-07-01", "2024-09-30", "quarter", False),
    case("i 1. kvartal", "2023-01-01", "2023-03-31", "quarter", True),
    case("2. halvår 2024", "2024-07-01", "2024-12-31", "half", False),
    case("første halvår", "2023-01-01", "2023-06-30", "half", True),
    case("anden halvdel af 2024", "2024-07-01", "2024-12-31", "half", False),
    # Seasons (DMI: a winter is named by its January).
    case("i foråret 2024", "2024-03-01", "2024-05-31", "season", False),
    case("i efteråret", "2022-09-01", "2022-11-30", "season", True),
    case("i efteråret", "2023-09-01", "2023-11-30", "season", True, tense="future"),
    case("sommeren 2025", "2025-06-01", "2025-08-31", "season", False),
    case("vinteren 2023/24", "2023-12-01", "2024-02-29", "season", False),
    case("vinteren 2023-2024", "2023-12-01", "2024-02-29", "season", False),
    case("vinteren 2024", "2023-12-01", "2024-02-29", "season", False),
    case("næste vinter", "2023-12-01", "2024-02-29", "season", True),
    case("til foråret", "2023-03-01", "2023-05-31", "season", True),
    # Periods.
    case("fra 2017 til 2020", "2017-01-01", "2020-12-31", "year", False),
    case("2018-2023", "2018-01-01", "2023-12-31", "year", False),
    case("i perioden 2018-2023", "2018-01-01", "2023-12-31", "year", False),
    case("i perioden 2018-23", "2018-01-01", "2023-12-31", "year", False),
    case("i årene 2018-2023", "2018-01-01", "2023-12-31", "year", False),
    case("2024 til 2028", "2024-01-01", "2028-12-31", "year", False),
    case("2024\u20132028", "2024-01-01", "2028-12-31", "year", False),
    case("mellem 2020 og 2022", "2020-01-01", "2022-12-31", "year", False),
    case("3.-4. maj 2021", "2021-05-03", "2021-05-04", "day", False),
    case("d. 2. til 9. december 2021", "2021-12-02", "2021-12-09", "day", False),
    case("d. 2. til 9. december", "2022-12-02", "2022-12-09", "day", True),
    case("fra 1. januar til 31. marts 2024", "2024-01-01", "2024-03-31", "day", False),
    case("januar-marts 2024", "2024-01-01", "2024-03-31", "month", False),
    case("fra januar til marts 2024", "2024-01-01", "2024-03-31", "month", False),
    case("28. december - 3. januar 2024", "2023-12-28", "2024-01-03", "day", False),
    case("november-februar", "2022-11-01", "2023-02-28", "month", True),
    case("1.-3. kvartal 2025", "2025-01-01", "2025-09-30", "quarter", False),
]


@pytest.mark.parametrize(("text", "tense", "start", "end", "granularity", "relative"), EXAMPLES)
def test_parse_date(text, tense, start, end, granularity, relative) -> None:
    assert parse_date(text, PUBLISHED, tense) == DateValue(start, end, granularity, relative)


# The seed's release date (Wednesday 2016-12-14): the tense decides which October or March is meant.
DECEMBER = [
    case("i oktober", "2016-10-01", "2016-10-31", "month", True, tense="past"),
    case("i oktober", "2016-10-01", "2016-10-31", "month", True),
    case("i marts", "2016-03-01", "2016-03-31", "month", True, tense="past"),
    case("i marts", "2017-03-01", "2017-03-31", "month", True, tense="future"),
    case("i marts", "2017-03-01", "2017-03-31", "month", True),
    case("i december", "2016-12-01", "2016-12-31", "month", True, tense="past"),
    case("i december", "2016-12-01", "2016-12-31", "month", True, tense="future"),
    case("1. januar", "2017-01-01", "2017-01-01", "day", True),
    case("på mandag", "2016-12-19", "2016-12-19", "day", True),
    case("i søndags", "2016-12-11", "2016-12-11", "day", True),
    case("uge 52", "2016-12-26", "2017-01-01", "week", True),
    case("næste år", "2017-01-01", "2017-12-31", "year", True),
    case("siden oktober", "2016-10-01", None, "month", True),
]


@pytest.mark.parametrize(("text", "tense", "start", "end", "granularity", "relative"), DECEMBER)
def test_parse_date_in_december(text, tense, start, end, granularity, relative) -> None:
    assert parse_date(text, "2016-12-14", tense) == DateValue(start, end, granularity, relative)


# Without a publication date a relative mention keeps its granularity but no dates (never "today").
NO_PUBLICATION_DATE = [
    case("i dag", None, None, "day", True),
    case("i oktober", None, None, "month", True),
    case("fra januar", None, None, "month", True),
    case("på mandag", None, None, "day", True),
    case("3.-4. maj", None, None, "day", True),
    case("senest 1. juli", None, None, "day", True),
    case("næste år", None, None, "year", True),
    case("i 2017", "2017-01-01", "2017-12-31", "year", False),
    case("den 24. marts 2022", "2022-03-24", "2022-03-24", "day", False),
    case("fra januar 2017", "2017-01-01", None, "month", False),
]


@pytest.mark.parametrize(("text", "tense", "start", "end", "granularity", "relative"), NO_PUBLICATION_DATE)
def test_parse_date_without_publication_date(text, tense, start, end, granularity, relative) -> None:
    assert parse_date(text, None, tense) == DateValue(start, end, granularity, relative)


NOT_DATES = [
    "kl. 14",
    "kl. 09.30",
    "0900-1200",
    "41 23 45 67",
    "F-16",
    "2030-målet",
    "332,5 millioner kroner",
    "version 2.4.1",
    "13.13.2020",
    "31. februar 2022",
    "30. februar",
    "uge 54",
    "uge 53 2023",
    "2020-2017",
    "fra sidste år",
    "24/7",
    "vinteren 2023/25",
    "hej",
    "",
]


@pytest.mark.parametrize("text", NOT_DATES, ids=[t or "<empty>" for t in NOT_DATES])
def test_not_a_date(text: str) -> None:
    assert parse_date(text, PUBLISHED) is None


FALLBACK = [
    case("marts 3", "2023-03-03", "2023-03-03", "day", True),
]


@pytest.mark.parametrize(("text", "tense", "start", "end", "granularity", "relative"), FALLBACK)
def test_dateparser_reads_what_our_grammar_does_not(text, tense, start, end, granularity, relative) -> None:
    assert parse_date(text, PUBLISHED, tense) == DateValue(start, end, granularity, relative)
    assert parse_date(text, PUBLISHED, tense, fallback=False) is None


def test_value_is_plain_json() -> None:
    value = parse_date("Fra januar 2017", "2016-12-14")
    assert value is not None
    assert value.as_dict() == {"start": "2017-01-01", "end": None, "granularity": "month", "relative": False}
    assert json.loads(json.dumps(value.as_dict())) == value.as_dict()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-12-14", D("2016-12-14")),
        ("2016-12-14T10:02:00+01:00", D("2016-12-14")),
        (D("2016-12-14"), D("2016-12-14")),
        (None, None),
        ("", None),
        ("not a date", None),
    ],
    ids=["iso", "iso-datetime", "date", "none", "empty", "garbage"],
)
def test_to_date(value, expected) -> None:
    assert to_date(value) == expected


TENSES = [
    ("Det seneste møde blev holdt i Paris i oktober.", "i oktober", "past"),
    ("Ministeren vil i marts besøge Kyiv.", "i marts", "future"),
    ("Byggeriet går i gang i uge 34.", "i uge 34", "future"),
    ("Regeringen præsenterede i oktober en plan.", "i oktober", "past"),
    ("Planen blev vedtaget, og den gennemføres i marts.", "i marts", "future"),
    ("Vi mødtes i går. Næste møde er i oktober.", "i oktober", None),
    ("Mødet i oktober.", "i oktober", None),
]


@pytest.mark.parametrize(("sentence", "mention", "tense"), TENSES, ids=[t[0] for t in TENSES])
def test_detect_tense(sentence: str, mention: str, tense: str | None) -> None:
    start = sentence.index(mention)
    assert detect_tense(sentence, start, start + len(mention)) == tense


def test_doctests() -> None:
    assert doctest.testmod(dates).failed == 0


MONTH_NAMES = {number: name for name, number in MONTHS.items()}
some_day = st.dates(min_value=date(1950, 1, 1), max_value=date(2069, 12, 31))


@given(some_day)
def test_written_forms_of_any_day(day: date) -> None:
    expected = DateValue(day, day, "day", False)
    for text in (
        f"den {day.day}. {MONTH_NAMES[day.month]} {day.year}",
        f"{day.day}.{day.month}.{day.year}",
        f"{day.day}/{day.month}-{day.year}",
        day.isoformat(),
        f"{day:%d-%m-%Y}",
    ):
        assert parse_date(text) == expected, text


@given(some_day, st.integers(min_value=-2, max_value=2))
def test_deictic_days_follow_the_publication_date(published: date, offset: int) -> None:
    word = {-2: "i forgårs", -1: "i går", 0: "i dag", 1: "i morgen", 2: "i overmorgen"}[offset]
    day = published + timedelta(days=offset)
    assert parse_date(word, published) == DateValue(day, day, "day", True)


@given(some_day, st.sampled_from(list(MONTHS)), st.sampled_from(["past", "future"]))
def test_yearless_month_agrees_with_tense(published: date, month: str, tense: str) -> None:
    value = parse_date(f"i {month}", published, tense)  # type: ignore[arg-type]
    assert value is not None and value.start is not None and value.end is not None
    assert value.relative and value.granularity == "month"
    assert value.start.month == MONTHS[month]
    if tense == "past":
        assert value.start <= published and (value.start.year == published.year or published.month < MONTHS[month])
    else:
        assert value.end >= published and (value.start.year == published.year or published.month > MONTHS[month])


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_any_text_gives_a_value_or_none(text: str) -> None:
    value = parse_date(text, PUBLISHED)
    assert value is None or isinstance(value, DateValue)
