"""extract.highlight: the displaCy views of the seed release mark what its tables hold, where they hold it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import spacy

import extract
from extract.highlight import (
    ENTITY_COLOURS,
    SPAN_COLOURS,
    danish_number,
    entities_html,
    entity_data,
    span_data,
    spans_html,
)
from extract.readers import read_paths

SEED = "000_35452d5bb9e7cfc4"

# (start_char, end_char, label, text, what the label shows beside it)
SEED_ENTITIES = [
    (15, 19, "ORG", "ISIL", None),
    (31, 36, "CITY", "Mosul", "GeoNames 99072"),
    (80, 84, "ORG", "ISIL", None),
    (125, 148, "PERSON", "Claus Hjort Frederiksen", "forsvarsminister (DK)"),
    (157, 163, "CITY", "London", "GeoNames 2643743"),
    (232, 236, "ORG", "ISIL", None),
    (240, 244, "ORG", "ISIL", None),
    (356, 361, "CITY", "Mosul", "GeoNames 99072"),
    (954, 977, "PERSON", "Claus Hjort Frederiksen", "forsvarsminister (DK)"),
    (1030, 1034, "ORG", "ISIL", None),
    (1265, 1270, "CITY", "Paris", "GeoNames 2988507"),
    (1363, 1373, "PERSON", "Ash Carter", "forsvarsminister (US)"),
    (1766, 1773, "COUNTRY", "Danmark", "DK"),
    (1809, 1813, "ORG", "ISIL", None),
    (1905, 1909, "COUNTRY", "Irak", "IQ"),
    (2152, 2156, "ORG", "ISIL", None),
    (2163, 2170, "COUNTRY", "Danmark", "DK"),
    (2268, 2272, "COUNTRY", "Irak", "IQ"),
    (2314, 2320, "COUNTRY", "Syrien", "SY"),
    (2395, 2401, "COUNTRY", "Syrien", "SY"),
    (2405, 2409, "COUNTRY", "Irak", "IQ"),
]

# (kind, start_char, end_char, text, value shown)
SEED_SPANS = [
    ("AMOUNT", 2413, 2441, "cirka 332,5 millioner kroner", "ca. 332.500.000 DKK"),
    ("QUANTITY", 1849, 1871, "op til ca. 30 personer", "ca. 30 person"),
    ("QUANTITY", 1913, 1936, "op til ca. 150 soldater", "ca. 150 soldat"),
    ("QUANTITY", 1993, 2015, "op til ca. 60 personer", "ca. 60 person"),
    ("QUANTITY", 2021, 2049, "op til ca. 20 stabsofficerer", "ca. 20 stabsofficer"),
    ("DATE", 149, 154, "i dag", "2016-12-14 (day)"),
    ("DATE", 703, 709, "i 2017", "2017-01-01–2017-12-31 (year)"),
    ("DATE", 1271, 1280, "i oktober", "2016-10-01–2016-10-31 (month)"),
    ("DATE", 1479, 1487, "fra 2017", "2017-01-01–… (year)"),
    ("DATE", 1746, 1761, "Fra januar 2017", "2017-01-01–… (month)"),
    ("DATE", 2461, 2475, "i oktober 2016", "2016-10-01–2016-10-31 (month)"),
]
# the line under the text each kind is drawn on: displaCy's top offset (40 px) plus 19 px per line below the first
LINE_TOP = {"AMOUNT": "40px", "QUANTITY": "59px", "DATE": "78px"}


@pytest.fixture(scope="module")
def seed_tables(nlp):
    data = Path(__file__).resolve().parent / "data"
    return extract.extract(read_paths([data / f"{SEED}.txt"]), nlp=nlp)


class EntityMarks(HTMLParser):
    """(text, label, kb text) of every <mark> in displaCy's "ent" HTML, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[list[str]] = []
        self.depth = 0  # 0 outside a mark, 1 in its text, 2 in its label, 3 in the label's link

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "mark":
            self.marks.append(["", "", ""])
            self.depth = 1
        elif self.depth and tag in ("span", "a"):
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.depth = 0
        elif self.depth > 1 and tag in ("span", "a"):
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.marks[-1][self.depth - 1] += data


