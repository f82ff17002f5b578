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

import datetime as dt
import hashlib
import json
import math
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
import sqlalchemy as sa

from extract.tables import DOCUMENT_TABLES, MENTION_TABLES, SCHEMA, Rows, Tables, frame

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

    def known_documents(self) -> dict[str, tuple[Any, ...]]: ...

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


def _short(err: BaseException) -> str:
    """The driver's own message, first line, without SQLAlchemy's wrapping."""
    orig = getattr(err, "orig", None)
    text = str(orig if orig is not None else err).strip()
    return text.splitlines()[0] if text else type(err).__name__


# --- SQL databases ------------------------------------------------------------------------------------


def sql_tables(backend: str) -> tuple[sa.MetaData, dict[str, sa.Table]]:
    """SQLAlchemy tables built from SCHEMA: typed columns, primary keys, doc_id foreign keys and indexes."""
    metadata = sa.MetaData()
    tables = {
        "schema_info": sa.Table(
            "schema_info", metadata, sa.Column("key", sa.Text, primary_key=True), sa.Column("value", sa.Text)
        )
    }
    # DuckDB rejects ON DELETE CASCADE; our writes delete mention rows explicitly anyway.
    ondelete = None if backend == "duckdb" else "CASCADE"
    for name in ("runs", *DOCUMENT_TABLES):
        spec = SCHEMA[name]
        items: list[Any] = []
        for col in spec.columns:
            refs = (
                [sa.ForeignKey("documents.doc_id", ondelete=ondelete)]
                if spec.references_documents and col.name == "doc_id"
                else []
            )
            items.append(sa.Column(col.name, SQL_TYPES[col.type](), *refs, nullable=col.nullable, autoincrement=False))
        items.append(sa.PrimaryKeyConstraint(*spec.primary_key, name=f"pk_{name}"))
        if spec.references_documents:
            items.append(sa.Index(f"ix_{name}_doc_id", "doc_id"))
        tables[name] = sa.Table(name, metadata, *items)
    return metadata, tables


def database_url(text: str) -> sa.URL:
    """A SQLAlchemy URL for one of the supported databases; `postgresql://` means psycopg 3."""
    try:
        url = sa.make_url(text)
    except sa.exc.ArgumentError as err:
        raise SinkError(f"{text}: not a database URL ({err}); {URL_HELP}") from None
    backend = url.get_backend_name()
    if backend == "postgres" or url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
        backend = "postgresql"
    if backend not in BACKENDS:
        raise SinkError(f"{url.render_as_string(hide_password=True)}: unsupported database {backend!r}; {URL_HELP}")
    return url


def _columns(conn: sa.Connection, name: str) -> list[str]:
    """A table's column names from an empty query: portable where reflection is not (duckdb_engine)."""
    return list(conn.execute(sa.select(sa.text("*")).select_from(sa.table(name)).limit(0)).keys())


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys on; and the driver's own transaction handling off, which leaves DDL outside any
    transaction (a run killed while creating the schema would leave half of it): see `_sqlite_begin`."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(conn: sa.Connection) -> None:
    """Every SQLAlchemy transaction is a real SQLite transaction, DDL included (SQLAlchemy's pysqlite recipe)."""
    conn.exec_driver_sql("BEGIN")


