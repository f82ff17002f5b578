"""Money without spaCy: currencies, qualifiers -> bounds, ranges, and Danish formatting round trips."""

from __future__ import annotations

import doctest
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.parse import money
from extract.parse.money import Qualifier, detect_currency, find_measures, find_money, parse_money, parse_qualifiers
from extract.parse.scan import scan

D = Decimal

CURRENCIES = [
    ("kr.", "DKK"),
    ("kr", "DKK"),
    ("kroner", "DKK"),
    ("danske kroner", "DKK"),
    ("DKK", "DKK"),
    ("kr.,-", "DKK"),
    ("euro", "EUR"),
    ("€", "EUR"),
    ("dollars", "USD"),
    ("amerikanske dollars", "USD"),
    ("$", "USD"),
    ("pund", "GBP"),
    ("£", "GBP"),
    ("norske kroner", "NOK"),
    ("svenske kroner", "SEK"),
    ("soldater", None),
]


@pytest.mark.parametrize(("text", "iso"), CURRENCIES, ids=[t for t, _ in CURRENCIES])
def test_detect_currency(text: str, iso: str | None) -> None:
    assert detect_currency(text) == iso


QUALIFIER_CASES = [
    ("op til", Qualifier("upper", False)),
    ("op til ca.", Qualifier("upper", True)),
    ("op imod", Qualifier("upper", False)),
    ("maksimalt", Qualifier("upper", False)),
    ("knap", Qualifier("upper", True)),
    ("mindst", Qualifier("lower", False)),
    ("mere end", Qualifier("lower", False)),
    ("lidt over", Qualifier("lower", True)),
    ("lidt mere end", Qualifier("lower", True)),
    ("godt", Qualifier("lower", True)),
    ("cirka", Qualifier(None, True)),
    ("i omegnen af", Qualifier(None, True)),
    ("i størrelsesordenen", Qualifier(None, True)),
    ("lige knap", Qualifier("upper", True)),
    ("Ca.", Qualifier(None, True)),
    ("", Qualifier(None, False)),
]


@pytest.mark.parametrize(("text", "expected"), QUALIFIER_CASES, ids=[t or "none" for t, _ in QUALIFIER_CASES])
def test_parse_qualifiers(text: str, expected: Qualifier) -> None:
    assert parse_qualifiers(text) == expected


# text -> (value, currency, lower, upper, approximate)
MONEY = [
    ("cirka 332,5 millioner kroner", (D("332500000"), "DKK", None, None, True)),
    ("1,7 mia. kr.", (D("1700000000"), "DKK", None, None, False)),
    ("2,4 mia. kr.", (D("2400000000"), "DKK", None, None, False)),
    ("0,6 mia. kr.", (D("600000000"), "DKK", None, None, False)),
    ("18,3 mio. kr.", (D("18300000"), "DKK", None, None, False)),
    ("415 mio. kroner", (D("415000000"), "DKK", None, None, False)),
    ("190 millioner kr.", (D("190000000"), "DKK", None, None, False)),
    ("tre mia. kr.", (D("3000000000"), "DKK", None, None, False)),
    ("otte mio. kroner", (D("8000000"), "DKK", None, None, False)),
    ("to milliarder kroner", (D("2000000000"), "DKK", None, None, False)),
    ("halvanden million kroner", (D("1500000"), "DKK", None, None, False)),
    ("en halv milliard kroner", (D("500000000"), "DKK", None, None, False)),
    ("kr. 1.500,-", (D("1500"), "DKK", None, None, False)),
    ("1.500 kr.,-", (D("1500"), "DKK", None, None, False)),
    ("DKK 449,00", (D("449"), "DKK", None, None, False)),
    ("1.150.000 kr.", (D("1150000"), "DKK", None, None, False)),
    ("500 t. kr.", (D("500000"), "DKK", None, None, False)),
    ("2,5 mia.kr.", (D("2500000000"), "DKK", None, None, False)),
    ("50 mio. euro", (D("50000000"), "EUR", None, None, False)),
    ("€50 mio.", (D("50000000"), "EUR", None, None, False)),
    ("10 mio. dollars", (D("10000000"), "USD", None, None, False)),
    ("3 millioner pund", (D("3000000"), "GBP", None, None, False)),
    ("100 mio. norske kroner", (D("100000000"), "NOK", None, None, False)),
    ("2 mia. svenske kroner", (D("2000000000"), "SEK", None, None, False)),
    ("op til 5 mia. kr.", (D("5000000000"), "DKK", None, D("5000000000"), False)),
    ("lidt over 2 mia. kr.", (D("2000000000"), "DKK", D("2000000000"), None, True)),
    ("knap 40 mio. kroner", (D("40000000"), "DKK", None, D("40000000"), True)),
    ("mere end 100 mio. kr.", (D("100000000"), "DKK", D("100000000"), None, False)),
    ("op mod 1 mia. kr.", (D("1000000000"), "DKK", None, D("1000000000"), False)),
    ("mellem 2 og 3 mia. kr.", (None, "DKK", D("2000000000"), D("3000000000"), False)),
    ("2-3 mia. kr.", (None, "DKK", D("2000000000"), D("3000000000"), False)),
    ("fra 10 til 15 mio. kr.", (None, "DKK", D("10000000"), D("15000000"), False)),
    ("½ mio. kroner", (D("500000"), "DKK", None, None, False)),
    ("7 øre", (D("0.07"), "DKK", None, None, False)),
    ("2 til 3 mia. kr.", (None, "DKK", D("2000000000"), D("3000000000"), False)),
    ("mellem 2 og op til 3 mia. kr.", (None, "DKK", D("2000000000"), D("3000000000"), False)),
    ("mellem 500.000 og 1 mio. kr.", (None, "DKK", D("500000"), D("1000000"), False)),
    ("mellem 800 mio. og 1,2 mia. kr.", (None, "DKK", D("800000000"), D("1200000000"), False)),
    ("ca. 2-3 mia. kr.", (None, "DKK", D("2000000000"), D("3000000000"), True)),
]


