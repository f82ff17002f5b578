"""The one declaration of the output tables, and Doc -> rows -> DataFrames.

Everything that knows a column (the DataFrame builder, the database schemas in sinks/, the evaluation)
reads it from `SCHEMA` here; no second list of columns or SQL types exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from spacy.tokens import Doc

from extract.extensions import doc_text
from extract.readers import Record

# Logical column types, mapped to pandas dtypes here and to SQL and Arrow types in sinks/.
PANDAS_DTYPES = {
    "str": "string",
    "int": "Int64",
    "float": "Float64",
    "bool": "boolean",
    "date": "datetime64[s]",
    "datetime": "datetime64[us]",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a key of PANDAS_DTYPES
    nullable: bool = True


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    # Mention tables reference documents.doc_id.
    references_documents: bool = True

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(spec: str) -> tuple[Column, ...]:
    """Columns from "name:type name:type!" (a trailing ! means NOT NULL)."""
    cols = []
    for item in spec.split():
        name, typ = item.split(":")
        cols.append(Column(name, typ.rstrip("!"), nullable=not typ.endswith("!")))
    return tuple(cols)


SPAN = "start_char:int! end_char:int!"
SCHEMA: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "runs",
            _c(
                "run_id:str! started:datetime! finished:datetime version:str! inputs:str "
                "n_documents:int n_rows:int n_errors:int"
            ),
            ("run_id",),
            references_documents=False,
        ),
        Table(
            "documents",
            _c(
                "doc_id:str! source:str title:str url:str publisher:str published:date text:str "
                "n_chars:int n_tokens:int encoding:str status:str! error:str run_id:str"
            ),
            ("doc_id",),
            references_documents=False,
        ),
        Table(
            "entities",
            _c(f"doc_id:str! label:str! text:str! canonical:str {SPAN} kb_id:str country:str"),
            ("doc_id", "start_char", "end_char"),
        ),
        Table(
            "ministers",
            _c(
                "doc_id:str! name:str title:str! country:str person_id:str linked_by:str conflict:bool "
                f"text:str! {SPAN}"
            ),
            ("doc_id", "start_char", "end_char"),
        ),
        Table(
            "quantities",
            _c(
                "doc_id:str! text:str! value:float lower:float upper:float approximate:bool unit:str "
                f"category:str subject:str {SPAN}"
            ),
            ("doc_id", "start_char", "end_char"),
        ),
        Table(
            "amounts",
            _c(
                "doc_id:str! text:str! value:float currency:str lower:float upper:float approximate:bool "
                f"subject:str {SPAN}"
            ),
            ("doc_id", "start_char", "end_char"),
        ),
        Table(
            "dates",
            _c(f"doc_id:str! text:str! start:date end:date granularity:str relative:bool {SPAN}"),
            ("doc_id", "start_char", "end_char"),
        ),
    )
}
MENTION_TABLES = ("entities", "ministers", "quantities", "amounts", "dates")
# Tables a batch fills from documents (runs is written by the batch itself).
DOCUMENT_TABLES = ("documents", *MENTION_TABLES)

Rows = dict[str, list[dict[str, Any]]]
# Value tables: each is filled from doc.spans[table], with the values in the span extension named here.
VALUE_EXTENSIONS = {"quantities": "quantity", "amounts": "amount", "dates": "date"}


def empty_rows() -> Rows:
    return {name: [] for name in DOCUMENT_TABLES}


def document_row(record: Record, doc: Doc | None, run_id: str | None = None) -> dict[str, Any]:
    return {
        "doc_id": record.id,
        "source": record.source,
        "title": record.title,
        "url": record.url,
        "publisher": record.publisher,
        "published": record.published,
        "text": record.text,
        "n_chars": len(record.text) if record.text is not None else None,
        "n_tokens": len(doc) if doc is not None else None,
        "encoding": record.encoding,
        "status": "error" if record.error else "ok",
        "error": record.error,
        "run_id": run_id,
    }


def _span_end(doc: Doc, start_char: int, end_char: int) -> int:
    extra = (doc._.ent_extra or {}).get(f"{start_char}:{end_char}")
    return int(extra["end_char"]) if extra else end_char


def doc_rows(record: Record, doc: Doc | None, run_id: str | None = None) -> Rows:
    """All rows one release contributes, keyed by table name."""
    rows = empty_rows()
    rows["documents"].append(document_row(record, doc, run_id))
    if doc is None:
        return rows
    doc_id = record.id
    text = doc_text(doc)
    for ent in doc.ents:
        end = _span_end(doc, ent.start_char, ent.end_char)
        extra = (doc._.ent_extra or {}).get(f"{ent.start_char}:{ent.end_char}", {})
        rows["entities"].append(
            {
                "doc_id": doc_id,
                "label": ent.label_,
                "text": text[ent.start_char : end],
                "canonical": ent.id_ or None,
                "start_char": ent.start_char,
                "end_char": end,
                "kb_id": ent.kb_id_ or None,
                "country": extra.get("country"),
            }
        )
    for span in doc.spans.get("ministers", []):
        end = _span_end(doc, span.start_char, span.end_char)
        link = span._.minister_link or {}
        rows["ministers"].append(
            {
                "doc_id": doc_id,
                "name": span.id_ or None,
                "title": span.label_,
                "country": span.kb_id_ or None,
                "person_id": link.get("person_id"),
                "linked_by": link.get("linked_by"),
                "conflict": bool(link.get("conflict", False)),
                "text": text[span.start_char : end],
                "start_char": span.start_char,
                "end_char": end,
            }
        )
    for table, ext in VALUE_EXTENSIONS.items():
        for span in doc.spans.get(table, []):
            values = getattr(span._, ext) or {}
            # a component may end the mention inside its last token ("i uge 21." -> "i uge 21")
            end = int(values.get("end_char", span.end_char))
            row = {
                "doc_id": doc_id,
                "text": text[span.start_char : end],
                "start_char": span.start_char,
                "end_char": end,
            }
            for col in SCHEMA[table].column_names:
                if col not in row:
                    row[col] = values.get(col)
            rows[table].append(row)
    return rows


def frame(table: str, rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """A typed DataFrame with exactly the declared columns, in order."""
    spec = SCHEMA[table]
    df = pd.DataFrame(list(rows), columns=spec.column_names)
    for col in spec.columns:
        dtype = PANDAS_DTYPES[col.type]
        if col.type in ("date", "datetime"):
            df[col.name] = pd.to_datetime(df[col.name], errors="coerce", format="ISO8601").astype(dtype)
        else:
            df[col.name] = df[col.name].astype(dtype)
    return df


@dataclass
class Tables:
    """The extraction result: one DataFrame per table of the contract."""

    documents: pd.DataFrame
    entities: pd.DataFrame
    ministers: pd.DataFrame
    quantities: pd.DataFrame
    amounts: pd.DataFrame
    dates: pd.DataFrame
    runs: pd.DataFrame = field(default_factory=lambda: frame("runs", []))

    @classmethod
    def from_rows(cls, rows: Rows) -> Tables:
        return cls(**{name: frame(name, rows.get(name, [])) for name in DOCUMENT_TABLES})

    def to_dict(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in ("documents", *MENTION_TABLES, "runs")}

    def __iter__(self) -> Iterator[tuple[str, pd.DataFrame]]:
        return iter(self.to_dict().items())


def merge_rows(into: Rows, more: Rows) -> Rows:
    for name, rows in more.items():
        into.setdefault(name, []).extend(rows)
    return into
