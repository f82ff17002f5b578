"""What every sink shares: the schema version, errors, the Sink protocol and value coercion."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Any, Protocol

import pandas as pd
import sqlalchemy as sa

from extract.tables import SCHEMA, Rows

# Bump when a change to SCHEMA makes existing targets unusable; targets also have their columns checked.
SCHEMA_VERSION = "1"
# The documents columns that decide whether a release is unchanged: its text and the metadata that
# extraction reads (publication date) or that the row shows. `source` is left out so that the same
# releases read through another path are still recognised.
RELEASE_KEY_COLUMNS = ("text", "published", "title", "url", "publisher")
# Logical column types (tables.PANDAS_DTYPES) -> SQLAlchemy types. Double, not Float: DuckDB's FLOAT
# is 4 bytes and would round 332500000.0.
SQL_TYPES: dict[str, type[sa.types.TypeEngine[Any]]] = {
    "str": sa.Text,
    "int": sa.BigInteger,
    "float": sa.Double,
    "bool": sa.Boolean,
    "date": sa.Date,
    "datetime": sa.DateTime,
}
BACKENDS = ("sqlite", "duckdb", "postgresql")
FOLDER_FORMATS = ("parquet", "csv")
URL_HELP = "use a file path, sqlite:///FILE, duckdb:///FILE, postgresql+psycopg://USER@HOST/DB, parquet:DIR or csv:DIR"


class SinkError(RuntimeError):
    """A target that cannot be used: bad URL or path, read-only, unreachable, or a schema from another version."""


class Sink(Protocol):
    """What run_batch needs from a target."""

    name: str

    def known_documents(self, version: str) -> dict[str, tuple[Any, ...]]: ...

    def write_document(self, rows: Rows) -> None: ...

    def write_run(self, run: dict[str, Any]) -> None: ...

    def read_rows(self) -> dict[str, list[dict[str, Any]]]: ...

    def close(self) -> None: ...


# --- values -------------------------------------------------------------------------------------------


def coerce_value(logical: str, value: Any) -> Any:
    """A Python value of the column's logical type (None for missing), so every backend stores the same."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if logical == "str":
        return str(value)
    if logical == "int":
        return int(value)
    if logical == "float":
        return float(value)
    if logical == "bool":
        return bool(value)
    if logical == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return dt.date.fromisoformat(str(value)[:10])
    if logical == "datetime":
        if isinstance(value, dt.datetime):
            return value if value.tzinfo is None else value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        if isinstance(value, dt.date):
            return dt.datetime(value.year, value.month, value.day)
        return dt.datetime.fromisoformat(str(value))
    raise ValueError(f"unknown logical type {logical!r}")


def coerce_rows(table: str, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with exactly the declared columns, each value of its declared type."""
    columns = SCHEMA[table].columns
    return [{c.name: coerce_value(c.type, row.get(c.name)) for c in columns} for row in rows]


def release_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """What decides whether a stored release equals a new one (see RELEASE_KEY_COLUMNS)."""
    types = {c.name: c.type for c in SCHEMA["documents"].columns}
    return tuple(coerce_value(types[c], row.get(c)) for c in RELEASE_KEY_COLUMNS)


def short_error(err: BaseException) -> str:
    """The driver's own message, first line, without SQLAlchemy's wrapping."""
    orig = getattr(err, "orig", None)
    text = str(orig if orig is not None else err).strip()
    return text.splitlines()[0] if text else type(err).__name__
