"""Long and pathological releases: processed whole, with valid offsets, by linear code.

No timings are asserted. A regression to quadratic cost shows as these tests running for minutes (the
"uge 1 uge 2 ..." text below took 48 s at a quarter of this length before the tense markers were read
once per sentence), and the parse functions that were restructured for speed are checked against
their plain definitions.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_right
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import extract
from extract.parse.dates import _TENSE_MARKER, TenseReader, sentence_bounds
from extract.parse.numbers import Stretches
from extract.pipeline import MAX_LENGTH

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
TABLES_WITH_SPANS = ("entities", "ministers", "quantities", "amounts", "dates")


def corpus_text(chars: int, *, one_line: bool = False) -> str:
    # our own releases only: the real ones (corpus/real/texts) are restored on some machines, not others
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt")) if "real" not in p.parts]
    out = ""
    while len(out) < chars:
        out += "\n\n".join(texts) + "\n\n"
    out = out[:chars]
    return out.replace("\n", " ") if one_line else out


def check_offsets(text: str, tables: extract.Tables) -> dict[str, int]:
    counts = {}
    for name in TABLES_WITH_SPANS:
        df = getattr(tables, name)
        for start, end, surface in zip(df["start_char"], df["end_char"], df["text"], strict=True):
            assert 0 <= start < end <= len(text) and text[start:end] == surface, (name, start, end)
        counts[name] = len(df)
    return counts


def test_load_takes_texts_over_spacys_default_limit(nlp) -> None:
    assert nlp.max_length == MAX_LENGTH >= 10_000_000


def test_a_release_of_1_100_000_characters_on_one_line(nlp) -> None:
    text = corpus_text(1_100_000, one_line=True)
    tables = extract.extract([{"id": "long", "text": text, "published": "2024-05-02"}], nlp=nlp)
    counts = check_offsets(text, tables)
    short = corpus_text(110_000, one_line=True)
    short_counts = check_offsets(short, extract.extract([{"text": short, "published": "2024-05-02"}], nlp=nlp))
    for name in TABLES_WITH_SPANS:  # ten times the text, about ten times the rows
        assert 9 * short_counts[name] <= counts[name] <= 11 * short_counts[name], name


def _salad(words: list[str], chars: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < chars:
        out.append(rng.choice(words))
        size += len(out[-1]) + 1
    return " ".join(out)


NUMBER_WORDS = "1 2 3 mio. 4,5 kr. 6 og 7 mellem til ca. op til procent personer - 2024 1.500".split()
DATE_WORDS = "den 1. juli 2024 i dag fra til og 3. 4. maj - senest kl. 14.30 foråret primo".split()
NAMES = [f"{a} {b}" for a in ("Mette", "Lars", "Anne") for b in ("Hansen", "Aarhus", "Danmark")]
TITLES = ["ministeren", "forsvarsministeren", "Statsminister Mette Frederiksen", "og", "siger"]
PATHOLOGICAL = {
    "weeks": " ".join(f"uge {i % 53 + 1}" for i in range(12_000)),
    "number-salad": _salad(NUMBER_WORDS, 100_000),
    "date-salad": _salad(DATE_WORDS, 100_000),
    "names": _salad(NAMES, 100_000),
    "titles": _salad(TITLES, 100_000),
    "sentences": "".join(f"Han kom i oktober {2000 + i % 30}. " for i in range(4_000)),
}


@pytest.mark.parametrize("text", list(PATHOLOGICAL.values()), ids=list(PATHOLOGICAL))
def test_pathological_repetitions(nlp, text: str) -> None:
    check_offsets(text, extract.extract([{"text": text, "published": "2024-05-02"}], nlp=nlp))


# --- restructured parse functions against their plain definitions ------------------------------------


def naive_tense(text: str, start: int, end: int) -> str | None:
    """detect_tense as first written: every marker of the sentence, the nearest one wins."""
    bounds = sentence_bounds(text)
    i = bisect_right(bounds, start) - 1
    s_end = bounds[i + 1] if i + 1 < len(bounds) else len(text)
    best, tense = None, None
    for m in _TENSE_MARKER.finditer(text, bounds[i], max(s_end, end)):
        if m.start() < end and m.end() > start:
            continue
        after = m.start() >= end
        key = (m.start() - end if after else start - m.end(), int(after))
        if best is None or key < best:
            best, tense = key, "future" if m["future"] else "past"
    return tense


def test_tense_reader_agrees_with_the_plain_definition() -> None:
    text = corpus_text(30_000)
    reader = TenseReader(text)
    rng = random.Random(7)
    for _ in range(2_000):
        start = rng.randrange(len(text) - 30)
        end = start + rng.randrange(1, 30)
        assert reader.tense(start, end) == naive_tense(text, start, end), (start, end)


@given(st.lists(st.integers(0, 200), max_size=30), st.integers(0, 210), st.integers(1, 20))
def test_stretches_overlap_as_a_scan_of_all_ranges(cuts: list[int], start: int, width: int) -> None:
    points = sorted(set(cuts))
    ranges = [(a, b) for a, b in zip(points[::2], points[1::2], strict=False) if a < b]  # non-overlapping
    end = start + width
    assert Stretches(ranges).overlaps(start, end) == any(s < end and start < e for s, e in ranges)


def test_stretches_iterate_their_ranges() -> None:
    text = "Ring på tlf. 33 92 33 20 eller læs § 7."
    assert [text[s:e] for s, e in Stretches(m.span() for m in re.finditer(r"\d+", text))] == [
        "33", "92", "33", "20", "7",
    ]  # fmt: skip
