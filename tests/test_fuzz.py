"""For any Unicode text and any publication date, the pipeline returns rows whose offsets and types hold."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from extract.batch import process
from extract.readers import to_records
from extract.sinks import coerce_rows
from extract.tables import MENTION_TABLES, PANDAS_DTYPES, SCHEMA, Tables, empty_rows, merge_rows

# Pieces that set the rules off, so the fuzzing reaches the grammar and not only the tokenizer.
DANISH = [
    "Forsvarsminister Claus Hjort Frederiksen",
    " siger ",
    "i dag",
    "i går",
    "i oktober",
    "fra januar 2017",
    "næste år",
    "uge 7",
    "op til ca. 150 soldater",
    "cirka 332,5 millioner kroner",
    "1,7 mia. kr.",
    " og ",
    "mellem 2 og 3 mia. kr.",
    "Aarhus",
    "Danmarks",
    "FN's",
    "Slagelse Kommune",
    "Dansk Flygtningehjælp (DFH)",
    "den 24. marts 2022",
    "3.-4. maj 2021",
    "kl. 14.30",
    ". ",
    "\n",
    "(V)",
    "%",
    "-",
    "½",
]
ANY_CHAR = st.characters(blacklist_categories=())  # surrogates and controls included
texts = st.lists(st.one_of(st.sampled_from(DANISH), st.text(ANY_CHAR, max_size=12)), max_size=30).map("".join)
published = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, day=published)
def test_any_text_any_date(nlp: Language, text: str, day: dt.date | None) -> None:
    record = {"id": "f", "text": text, "published": day.isoformat() if day else None}
    rows = empty_rows()
    for more in process(nlp, to_records([record])):
        merge_rows(rows, more)
    [doc] = rows["documents"]
    assert doc["status"] == "ok", doc["error"]
    stored = doc["text"]
    assert len(stored) == len(text)
    for table in MENTION_TABLES:
        for row in rows[table]:
            assert 0 <= row["start_char"] < row["end_char"] <= len(stored)
            assert row["text"] == stored[row["start_char"] : row["end_char"]], (table, row)
        coerce_rows(table, rows[table])  # every value converts to its column's declared type
    tables = Tables.from_rows(rows)
    for name, frame in tables:
        for column in SCHEMA[name].columns:
            assert str(frame[column.name].dtype) == PANDAS_DTYPES[column.type], (name, column.name)
