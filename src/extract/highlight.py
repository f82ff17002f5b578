"""displaCy views of one release from its tables: entities in our labels and colours, and spans per kind.

Works from `Tables` (what `extract.extract()` returns, or `extract.sinks.read_tables()` reads back from a
target), so a release can be looked at long after it was extracted. In a notebook, one call each:

>>> from extract.highlight import show_entities, show_spans   # doctest: +SKIP
>>> show_entities(tables, "000_35452d5bb9e7cfc4")                # doctest: +SKIP
>>> show_spans(tables, "000_35452d5bb9e7cfc4")                   # doctest: +SKIP

`entity_data()` and `span_data()` give displaCy's manual format, for `displacy.render(..., manual=True)`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pandas as pd
import spacy
from spacy import displacy
from spacy.displacy.render import SpanRenderer
from spacy.displacy.templates import TPL_SPAN, TPL_SPAN_SLICE, TPL_SPAN_START
from spacy.tokenizer import Tokenizer
from spacy.util import escape_html

from extract.tables import Tables

# Our entity labels, each in its own colour (displaCy's defaults do not know CITY or COUNTRY).
ENTITY_COLOURS = {
    "PERSON": "#f6c28b",
    "ORG": "#b5e0a8",
    "CITY": "#9dd2f2",
    "COUNTRY": "#c5b4f0",
    "LOC": "#f2dd8f",
}
# The span kinds, in the order of their lines under the text (line 1 nearest the text).
SPAN_KINDS = {"AMOUNT": "amounts", "QUANTITY": "quantities", "DATE": "dates"}
KIND_LINES = {kind: line for line, kind in enumerate(SPAN_KINDS, 1)}
SPAN_COLOURS = {"AMOUNT": "#7fd18b", "QUANTITY": "#f5a65b", "DATE": "#8fb8ff"}
GEONAMES_URL = "https://www.geonames.org/{}"


def _document(tables: Tables, doc_id: str) -> pd.Series:
    docs = tables.documents[tables.documents["doc_id"] == doc_id]
    if docs.empty:
        raise KeyError(f"no release {doc_id!r} in these tables")
    doc = docs.iloc[0]
    if doc["status"] == "error" or not isinstance(doc["text"], str):
        raise ValueError(f"release {doc_id!r} has no text to show: {doc['error']}")
    return doc


def _rows(df: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    return df[df["doc_id"] == doc_id].sort_values(["start_char", "end_char"])


def _title(doc: pd.Series) -> str:
    parts = [str(doc[k]) for k in ("title", "publisher") if pd.notna(doc[k]) and doc[k]]
    if pd.notna(doc["published"]):
        parts.append(doc["published"].date().isoformat())
    return " · ".join(parts) or str(doc["doc_id"])


def entity_data(tables: Tables, doc_id: str) -> dict[str, Any]:
    """displaCy "ent" data: every entity with its label; a minister's name carries title and country,
    a city its GeoNames id (linked) and a country its ISO code."""
    doc = _document(tables, doc_id)
    ministers = {
        (r.start_char, r.end_char): f"{r.title} ({r.country})" if pd.notna(r.country) else str(r.title)
        for r in _rows(tables.ministers, doc_id).itertuples()
    }
    ents = []
    for r in _rows(tables.entities, doc_id).itertuples():
        ent: dict[str, Any] = {"start": int(r.start_char), "end": int(r.end_char), "label": r.label}
        if (r.start_char, r.end_char) in ministers:
            ent["kb_id"] = ministers[(r.start_char, r.end_char)]
        elif r.label == "CITY" and pd.notna(r.kb_id) and str(r.kb_id).isdigit():
            ent.update(kb_id=f"GeoNames {r.kb_id}", kb_url=GEONAMES_URL.format(r.kb_id))
        elif r.label == "COUNTRY" and pd.notna(r.kb_id):
            ent["kb_id"] = str(r.kb_id)
        ents.append(ent)
    return {"text": doc["text"], "ents": ents, "title": _title(doc)}


def entity_options() -> dict[str, Any]:
    return {"ents": list(ENTITY_COLOURS), "colors": dict(ENTITY_COLOURS)}


@cache
def _tokenizer() -> Tokenizer:
    return spacy.blank("da").tokenizer  # type: ignore[no-any-return]


def danish_number(x: float) -> str:
    """A number as Danish releases write it: "332.500.000", "2,5"."""
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    return text.translate(str.maketrans(",.", ".,"))


def _value(kind: str, r: Any) -> str:
    """What the pipeline read from the mention, shown beside its label."""
    if kind == "DATE":
        start = r.start.date().isoformat() if pd.notna(r.start) else "?"
        end = r.end.date().isoformat() if pd.notna(r.end) else "…"
        return f"{start}–{end} ({r.granularity})" if start != end else f"{start} ({r.granularity})"
    unit = r.currency if kind == "AMOUNT" else r.unit
    if pd.notna(r.value):
        number = danish_number(r.value)
    else:
        low = danish_number(r.lower) if pd.notna(r.lower) else "…"
        high = danish_number(r.upper) if pd.notna(r.upper) else "…"
        number = f"{low}–{high}"
    return f"{'ca. ' if r.approximate else ''}{number} {unit if pd.notna(unit) else ''}".strip()


def span_data(tables: Tables, doc_id: str) -> dict[str, Any]:
    """displaCy "span" data: amounts, quantities and dates, each labelled with its kind and its value.

    Spans are on the tokens of `spacy.blank("da")`; a mention that ends inside a token takes the whole token.
    """
    doc = _document(tables, doc_id)
    tokens = _tokenizer()(doc["text"])
    spans = []
    for kind, table in SPAN_KINDS.items():
        for r in _rows(getattr(tables, table), doc_id).itertuples():
            span = tokens.char_span(int(r.start_char), int(r.end_char), alignment_mode="expand")
            if span is None:
                continue
            spans.append({"start_token": span.start, "end_token": span.end, "label": kind, "kb_id": _value(kind, r)})
    return {
        "text": doc["text"],
        "tokens": [t.text for t in tokens],
        "whitespace": [t.whitespace_ for t in tokens],
        "spans": spans,
        "title": _title(doc),
    }


def span_options() -> dict[str, Any]:
    return {"colors": dict(SPAN_COLOURS), "template": dict(SPAN_TEMPLATES), "top_offset_step": 19}


def _compact(template: str) -> str:
    """A displaCy template without its line breaks and indentation, which show as a space after the token."""
    return re.sub(r"\s*\n\s*", "", template)


# displaCy's span templates; the label kept on one line, as ours carry the value ("DATE 2016-10-01–2016-10-31")
SPAN_TEMPLATES = {
    "span": _compact(TPL_SPAN),
    "slice": _compact(TPL_SPAN_SLICE),
    "start": _compact(TPL_SPAN_START.replace("line-height: 1;", "line-height: 1; white-space: nowrap;")),
}


class KindLineSpanRenderer(SpanRenderer):
    """displaCy's span renderer with one line per kind (amounts on the first line under the text, quantities
    on the second, dates on the third), so a kind is found at the same depth everywhere in the text; the
    text keeps its own spacing and paragraphs (the data's optional `whitespace` list, one entry a token)."""

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        super().__init__(options={**span_options(), **(options or {})})
        self._whitespace: list[list[str] | None] = []

    def render(self, parsed: list[dict[str, Any]], page: bool = False, minify: bool = False) -> str:
        self._whitespace = [p.get("whitespace") for p in parsed]
        return super().render(parsed, page=page, minify=minify)

    @staticmethod
    def _assemble_per_token_info(
        tokens: list[str], spans: list[dict[str, Any]]
    ) -> list[dict[str, list[dict[str, Any]]]]:
        info = SpanRenderer._assemble_per_token_info(tokens, spans)
        for token in info:
            for ent in token["entities"]:
                ent["render_slot"] = KIND_LINES.get(ent["label"], len(KIND_LINES) + 1)
        return info

    def _render_markup(self, per_token_info: list[dict[str, Any]]) -> str:
        # as SpanRenderer._render_markup, with the height taken from the lowest line (not the number of spans
        # on the token), and the text's own whitespace: no space before a comma, a paragraph break kept
        whitespace = self._whitespace.pop(0) if self._whitespace else None
        height = self.top_offset + self.span_label_offset + self.offset_step * (len(KIND_LINES) - 1)
        markup = ""
        for i, token in enumerate(per_token_info):
            after = whitespace[i] if whitespace is not None else " "
            if not token["text"].strip():
                markup += "<br>" * min(token["text"].count("\n"), 2) or " "
            elif token["entities"]:
                markup += self.span_template.format(
                    text=escape_html(token["text"]),
                    span_slices=self._get_span_slices(token["entities"]),
                    span_starts=self._get_span_starts(token["entities"]),
                    total_height=height,
                )
            else:
                markup += escape_html(token["text"])
            if "\n" in after:
                markup += "<br>" * min(after.count("\n"), 2)
            elif after:
                markup += " "
        return markup


def entities_html(tables: Tables, doc_id: str, *, page: bool = False) -> str:
    """The release's text with its entities marked, as HTML."""
    data = entity_data(tables, doc_id)
    return displacy.render(data, style="ent", manual=True, options=entity_options(), page=page, jupyter=False)


def spans_html(tables: Tables, doc_id: str, *, page: bool = False) -> str:
    """The release's text with amounts, quantities and dates underlined, one line per kind, as HTML."""
    legend = " ".join(
        f'<span style="border-bottom: 4px solid {SPAN_COLOURS[k]}; margin-right: 1em">line {i}: {k}</span>'
        for i, k in enumerate(SPAN_KINDS, 1)
    )
    return (
        KindLineSpanRenderer()
        .render([span_data(tables, doc_id)], page=page)
        .replace('<div class="spans"', f'<div style="margin-bottom: 0.5em">{legend}</div><div class="spans"', 1)
    )


def _display(html: str) -> None:
    from IPython.display import HTML, display

    display(HTML(html))


def show_entities(tables: Tables, doc_id: str) -> None:
    """In a notebook: the release's entities (PERSON, ORG, CITY, COUNTRY, LOC), ministers with their title."""
    _display(entities_html(tables, doc_id))


def show_spans(tables: Tables, doc_id: str) -> None:
    """In a notebook: the release's amounts, quantities and dates with their values, one line per kind."""
    _display(spans_html(tables, doc_id))
