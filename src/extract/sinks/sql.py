"""SQLite, DuckDB and PostgreSQL through SQLAlchemy: one transaction per release."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

from extract.sinks.base import (
    BACKENDS,
    NEW_TARGET_HINT,
    RELEASE_KEY_COLUMNS,
    SCHEMA_VERSION,
    SQL_TYPES,
    URL_HELP,
    SinkError,
    coerce_rows,
    exclusive_lock,
    release_key,
    short_error,
    stale_error_ids,
)
from extract.tables import DOCUMENT_TABLES, MENTION_TABLES, SCHEMA, Rows

# The PostgreSQL advisory lock a run holds on its schema (any fixed 32-bit number of our own).
RUN_LOCK_KEY = 0x70726573  # "pres"


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

    def __init__(self, url: sa.URL, *, create: bool = True, lock: bool = False) -> None:
        self.url = url
        self._lock_file: Any = None
        self._lock_conn: sa.Connection | None = None
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
            if lock:
                self._take_lock()
            self._ensure_schema(create)
        except SinkError:
            self.close()
            raise
        except (sa.exc.SQLAlchemyError, OSError) as err:
            self.close()
            message = short_error(err)
            if self.backend == "duckdb" and "lock" in message.lower():
                message = f"another process is using this database ({message})"
            raise SinkError(f"{self.name}: cannot use this database: {message}") from None

    def _take_lock(self) -> None:
        """One run writes to a database at a time; a second one stops at once and says why.

        SQLite: an exclusive flock on a hidden file beside the database (SQLite's own locks are per
        transaction, so two runs would interleave and fail on "database is locked"). PostgreSQL: a
        session advisory lock, held by a connection kept for the run. DuckDB locks its file itself.
        Both are released when the process ends, however it ends.
        """
        busy = f"{self.name}: another run is writing to this database; wait for it to finish, or use another target"
        if self.backend == "sqlite":
            db = self.url.database
            if not db or db == ":memory:" or db.startswith("file:"):
                return
            path = Path(db)
            self._lock_file = exclusive_lock(path.with_name(f".{path.name}.lock"), busy)
        elif self.backend == "postgresql":
            self._lock_conn = self.engine.connect()
            # Keyed by the schema too: runs into different schemas of one database do not wait for each other.
            got = self._lock_conn.execute(
                sa.text("SELECT pg_try_advisory_lock(:key, hashtext(current_schema()))"), {"key": RUN_LOCK_KEY}
            ).scalar()
            self._lock_conn.commit()
            if not got:
                raise SinkError(busy)

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
                        f"{self.name}: schema version {version or 'unknown'} is not {SCHEMA_VERSION}; use a new target "
                        f"({NEW_TARGET_HINT})"
                    )
                for name in ("runs", *DOCUMENT_TABLES):
                    found = _columns(conn, name) if name in existing else []
                    if sorted(found) != sorted(SCHEMA[name].column_names):
                        raise SinkError(
                            f"{self.name}: table {name} has columns {found}, not {SCHEMA[name].column_names}; "
                            f"use a new target ({NEW_TARGET_HINT})"
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

    def known_documents(self, version: str) -> dict[str, tuple[Any, ...]]:
        """doc_id -> release_key of the releases stored with status ok by pipeline `version` (to skip them)."""
        docs, runs = self.tables["documents"], self.tables["runs"]
        query = (
            sa.select(docs.c.doc_id, *(docs.c[c] for c in RELEASE_KEY_COLUMNS))
            .select_from(docs.join(runs, docs.c.run_id == runs.c.run_id))
            .where(docs.c.status == "ok", runs.c.version == version)
        )
        with self.engine.connect() as conn:
            return {row.doc_id: release_key(dict(row._mapping)) for row in conn.execute(query)}

    def write_document(self, rows: Rows) -> None:
        """Replace one release's rows in a single transaction."""
        self.write_documents([rows])

    def write_documents(self, releases: list[Rows]) -> None:
        """Replace several releases' rows in one transaction: all of them or none.

        Why: one transaction and a handful of statements per table for a group of releases, instead of ten
        statements and a commit per release, which made the writing parent the bottleneck of `--jobs 2`.
        """
        data = {
            name: [row for rows in releases for row in coerce_rows(name, rows.get(name, []))]
            for name in DOCUMENT_TABLES
        }
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
                stale = stale_error_ids(data["documents"])
                if stale:
                    conn.execute(docs.delete().where(docs.c.doc_id.in_(stale), docs.c.status == "error"))
                for name in MENTION_TABLES:
                    if data[name]:
                        conn.execute(self.tables[name].insert(), data[name])
        except sa.exc.SQLAlchemyError as err:
            raise SinkError(f"{self.name}: cannot write release {', '.join(ids)}: {short_error(err)}") from None

    def write_run(self, run: dict[str, Any]) -> None:
        """Insert or update the run's row (written when the run starts and again when it finishes)."""
        try:
            with self.engine.begin() as conn:
                self._upsert(conn, self.tables["runs"], coerce_rows("runs", [run]))
        except sa.exc.SQLAlchemyError as err:
            raise SinkError(f"{self.name}: cannot write run {run.get('run_id')}: {short_error(err)}") from None

    @staticmethod
    def _upsert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        (key,) = table.primary_key.columns
        found = set(conn.execute(sa.select(key).where(key.in_([r[key.name] for r in rows]))).scalars())
        new = [row for row in rows if row[key.name] not in found]
        for row in rows:
            if row[key.name] in found:
                values = {k: v for k, v in row.items() if k != key.name}
                conn.execute(table.update().where(key == row[key.name]).values(values))
        if new:
            conn.execute(table.insert(), new)

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
        if self._lock_conn is not None:
            self._lock_conn.close()
            self._lock_conn = None
        if getattr(self, "engine", None) is not None:
            self.engine.dispose()
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None
