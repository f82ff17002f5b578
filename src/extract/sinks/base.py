"""What every sink shares: the schema version, errors, the Sink protocol and value coercion."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any, Protocol

import pandas as pd
import sqlalchemy as sa

from extract.readers import clean_text, content_id
from extract.tables import SCHEMA, Rows
from extract.wording import mask_secrets  # noqa: F401  (re-exported: sinks name targets in messages)

# Bump when a change to SCHEMA makes existing targets unusable; targets also have their columns checked.
SCHEMA_VERSION = "2"
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
# What to do with a target of another schema version: its rows are derived data, so nothing is lost.
NEW_TARGET_HINT = (
    "it was written by another version of pressextract: give --out a new file, URL or folder, "
    "or remove this one and run again to extract everything anew"
)
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
        # NUL and lone surrogates, which PostgreSQL refuses, stored the same way everywhere (offsets kept).
        return clean_text(str(value))
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
    """Rows with exactly the declared columns, each value of its declared type.

    The values the pipeline gives are nearly always already of their type (a str, an int, None): those pass
    on a type check alone, the rest go through `coerce_value` (this ran for every value of every row in the
    writing parent, a third of its time under `--jobs 2`)."""
    columns = [(c.name, c.type, _PLAIN_TYPES.get(c.type)) for c in SCHEMA[table].columns]
    out = []
    for row in rows:
        coerced: dict[str, Any] = {}
        for name, logical, plain in columns:
            value = row.get(name)
            if value is None:
                coerced[name] = None
            elif type(value) is plain:
                coerced[name] = clean_text(value) if isinstance(value, str) else value
            else:
                coerced[name] = coerce_value(logical, value)
        out.append(coerced)
    return out


# Logical types whose values of exactly this Python type need no conversion (a float may be NaN, a bool
# stored as int is no bool: those take the long way).
_PLAIN_TYPES: dict[str, type] = {"str": str, "int": int, "bool": bool}


def release_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """What decides whether a stored release equals a new one (see RELEASE_KEY_COLUMNS)."""
    types = {c.name: c.type for c in SCHEMA["documents"].columns}
    return tuple(coerce_value(types[c], row.get(c)) for c in RELEASE_KEY_COLUMNS)


def stale_error_ids(documents: Iterable[dict[str, Any]]) -> list[str]:
    """Ids of the error rows that releases now read fine replace: a fixed file's error row goes.

    An unreadable file or line is stored under an id made from where it came from (`error_record`); when
    that source yields a release again, its error row is withdrawn.
    """
    ids = {r["doc_id"] for r in documents}
    stale = {"error:" + content_id(r["source"]) for r in documents if r.get("source") and r["status"] == "ok"}
    return sorted(stale - ids)


def exclusive_lock(path: Path, busy: str) -> IO[str]:
    """Hold an exclusive flock on `path` (created if missing) for as long as the returned file is open.

    The one-writer rule of every file target: a second run fails at once with SinkError(`busy`), and the
    lock goes with the process however it ends.
    """
    import fcntl

    handle = open(path, "w")  # noqa: SIM115 - held, and closed, by the sink
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise SinkError(busy) from None
    return handle


def short_error(err: BaseException) -> str:
    """The driver's own message, first line, without SQLAlchemy's wrapping."""
    orig = getattr(err, "orig", None)
    text = str(orig if orig is not None else err).strip()
    return text.splitlines()[0] if text else type(err).__name__
