"""A readable terminal view of Tables (used by `extract show`)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from extract.tables import Tables

# Columns worth reading per table; offsets stay so a reader can find the mention.
VIEW = {
    "ministers": ["name", "title", "country", "text", "start_char", "end_char"],
    "entities": ["label", "text", "canonical", "kb_id", "country", "start_char", "end_char"],
    "quantities": ["text", "value", "lower", "upper", "approximate", "unit", "category", "subject"],
    "amounts": ["text", "value", "currency", "lower", "upper", "approximate", "subject"],
    "dates": ["text", "start", "end", "granularity", "relative"],
}


# How every missing value reads, whatever its column's type (pandas would print <NA>, NaT, NaN or None).
MISSING = "-"


def cell(value: Any) -> str:
    """One table cell as a reader wants it: missing as MISSING, a date without a time, 4400000000 not 4400000000.0."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return MISSING
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def render_tables(tables: Tables) -> str:
    out: list[str] = []
    for _, doc in tables.documents.iterrows():
        head = f"{doc['source'] or doc['doc_id']}  id={doc['doc_id']}"
        if pd.notna(doc["published"]):
            head += f"  published={doc['published'].date().isoformat()}"
        if pd.notna(doc["publisher"]):
            head += f"  publisher={doc['publisher']}"
        out += [head, "=" * min(len(head), 100)]
        if doc["status"] == "error":
            out += [f"ERROR: {doc['error']}", ""]
            continue
        for name, cols in VIEW.items():
            df = getattr(tables, name)
            df = df[df["doc_id"] == doc["doc_id"]][cols].astype(object).map(cell)
            out.append(f"\n{name} ({len(df)})")
            if len(df):
                with pd.option_context("display.max_colwidth", 60, "display.width", 160):
                    out.append(df.to_string(index=False))
        out.append("")
    return "\n".join(out)
