"""Danish numbers without spaCy: digits with stated separators, scale words, number words."""

from __future__ import annotations

import doctest
from decimal import Decimal
from functools import cache

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from extract.parse import numbers
from extract.parse.numbers import (
    Separators,
    blocked_spans,
    find_numbers,
    parse_digits,
    parse_number,
    parse_number_words,
    parse_scale,
)

D = Decimal

DIGITS = [
    ("332,5", D("332.5")),
    ("1.500.000", D("1500000")),
    ("1.845.312", D("1845312")),
    ("1 500", D("1500")),
    ("1\u00a0500", D("1500")),
    ("2 000 000", D("2000000")),
    ("800", D("800")),
    ("0,6", D("0.6")),
    ("449,00", D("449.00")),
    ("1.500,-", D("1500")),
    ("1.250,75", D("1250.75")),
    ("14.30", None),  # a time, not a thousands group
    ("24.3.2022", None),  # a date
    ("1.50", None),
    ("1234.567", None),
    ("12,5,3", None),
]


@pytest.mark.parametrize(("text", "expected"), DIGITS, ids=[t for t, _ in DIGITS])
def test_parse_digits(text: str, expected: Decimal | None) -> None:
    assert parse_digits(text) == expected


def test_separators_are_stated_not_guessed() -> None:
    english = Separators(decimal=".", groups=(",",))
    assert parse_digits("1,500.5", separators=english) == D("1500.5")
    assert parse_digits("1,500.5") is None


NUMBERS = [
    ("332,5 millioner", D("332500000")),
    ("2,5 mia.", D("2500000000")),
    ("0,6 mia.", D("600000000")),
    ("18,3 mio.", D("18300000")),
    ("415 mio", D("415000000")),
    ("1,2 mrd.", D("1200000000")),
    ("3 mill.", D("3000000")),
    ("1.500 mio.", D("1500000000")),
    ("3.4 millioner", D("3400000")),  # headline: period as decimal mark before a scale word
    ("to milliarder", D("2000000000")),
    ("tre mia.", D("3000000000")),
    ("otte mio.", D("8000000")),
    ("en million", D("1000000")),
    ("halvanden million", D("1500000")),
    ("en halv milliard", D("500000000")),
    ("tre tusind", D("3000")),
    ("3 tusinde", D("3000")),
    ("seks", D("6")),
    ("femogtyve", D("25")),
    ("to hundrede og halvtreds", D("250")),
    ("Fire", D("4")),
    ("2 billioner", D("2000000000000")),
    ("et trecifret millionbeløb", None),
    ("halvanden", None),
    ("14.30", None),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS, ids=[t for t, _ in NUMBERS])
def test_parse_number(text: str, expected: Decimal | None) -> None:
    parsed = parse_number(text)
    assert (parsed.value if parsed else None) == expected


def test_parse_number_keeps_base_and_scale() -> None:
    parsed = parse_number("2,5 mia.")
    assert parsed is not None
    assert (parsed.base, parsed.scale, parsed.text) == (D("2.5"), D(10) ** 9, "2,5 mia.")


@pytest.mark.parametrize(
    ("word", "expected"),
    [("mio.", D(10) ** 6), ("MIA.", D(10) ** 9), ("milliarder", D(10) ** 9), ("tusind", D(1000)), ("kr.", None)],
    ids=["mio.", "MIA.", "milliarder", "tusind", "kr.-is-no-scale"],
)
def test_parse_scale(word: str, expected: Decimal | None) -> None:
    assert parse_scale(word) == expected


def test_number_words_fall_back_to_our_fractions() -> None:
    assert parse_number_words("halvanden") == D("1.5")
    assert parse_number_words("en halv") == D("0.5")
    assert parse_number_words("trecifret") is None


FIND = [
    ("Der er 150 soldater", ["150"]),
    ("Bidraget er på 2,5 mia. kr.", ["2,5 mia."]),
    ("Kommunen får 3.4 millioner", ["3.4 millioner"]),
    ("seks medarbejdere", ["seks"]),
    ("Ring på tlf. 33 92 33 20", []),
    ("Pressevagt +45 41 23 45 67", []),
    ("Mødet er kl. 14.30", []),
    ("den 24.3.2022", []),
    ("3/10-2024", []),
    ("F-16 og C-130J", []),
    ("2030-målet", []),
    ("efter § 7 i lov nr. 123", []),
    ("CVR-nr. 12345678", []),
    ("12-06-2018", []),
]


@pytest.mark.parametrize(("text", "expected"), FIND, ids=[t for t, _ in FIND])
def test_find_numbers(text: str, expected: list[str]) -> None:
    found = list(find_numbers(text))
    assert [text[m.start : m.end] for m in found] == expected


def test_blocked_spans_cover_phone_and_paragraph() -> None:
    text = "Kontakt: tlf. 33 92 33 20. Se § 7."
    assert [text[s:e] for s, e in blocked_spans(text)] == ["tlf. 33 92 33 20", "§ 7"]


_BLOCKED_WORDS = [
    *"tlf. Tlf.: telefon mobil fax CVR-nr. cvr lov nr. stk. pkt. kl. Klokken § §§ bekendtgørelse".split(),
    *"+45 33 92 12 2024 7 5a 10.30 14:00 //+45 (tlf. tlf.33 ring: og i - / 332,5".split(),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_BLOCKED_WORDS), max_size=30), st.sampled_from([" ", "", "\u00a0", "\n"]))
def test_blocked_spans_tried_at_token_starts_match_a_full_scan(words: list[str], sep: str) -> None:
    nlp = _blank()
    text = sep.join(words)
    starts = [t.idx for t in nlp.make_doc(text)]
    assert list(blocked_spans(text, starts)) == list(blocked_spans(text))


@cache
def _blank() -> Language:
    return spacy.blank("da")


def test_doctests() -> None:
    assert doctest.testmod(numbers).failed == 0


def danish_digits(value: Decimal, decimals: int) -> str:
    """Format the Danish way, independently of the parser: "1.234.567,89"."""
    integer, _, fraction = f"{value:,.{decimals}f}".partition(".")
    return integer.replace(",", ".") + ("," + fraction if fraction else "")


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=2))
def test_digits_round_trip(cents: int, decimals: int) -> None:
    value = (D(cents) / D(10) ** decimals).quantize(D(1) / D(10) ** decimals)
    assert parse_digits(danish_digits(value, decimals)) == value


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from([" ", "\u00a0"]))
def test_space_grouped_digits_round_trip(value: int, space: str) -> None:
    text = f"{value:,}".replace(",", space)
    assert parse_digits(text) == value
