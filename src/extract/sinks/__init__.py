"""Write tables to SQLite, DuckDB, PostgreSQL, or folders of Parquet or CSV; schemas derive from tables.SCHEMA.

Targets (`open_sink`):
- a file path: SQLite (`results.sqlite`), or DuckDB when it ends in `.duckdb`/`.ddb`;
- a database URL: `sqlite:///x.db`, `duckdb:///x.duckdb`, `postgresql+psycopg://user@host/db`;
- `parquet:DIR` or `csv:DIR`: a folder with one subfolder per table and one file per release in each.

Every sink writes one release's rows atomically, replacing whatever rows that release had, so a run that
is killed at any point and run again ends with the same tables as an uninterrupted run. Databases get one
transaction per release. Folders get one file per release and table, each written under a temporary name
and renamed into place; the release's `documents` file is removed first and renamed into place last, as
the commit: a release without one is processed again by the next run, which rewrites all its files.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from extract.sinks.base import (
    FOLDER_FORMATS,
    SCHEMA_VERSION,
    Sink,
    SinkError,
    coerce_rows,
    mask_secrets,
    release_key,
)
from extract.sinks.folder import FolderSink
from extract.sinks.sql import SQLSink, database_url, sql_tables
from extract.tables import DOCUMENT_TABLES, Tables, frame

# What a path (not a URL) may end in; anything else is most likely a mistake ("results.parquet").
SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
DUCKDB_SUFFIXES = (".duckdb", ".ddb")


def open_sink(target: str | Path, *, create: bool = True, lock: bool = False) -> SQLSink | FolderSink:
    """The sink for a target (see the module docstring). Raises SinkError before anything is written.

    `lock=True` (a run) makes the sink the only writer of its target, or raises SinkError at once.
    """
    text = str(target)
    for fmt in FOLDER_FORMATS:
        if text.startswith(fmt + ":"):
            folder = text[len(fmt) + 1 :]
            if not folder:
                raise SinkError(f"{text}: name a folder, e.g. {fmt}:results/")
            return FolderSink(Path(folder), fmt, create=create)
    if "://" in text:
        return SQLSink(database_url(text), create=create, lock=lock)
    path = Path(text)
    if path.is_dir():
        raise SinkError(f"{path} is a folder; for Parquet or CSV use parquet:{path} or csv:{path}")
    suffix = path.suffix.lower()
    if suffix not in SQLITE_SUFFIXES + DUCKDB_SUFFIXES:
        hint = f"parquet:{path.with_suffix('')} or csv:{path.with_suffix('')} for a folder of files, "
        raise SinkError(
            f"{path}: cannot write a {suffix or 'suffix-less'} file; use a name ending in "
            f"{', '.join(SQLITE_SUFFIXES)} (SQLite) or {', '.join(DUCKDB_SUFFIXES)} (DuckDB), {hint}or a database URL"
        )
    backend = "duckdb" if suffix in DUCKDB_SUFFIXES else "sqlite"
    return SQLSink(sa.URL.create(backend, database=str(path)), create=create, lock=lock)


def read_tables(target: str | Path) -> Tables:
    """The tables stored in a target, typed like `extract.extract()`'s and ordered by primary key."""
    sink = open_sink(target, create=False)
    try:
        rows = sink.read_rows()
    finally:
        sink.close()
    tables = Tables.from_rows({name: rows[name] for name in DOCUMENT_TABLES})
    tables.runs = frame("runs", rows["runs"])
    return tables


__all__ = [
    "SCHEMA_VERSION",
    "FolderSink",
    "SQLSink",
    "Sink",
    "SinkError",
    "coerce_rows",
    "mask_secrets",
    "open_sink",
    "read_tables",
    "release_key",
    "sql_tables",
]