@pytest.mark.parametrize(("text", "expected"), MONEY, ids=[t for t, _ in MONEY])
def test_parse_money(text: str, expected: tuple[object, ...]) -> None:
    parsed = parse_money(text)
    assert parsed is not None
    assert (parsed.value, parsed.currency, parsed.lower, parsed.upper, parsed.approximate) == expected
    assert parsed.text == text


NO_MONEY = [
    "150 soldater",
    "Ring på tlf. 33 92 33 20",
    "kl. 14.30 den 24.3.2022",
    "efter § 7 i lov nr. 123",
    "et trecifret millionbeløb",
    "en krone",
    "F-16 og C-130J",
    "i perioden 2017-2020",
    "999999999999999999999 kr.",
]


@pytest.mark.parametrize("text", NO_MONEY, ids=NO_MONEY)
def test_no_money(text: str) -> None:
    assert find_money(text) == []


def test_find_money_in_a_sentence() -> None:
    text = "Regeringen afsætter 2 mia. kr. i 2024 og yderligere 1,5 mia. kr. i 2025."
    found = find_money(text)
    assert [(text[m.start : m.end], m.value) for m in found] == [
        ("2 mia. kr.", D("2000000000")),
        ("1,5 mia. kr.", D("1500000000")),
    ]


def test_a_change_from_one_amount_to_another_is_not_a_range() -> None:
    found = find_money("Budgettet stiger fra 2 mia. kr. til 3 mia. kr.")
    assert [(m.text, m.value, m.lower, m.upper) for m in found] == [
        ("2 mia. kr.", D("2000000000"), None, None),
        ("3 mia. kr.", D("3000000000"), None, None),
    ]


def test_implicit_kroner_after_a_money_verb() -> None:
    text = "Kommunen får 3.4 millioner til cykelstier"
    [found] = find_money(text)
    assert (found.text, found.value, found.currency) == ("3.4 millioner", D("3400000"), "DKK")
    assert find_money("Der kom 3 millioner besøgende") == []
    assert find_money(text, implicit_currency=None) == []


def test_measures_carry_bounds_for_counts() -> None:
    text = "op til ca. 150 danske soldater og 20-25 betjente, seks til ti krydsere"
    found = [(m.text, m.value, m.lower, m.upper, m.approximate) for m in find_measures(text)]
    assert found == [
        ("op til ca. 150", D("150"), None, D("150"), True),
        ("20-25", None, D("20"), D("25"), False),
        ("seks til ti", None, D("6"), D("10"), False),
    ]


@pytest.mark.parametrize(
    ("text", "lower", "upper"),
    [
        ("Støtten må maksimalt udgøre 25 procent af omkostningerne.", None, D("25")),
        ("Andelen skal mindst være 30 pct. af det hele.", D("30"), None),
        ("Bidraget kan højst beløbe sig til 4 mio. kr.", None, D("4000000")),
        ("Andelen er 30 pct.", None, None),
    ],
)
def test_a_bound_said_before_the_verb(text: str, lower: D | None, upper: D | None) -> None:
    """ "må maksimalt udgøre 25 procent": the bound stands before the verb, not before the number."""
    [measure] = list(find_measures(text))
    assert (measure.lower, measure.upper) == (lower, upper)


def test_doctests() -> None:
    assert doctest.testmod(money).failed == 0