class SQLSink:
    """SQLite, DuckDB or PostgreSQL through SQLAlchemy Core: one code path, one transaction per release."""

    def __init__(self, url: sa.URL, *, create: bool = True) -> None:
        self.url = url
        self.name = url.render_as_string(hide_password=True)
        self.backend = url.get_backend_name()
        # An embedded file with tables of its own is most likely a wrong path; a server database may
        # hold other applications' tables, as long as none has one of our names.
        self.embedded = self.backend in ("sqlite", "duckdb")
        self.metadata, self.tables = sql_tables(self.backend)
        url, connect_args = self._connect_args(url, create)
        try:
            self.engine = sa.create_engine(url, connect_args=connect_args)
        except (ImportError, sa.exc.NoSuchModuleError, sa.exc.ArgumentError) as err:
            extra = {"duckdb": "duckdb", "postgresql": "postgres"}.get(self.backend, "")
            hint = f" (pip install 'pressextract[{extra}]')" if extra else ""
            raise SinkError(f"{self.name}: cannot load the database driver: {err}{hint}") from None
        if self.backend == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_on_connect)
            sa.event.listen(self.engine, "begin", _sqlite_begin)
        try:
            self._ensure_schema(create)
        except SinkError:
            self.engine.dispose()
            raise
        except (sa.exc.SQLAlchemyError, OSError) as err:
            self.engine.dispose()
            raise SinkError(f"{self.name}: cannot use this database: {_short(err)}") from None

    def _connect_args(self, url: sa.URL, create: bool) -> tuple[sa.URL, dict[str, Any]]:
        """Check an embedded file's folder before the driver creates the file; DuckDB's read_only option."""
        args: dict[str, Any] = {}
        if self.backend == "duckdb" and "read_only" in url.query:
            args["read_only"] = url.query["read_only"] in ("true", "1", "yes")
            url = url.difference_update_query(["read_only"])
        if self.backend == "postgresql" and "connect_timeout" not in url.query:
            args["connect_timeout"] = 10
        db = url.database
        if self.embedded and db and db != ":memory:" and not db.startswith("file:"):
            path = Path(db)
            if not path.parent.is_dir():
                raise SinkError(f"{self.name}: folder {path.parent} does not exist")
            if path.is_dir():
                raise SinkError(f"{self.name}: {path} is a folder; for Parquet or CSV use parquet:{path} or csv:{path}")
            if not create and not path.exists():
                raise SinkError(f"{self.name}: no such database")
        return url, args

    def _ensure_schema(self, create: bool) -> None:
        """Create our tables, or check that existing ones are ours and of this version; fail before any row."""
        info = self.tables["schema_info"]
        ours = set(self.tables)
        with self.engine.begin() as conn:
            inspector = sa.inspect(conn)
            existing = set(inspector.get_table_names())
            if "schema_info" in existing:
                version = conn.execute(sa.select(info.c.value).where(info.c.key == "version")).scalar()
                if version != SCHEMA_VERSION:
                    raise SinkError(
                        f"{self.name}: schema version {version or 'unknown'} is not {SCHEMA_VERSION}; use a new target"
                    )
                for name in ("runs", *DOCUMENT_TABLES):
                    found = _columns(conn, name) if name in existing else []
                    if sorted(found) != sorted(SCHEMA[name].column_names):
                        raise SinkError(
                            f"{self.name}: table {name} has columns {found}, not {SCHEMA[name].column_names}: "
                            "it was written by another version; use a new target"
                        )
            elif existing & ours or (self.embedded and existing):
                raise SinkError(
                    f"{self.name}: holds tables that are not ours ({', '.join(sorted(existing))}); use a new target"
                )
            elif not create:
                raise SinkError(f"{self.name}: holds no pressextract tables")
            if not create:
                return
            self.metadata.create_all(conn)
            # Also the probe that the target is writable, before any release is processed.
            conn.execute(info.delete().where(info.c.key == "version"))
            conn.execute(info.insert().values(key="version", value=SCHEMA_VERSION))

    def known_documents(self) -> dict[str, tuple[Any, ...]]:
        """doc_id -> release_key of the releases stored with status ok (to skip unchanged ones)."""
        docs = self.tables["documents"]
        query = sa.select(docs.c.doc_id, *(docs.c[c] for c in RELEASE_KEY_COLUMNS)).where(docs.c.status == "ok")
        with self.engine.connect() as conn:
            return {row.doc_id: release_key(dict(row._mapping)) for row in conn.execute(query)}

    def write_document(self, rows: Rows) -> None:
        """Replace one release's rows in a single transaction."""
        data = {name: coerce_rows(name, rows.get(name, [])) for name in DOCUMENT_TABLES}
        ids = sorted({r["doc_id"] for r in data["documents"]})
        docs = self.tables["documents"]
        try:
            with self.engine.begin() as conn:
                for name in MENTION_TABLES:
                    table = self.tables[name]
                    conn.execute(table.delete().where(table.c.doc_id.in_(ids)))
                # Update rather than delete + insert: DuckDB refuses to delete a referenced row in the
                # transaction that deleted the rows referencing it.
                self._upsert(conn, docs, data["documents"])
                for name in MENTION_TABLES:
                    if data[name]:
                        conn.execute(self.tables[name].insert(), data[name])
        except sa.exc.SQLAlchemyError as err:
            raise SinkError(f"{self.name}: cannot write release {', '.join(ids)}: {_short(err)}") from None

    def write_run(self, run: dict[str, Any]) -> None:
        """Insert or update the run's row (written when the run starts and again when it finishes)."""
        try:
            with self.engine.begin() as conn:
                self._upsert(conn, self.tables["runs"], coerce_rows("runs", [run]))
        except sa.exc.SQLAlchemyError as err:
            raise SinkError(f"{self.name}: cannot write run {run.get('run_id')}: {_short(err)}") from None

    @staticmethod
    def _upsert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        (key,) = table.primary_key.columns
        found = set(conn.execute(sa.select(key).where(key.in_([r[key.name] for r in rows]))).scalars())
        for row in rows:
            if row[key.name] in found:
                values = {k: v for k, v in row.items() if k != key.name}
                conn.execute(table.update().where(key == row[key.name]).values(values))
            else:
                conn.execute(table.insert().values(row))

    def read_rows(self) -> dict[str, list[dict[str, Any]]]:
        """Every table's rows, ordered by primary key."""
        out = {}
        with self.engine.connect() as conn:
            for name in ("runs", *DOCUMENT_TABLES):
                table = self.tables[name]
                query = sa.select(table).order_by(*(table.c[k] for k in SCHEMA[name].primary_key))
                out[name] = [dict(r._mapping) for r in conn.execute(query)]
        return out

    def close(self) -> None:
        self.engine.dispose()