class SpanTokens(HTMLParser):
    """Per token of displaCy's "span" HTML that carries spans: its text, and the (label, value, top) starting there
    and the tops of the lines under it."""

    def __init__(self) -> None:
        super().__init__()
        self.tokens: list[dict] = []
        self.stack: list[str] = []  # what each open <span>/<a> is: token, line, start, label, link

    def handle_starttag(self, tag: str, attrs) -> None:
        style = dict(attrs).get("style") or ""
        if tag == "span" and "display: inline-block" in style:
            self.tokens.append({"text": "", "lines": [], "starts": []})
            self.stack.append("token")
        elif tag == "span" and self.stack and self.stack[-1] == "token" and "height: 4px" in style:
            top = style.split("top: ")[1].split(";")[0]
            kind = "start" if "border-top-left-radius" in style else "line"
            self.tokens[-1]["lines"].append(top)
            if kind == "start":
                self.tokens[-1]["starts"].append(["", "", top])
            self.stack.append(kind)
        elif tag == "span" and self.stack and self.stack[-1] == "start":
            self.stack.append("label")
        elif tag == "a" and self.stack and self.stack[-1] == "label":
            self.stack.append("link")
        elif tag in ("span", "a") and self.stack:
            self.stack.append("other")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("span", "a") and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        where = self.stack[-1] if self.stack else None
        if where == "token":
            self.tokens[-1]["text"] += data
        elif where == "label":
            self.tokens[-1]["starts"][-1][0] += data
        elif where == "link":
            self.tokens[-1]["starts"][-1][1] += data


def test_entity_data_has_every_entity_at_its_offsets(seed_tables) -> None:
    data = entity_data(seed_tables, SEED)
    got = [
        (e["start"], e["end"], e["label"], data["text"][e["start"] : e["end"]], e.get("kb_id")) for e in data["ents"]
    ]
    assert got == SEED_ENTITIES


def test_entity_html_marks_every_entity_with_label_title_and_colour(seed_tables) -> None:
    html = entities_html(seed_tables, SEED)
    parser = EntityMarks()
    parser.feed(html)
    got = [(text.strip(), label.strip(), kb.strip() or None) for text, label, kb in parser.marks]
    assert got == [(text, label, kb) for _, _, label, text, kb in SEED_ENTITIES]
    for label in ("PERSON", "ORG", "CITY", "COUNTRY"):
        assert f"background: {ENTITY_COLOURS[label]}" in html
    assert 'href="https://www.geonames.org/2643743"' in html  # London links to GeoNames


def test_span_data_offsets_are_the_rows_offsets(seed_tables) -> None:
    data = span_data(seed_tables, SEED)
    tokens = spacy.blank("da")(data["text"])
    assert [t.text for t in tokens] == data["tokens"]
    got = []
    for s in data["spans"]:
        span = tokens[s["start_token"] : s["end_token"]]
        got.append((s["label"], span.start_char, span.end_char, span.text, s["kb_id"]))
    assert got == SEED_SPANS


def test_span_html_draws_each_kind_on_its_own_line(seed_tables) -> None:
    html = spans_html(seed_tables, SEED)
    parser = SpanTokens()
    parser.feed(html)
    # rebuild each span from the tokens its line runs under, starting where its label is
    found: list[tuple[str, str, str, str]] = []
    open_spans: dict[str, list] = {}
    for token in parser.tokens:
        starts = {top: (label.strip(), value.strip()) for label, value, top in token["starts"]}
        for kind, top in LINE_TOP.items():
            if top in starts:
                label, value = starts[top]
                assert label == kind
                open_spans[kind] = [kind, [token["text"]], value, top]
                found.append(open_spans[kind])  # type: ignore[arg-type]
            elif top in token["lines"] and kind in open_spans:
                open_spans[kind][1].append(token["text"])
        assert set(token["lines"]) <= set(LINE_TOP.values())
    got = sorted((kind, " ".join(words), value) for kind, words, value, _ in found)
    assert got == sorted((kind, text, value) for kind, _, _, text, value in SEED_SPANS)
    for kind, colour in SPAN_COLOURS.items():
        assert f"background: {colour}" in html, kind


def test_span_html_keeps_the_texts_spacing(seed_tables) -> None:
    html = spans_html(seed_tables, SEED)
    text = re.sub(r"<[^>]+>", "", html)
    assert "til ca. 30 personer, et kapacitetsopbygningsbidrag" in text  # no space before the comma
    assert "koalitionen mod ISIL.<br><br>&quot;ISIL er trængt" in html  # the paragraph break stays


def test_an_error_release_has_nothing_to_show(nlp) -> None:
    tables = extract.extract([{"id": "ok", "text": "Statsminister Mette Frederiksen besøger Aarhus."}], nlp=nlp)
    with pytest.raises(KeyError, match="no release 'missing'"):
        entity_data(tables, "missing")
    assert [e["label"] for e in entity_data(tables, "ok")["ents"]] == ["PERSON", "CITY"]


@pytest.mark.parametrize(
    ("value", "written"),
    [(332_500_000, "332.500.000"), (2.5, "2,5"), (1_250_000.75, "1.250.000,75"), (30, "30"), (0.05, "0,05")],
    ids=["millions", "decimal", "both", "small", "fraction"],
)
def test_danish_number(value: float, written: str) -> None:
    assert danish_number(value) == written
