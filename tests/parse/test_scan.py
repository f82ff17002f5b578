"""`extract.parse.scan`: the first characters a pattern's match can begin with, and gated scans that find
what a full `finditer` finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.components import dates as dates_module
from extract.parse.scan import Prefixes, PrefixGate, scan, starts

PREFIXES = [
    # (pattern, windows a match can begin with, windows it cannot): windows of three characters
    (r"uge\s+\d+", ["uge", "Uge", "UGE"], ["ugl", "ug.", "age", "1 u"]),
    (r"(?i:maj|marts)\s+\d{4}", ["maj", "Maj", "mar"], ["mat", "ma ", "jan"]),
    (r"(?<!\w)(?:den\s+)?\d+\.", ["den", "5. ", "12.", "150"], ["dem", "5 o", "d.5"]),
    (r"(?:i\s+)?(?:dag|går)", ["i d", "i g", "dag", "går", "i\tg"], ["i a", "ida", "gav"]),
    (r"\d*kr\.", ["kr.", "5kr", "55k"], ["k r", "5 k"]),  # an optional start lets the next item begin
    (r"[a-c]x|§\s*\d", ["ax ", "Bxy", "§ 5", "§5 "], ["dx ", "a x", "§ a"]),
    (r"\w+ er", ["ab ", "a e", "æøå", "9_x"], [" er", "-ab", "a -"]),
    (r"[^x]y", ["ay ", "-y ", " y "], ["xy ", "ab "]),  # a negated class: everything else
    (r"(?=\d)\w", ["5ab", "abc"], [" ab"]),  # lookarounds are ignored: a superset
    (r"a?", ["a b", "xyz"], []),  # can match empty: anything
    (r"d\.?[^\S\n]*\d", ["d.5", "d 5", "d5 ", "d. "], ["d.x", "d\n5", "dx "]),
    (r"ab", ["ab", "abc"], ["a", "b"]),  # at the end of the text: what fits what is left
    (r"uge", ["ugé"[:2] + "\u0435", "\u00a0ug"], []),  # characters outside the alphabet: admitted
]


@pytest.mark.parametrize(("pattern", "admitted", "refused"), PREFIXES)
def test_prefixes(pattern: str, admitted: list[str], refused: list[str]) -> None:
    prefixes = Prefixes(re.compile(pattern, re.IGNORECASE))
    assert [w for w in admitted if not prefixes.admits(w)] == []
    assert [w for w in refused if prefixes.admits(w)] == []


def test_case_sensitive_patterns_refuse_the_other_case() -> None:
    assert not Prefixes(re.compile("Uge")).admits("uge")
    assert Prefixes(re.compile("Uge", re.IGNORECASE)).admits("uge")
    assert Prefixes(re.compile("(?i:u)ge")).admits("Uge")


def test_gate_sorts_positions_out_per_pattern_in_text_order() -> None:
    text = "uge 5 og maj 2024, uge 7"
    gate = PrefixGate([re.compile(r"uge \d"), re.compile(r"maj|\d{4}")])
    assert gate.positions(text, starts(re.compile(r"\b\w"), text)) == [[0, 19], [9, 13]]


_FINDERS = (*dates_module._FINDERS, *dates_module._LEAD_ONLY_FINDERS, dates_module._ENUMERATION)
_WORDS = [
    *"i dag den d. uge Q1 år fra til mellem første sidste foråret om to uger siden påsken".split(),
    *"januar Jan. marts maj May mandag Tirs. 1. 3 5. 24/3 2.5.2023 2023-05-02 2018-23 2017 12.000".split(),
    *"kl. tlf. 12 34 56 78 kroner mio. , . / – ( ) \n I DAG Uge".split(" "),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40), st.sampled_from([" ", "", "  ", "\t", "\u00a0"]))
def test_gated_date_finders_find_what_a_full_scan_finds(words: list[str], sep: str) -> None:
    text = sep.join(words)
    gated = PrefixGate(_FINDERS).positions(text, starts(dates_module._MENTION_START, text))
    for finder, positions in zip(_FINDERS, gated, strict=True):
        assert [m.span() for m in scan(finder, text, positions)] == [m.span() for m in finder.finditer(text)], (
            finder.pattern[:60],
            text,
        )
