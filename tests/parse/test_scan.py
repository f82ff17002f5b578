"""`extract.parse.scan`: the first characters a pattern can begin with, and gated scans that find what a
full `finditer` finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.components import dates as dates_module
from extract.parse.scan import FirstCharacters, bucket_positions, scan, starts

FIRST_CHARACTERS = [
    # (pattern, characters a match can begin with, characters it cannot)
    (r"uge\s+\d+", "uU", "a1 "),
    (r"(?i:maj|marts)\s+\d{4}", "mM", "ajs"),
    (r"(?<!\w)(?:den\s+)?\d+\.", "d0123456789", "Ien"),
    (r"(?:i\s+)?(?:dag|går)", "idgDG", "ån"),
    (r"\d*kr\.", "k5K", "r."),  # an optional start lets the next item begin the match
    (r"[a-c]x|§\s*\d", "abcABC§", "dx "),
    (r"\w+ er", "aZ9_æ", " -."),
    (r"[^x]y", "xyz -", ""),  # a negated class: anything
    (r"(?=\d)\w", "5aZ", " "),  # lookarounds are ignored: a superset
    (r"a?", "a b", ""),  # can match empty: anything
]


@pytest.mark.parametrize(("pattern", "admitted", "refused"), FIRST_CHARACTERS)
def test_first_characters(pattern: str, admitted: str, refused: str) -> None:
    first = FirstCharacters(re.compile(pattern, re.IGNORECASE))
    assert [c for c in admitted if not first.admits(c)] == []
    assert [c for c in refused if first.admits(c)] == [] or not refused


def test_case_sensitive_patterns_refuse_the_other_case() -> None:
    assert not FirstCharacters(re.compile("Uge")).admits("u")
    assert FirstCharacters(re.compile("Uge", re.IGNORECASE)).admits("u")


def test_bucketed_positions_keep_text_order() -> None:
    text = "uge 5 og maj 2024, uge 7"
    by_char = bucket_positions(text, starts(re.compile(r"\b\w"), text))
    assert FirstCharacters(re.compile(r"uge|maj")).positions(by_char) == [0, 9, 19]


_FINDERS = (*dates_module._FINDERS, *dates_module._LEAD_ONLY_FINDERS, dates_module._ENUMERATION)
_WORDS = [
    *"i dag den d. uge Q1 år fra til mellem første sidste foråret om to uger siden påsken".split(),
    *"januar Jan. marts maj May mandag Tirs. 1. 3 5. 24/3 2.5.2023 2023-05-02 2018-23 2017 12.000".split(),
    *"kl. tlf. 12 34 56 78 kroner mio. , . / – ( ) \n".split(" "),
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40), st.sampled_from([" ", "", "  "]))
def test_gated_date_finders_find_what_a_full_scan_finds(words: list[str], sep: str) -> None:
    text = sep.join(words)
    by_char = bucket_positions(text, starts(dates_module._MENTION_START, text))
    for finder in _FINDERS:
        gated = [m.span() for m in scan(finder, text, FirstCharacters(finder).positions(by_char))]
        assert gated == [m.span() for m in finder.finditer(text)], (finder.pattern[:60], text)