# --- folders of Parquet or CSV ------------------------------------------------------------------------


def _arrow_schema(table: str) -> Any:
    import pyarrow as pa

    types = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "datetime": pa.timestamp("us"),
    }
    return pa.schema([pa.field(c.name, types[c.type], nullable=c.nullable) for c in SCHEMA[table].columns])


def file_key(doc_id: str) -> str:
    """A file name for a release: readable where the id allows, unique (and case-safe) by its hash."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", doc_id)[:48].strip("_") or "release"
    return f"{slug}-{hashlib.sha1(doc_id.encode('utf-8')).hexdigest()[:12]}"


def _fsync(path: Path) -> None:
    """Flush a file or folder to disk so that a rename is durable across a power loss too."""
    if os.name != "posix":  # pragma: no cover - folders cannot be opened for fsync elsewhere
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class FolderSink:
    """A folder of Parquet or CSV files: DIR/TABLE/RELEASE.EXT, plus DIR/runs/RUN.EXT and DIR/schema_info.json.

    Read a table with `pandas.read_parquet("DIR/entities")`, DuckDB's `read_parquet('DIR/entities/*.parquet')`,
    or `extract.sinks.read_tables("parquet:DIR")`. Files whose names start with "." are in-progress
    writes, ignored by those readers and removed by the next run.
    """

    INFO = "schema_info.json"
    TMP = ".tmp-"

    def __init__(self, root: Path, fmt: str, *, create: bool = True) -> None:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise SinkError(f"{fmt}:{root}: needs pyarrow (pip install 'pressextract[parquet]')") from None
        self.root = root
        self.fmt = fmt
        self.name = f"{fmt}:{root}"
        self.schemas = {name: _arrow_schema(name) for name in ("runs", *DOCUMENT_TABLES)}
        self._lock: Any = None
        try:
            self._ensure_layout(create)
        except OSError as err:
            self.close()
            raise SinkError(f"{self.name}: cannot use this folder: {err}") from None

    def _expected_info(self) -> dict[str, Any]:
        return {
            "version": SCHEMA_VERSION,
            "format": self.fmt,
            "tables": {name: SCHEMA[name].column_names for name in ("runs", *DOCUMENT_TABLES)},
        }

    def _ensure_layout(self, create: bool) -> None:
        root, info_path = self.root, self.root / self.INFO
        if root.exists() and not root.is_dir():
            raise SinkError(f"{self.name}: {root} is not a folder")
        if info_path.exists():
            try:
                info = json.loads(info_path.read_text(encoding="utf-8"))
            except ValueError as err:
                raise SinkError(f"{self.name}: unreadable {self.INFO}: {err}") from None
            expected = self._expected_info()
            if info.get("version") != SCHEMA_VERSION:
                raise SinkError(
                    f"{self.name}: schema version {info.get('version', 'unknown')} is not {SCHEMA_VERSION}; "
                    "use a new target"
                )
            if info.get("format") != self.fmt:
                raise SinkError(f"{self.name}: the folder holds {info.get('format')} files, not {self.fmt}")
            if info.get("tables") != expected["tables"]:
                raise SinkError(f"{self.name}: the folder's columns are from another version; use a new target")
        elif root.is_dir() and any(not self._ours(p) for p in root.iterdir()):
            raise SinkError(f"{self.name}: {root} holds files that are not ours; use a new or empty folder")
        elif not create:
            raise SinkError(f"{self.name}: holds no pressextract tables")
        if not create:
            return
        if not root.parent.is_dir():
            raise SinkError(f"{self.name}: folder {root.parent} does not exist")
        root.mkdir(exist_ok=True)
        self._take_lock()
        for name in self.schemas:
            folder = root / name
            folder.mkdir(exist_ok=True)
            for stale in folder.glob(self.TMP + "*"):  # left by a killed run
                stale.unlink()
        # Also the probe that the folder is writable, before any release is processed.
        self._atomic_write(info_path, lambda tmp: tmp.write_text(json.dumps(self._expected_info(), indent=1)))
        _fsync(root)

    def _ours(self, path: Path) -> bool:
        """What a run killed before writing schema_info.json may have left: empty table folders, the lock."""
        if path.name in (".lock", self.INFO) or path.name.startswith(self.TMP):
            return True
        return path.name in self.schemas and path.is_dir() and not any(path.iterdir())

    def _take_lock(self) -> None:
        """One writer at a time: the next run removes stale temporary files, which must not be a live run's."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            return
        self._lock = open(self.root / ".lock", "w")  # noqa: SIM115 - held for the sink's lifetime
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SinkError(f"{self.name}: another run is writing to this folder") from None

    def _path(self, table: str, key: str) -> Path:
        return self.root / table / f"{key}.{self.fmt}"

    def _atomic_write(self, path: Path, write: Any) -> None:
        tmp = path.with_name(f"{self.TMP}{os.getpid()}-{path.name}")
        write(tmp)
        _fsync(tmp)
        os.replace(tmp, path)

    def _write_table(self, table: str, rows: list[dict[str, Any]], path: Path) -> None:
        import pyarrow as pa

        data = pa.Table.from_pylist(rows, schema=self.schemas[table])
        if self.fmt == "parquet":
            import pyarrow.parquet as pq

            self._atomic_write(path, lambda tmp: pq.write_table(data, tmp))
        else:
            import pyarrow.csv as pacsv

            # Every value quoted, nulls left bare: an empty string and a missing value stay distinct.
            options = pacsv.WriteOptions(quoting_style="all_valid")
            self._atomic_write(path, lambda tmp: pacsv.write_csv(data, tmp, write_options=options))

    def _read_table(self, table: str) -> Any:
        import pyarrow.csv as pacsv
        import pyarrow.dataset as ds

        schema = self.schemas[table]
        if self.fmt == "parquet":
            fmt: Any = ds.ParquetFileFormat()
        else:
            fmt = ds.CsvFileFormat(
                parse_options=pacsv.ParseOptions(newlines_in_values=True),
                convert_options=pacsv.ConvertOptions(
                    column_types=schema, strings_can_be_null=True, quoted_strings_can_be_null=False
                ),
            )
        # Names starting with "." (in-progress writes) are ignored by default.
        return ds.dataset(self.root / table, schema=schema, format=fmt).to_table()

    def known_documents(self) -> dict[str, tuple[Any, ...]]:
        rows = self._read_table("documents").select(["doc_id", "status", *RELEASE_KEY_COLUMNS]).to_pylist()
        return {r["doc_id"]: release_key(r) for r in rows if r["status"] == "ok"}

    def write_document(self, rows: Rows) -> None:
        """Replace a release's files: its documents file goes first and comes back last, as the commit.

        Until the new documents file is renamed into place the release has none, so a run stopped midway
        leaves it to be processed again, whatever its input is by then.
        """
        data = {name: coerce_rows(name, rows.get(name, [])) for name in DOCUMENT_TABLES}
        try:
            for doc_id in sorted({r["doc_id"] for r in data["documents"]}):
                key = file_key(doc_id)
                withdrawn = self._path("documents", key)
                if withdrawn.exists():
                    withdrawn.unlink()
                    _fsync(withdrawn.parent)
                for name in MENTION_TABLES:
                    path = self._path(name, key)
                    mine = [r for r in data[name] if r["doc_id"] == doc_id]
                    if mine:
                        self._write_table(name, mine, path)
                    else:
                        path.unlink(missing_ok=True)
                    _fsync(path.parent)
                docs_path = self._path("documents", key)
                self._write_table("documents", [r for r in data["documents"] if r["doc_id"] == doc_id], docs_path)
                _fsync(docs_path.parent)
        except OSError as err:
            raise SinkError(f"{self.name}: cannot write: {err}") from None

    def write_run(self, run: dict[str, Any]) -> None:
        try:
            path = self._path("runs", file_key(str(run["run_id"])))
            self._write_table("runs", coerce_rows("runs", [run]), path)
        except OSError as err:
            raise SinkError(f"{self.name}: cannot write: {err}") from None

    def read_rows(self) -> dict[str, list[dict[str, Any]]]:
        out = {}
        for name in ("runs", *DOCUMENT_TABLES):
            keys = SCHEMA[name].primary_key
            rows = self._read_table(name).to_pylist()
            out[name] = sorted(rows, key=lambda r, keys=keys: tuple(r[k] for k in keys))  # type: ignore[misc]
        return out

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None


# --- entry points -------------------------------------------------------------------------------------


def open_sink(target: str | Path, *, create: bool = True) -> SQLSink | FolderSink:
    """The sink for a target (see the module docstring). Raises SinkError before anything is written."""
    text = str(target)
    for fmt in FOLDER_FORMATS:
        if text.startswith(fmt + ":"):
            folder = text[len(fmt) + 1 :]
            if not folder:
                raise SinkError(f"{text}: name a folder, e.g. {fmt}:results/")
            return FolderSink(Path(folder), fmt, create=create)
    if "://" in text:
        return SQLSink(database_url(text), create=create)
    path = Path(text)
    if path.is_dir():
        raise SinkError(f"{path} is a folder; for Parquet or CSV use parquet:{path} or csv:{path}")
    backend = "duckdb" if path.suffix in (".duckdb", ".ddb") else "sqlite"
    return SQLSink(sa.URL.create(backend, database=str(path)), create=create)


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
    "FolderSink",
    "SQLSink",
    "SinkError",
    "coerce_rows",
    "open_sink",
    "read_tables",
    "release_key",
    "sql_tables",
]