# Danish number words, written independently of the parser (which uses text2num and its own rules).
_ONES = ["", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni"]
_TEENS = ["ti", "elleve", "tolv", "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten"]
_TENS = ["", "", "tyve", "tredive", "fyrre", "halvtreds", "tres", "halvfjerds", "firs", "halvfems"]


def danish_words(n: int) -> str:
    """1..999999 in Danish words: 225 -> "to hundrede og femogtyve"."""
    if n >= 1000:
        thousands, rest = divmod(n, 1000)
        head = "et tusind" if thousands == 1 else f"{danish_words(thousands)} tusind"
        return head if rest == 0 else f"{head} {danish_words(rest)}"
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        head = "et hundrede" if hundreds == 1 else f"{_ONES[hundreds]} hundrede"
        return head if rest == 0 else f"{head} og {danish_words(rest)}"
    if n >= 20:
        tens, ones = divmod(n, 10)
        return f"{_ONES[ones]}og{_TENS[tens]}" if ones else _TENS[tens]
    return _TEENS[n - 10] if n >= 10 else _ONES[n]


def danish_decimal(value: Decimal) -> str:
    integer, _, fraction = f"{value:,f}".partition(".")
    return integer.replace(",", ".") + ("," + fraction if fraction else "")


_SCALES = {
    "mio.": D(10) ** 6,
    "mia.": D(10) ** 9,
    "millioner": D(10) ** 6,
    "milliarder": D(10) ** 9,
    "mio": D(10) ** 6,
    "mrd.": D(10) ** 9,
}
_CURRENCY_WORDS = {"kr.": "DKK", "kroner": "DKK", "euro": "EUR", "dollars": "USD", "norske kroner": "NOK"}


@given(st.integers(min_value=1, max_value=10**12), st.sampled_from(sorted(_CURRENCY_WORDS)))
def test_digit_amounts_round_trip(value: int, currency: str) -> None:
    text = f"{danish_decimal(D(value))} {currency}"  # "1.234.567 kr."
    parsed = parse_money(text)
    assert parsed is not None
    assert (parsed.value, parsed.currency) == (value, _CURRENCY_WORDS[currency])


@given(
    st.integers(min_value=1, max_value=99_999),
    st.integers(min_value=0, max_value=2),
    st.sampled_from(sorted(_SCALES)),
    st.sampled_from(sorted(_CURRENCY_WORDS)),
)
def test_scaled_amounts_round_trip(units: int, decimals: int, scale: str, currency: str) -> None:
    base = D(units).scaleb(-decimals)
    text = f"{danish_decimal(base)} {scale} {currency}"  # "2,5 mia. kr."
    parsed = parse_money(text)
    assert parsed is not None
    assert parsed.value == base * _SCALES[scale]
    assert parsed.currency == _CURRENCY_WORDS[currency]


@given(st.integers(min_value=2, max_value=999_999))
def test_amounts_in_words_round_trip(value: int) -> None:
    parsed = parse_money(f"{danish_words(value)} kroner")  # "to hundrede og femogtyve kroner"
    assert parsed is not None
    assert parsed.value == value


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["million", "milliard"]))
def test_scaled_amounts_in_words_round_trip(value: int, scale: str) -> None:
    word = scale if value == 1 else scale + "er"
    parsed = parse_money(f"{danish_words(value)} {word} kroner")  # "to millioner kroner"
    assert parsed is not None
    assert parsed.value == value * (D(10) ** (6 if scale == "million" else 9))


# Measures and amounts are matched only where `_START_RE` says one can start (extract.parse.scan);
# that must find what a full scan finds.
_SALAD = [
    *"1 2 3 12 1.500 1.500.000 332,5 3.4 1 500 24.3.2022 14.30 2018-2023 F-16 20-25 1.500,- 3/10".split(),
    *"en et én to tre fire femogtyve tyve hundrede tusind halvanden halv kvart trekvart tre kvart".split(),
    *"mio. mia. millioner milliarder kr. kroner DKK EUR € $ US$ £ NOK t. tkr. norske euro dollars".split(),
    *"op til ca. cirka over under mindst højst knap godt lidt mellem og fra til - – , . ( ) § tlf. kl.".split(),
    *"soldater procent pct. % personer får afsætter råder Aarhus\n".split(" "),
]
_ALL = (money._MONEY_RE, money._MEASURE_RE)


def _both(text: str) -> None:
    for pattern in _ALL:
        full = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in scan(pattern, text, money.index_numbers(text).starts)] == full, text


def test_start_positions_find_what_a_full_scan_finds_in_the_corpus() -> None:
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    _both("\n\n".join(p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SALAD), max_size=40), st.sampled_from([" ", "", "\u00a0", "  "]))
def test_start_positions_find_what_a_full_scan_finds_in_word_salad(words: list[str], sep: str) -> None:
    _both(sep.join(words))
