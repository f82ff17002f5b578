"""Write tables to SQLite (the embedded default), with the schema derived from tables.SCHEMA.

Each release's rows are written in one transaction, replacing whatever rows that release had, so a run
that is killed and run again ends with the same database as an uninterrupted run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from extract.tables import DOCUMENT_TABLES, MENTION_TABLES, SCHEMA, Rows, Table

SQL_TYPES = {
    "str": "TEXT",
    "int": "INTEGER",
    "float": "REAL",
    "bool": "BOOLEAN",
    "date": "DATE",
    "datetime": "TIMESTAMP",
}
SCHEMA_VERSION = "1"


class SinkError(RuntimeError):
    """A target that cannot be written: bad path, read-only, or a schema from another version."""


def create_table_sql(table: Table) -> str:
    cols = [f'"{c.name}" {SQL_TYPES[c.type]}{"" if c.nullable else " NOT NULL"}' for c in table.columns]
    cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in table.primary_key) + ")")
    if table.references_documents:
        cols.append('FOREIGN KEY ("doc_id") REFERENCES documents ("doc_id") ON DELETE CASCADE')
    return f'CREATE TABLE IF NOT EXISTS "{table.name}" (\n  ' + ",\n  ".join(cols) + "\n)"


def schema_sql() -> list[str]:
    statements = ['CREATE TABLE IF NOT EXISTS "schema_info" ("key" TEXT PRIMARY KEY, "value" TEXT)']
    for name in ("runs", *DOCUMENT_TABLES):
        statements.append(create_table_sql(SCHEMA[name]))
    for name in MENTION_TABLES:
        statements.append(f'CREATE INDEX IF NOT EXISTS "ix_{name}_doc_id" ON "{name}" ("doc_id")')
    return statements


class SQLiteSink:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.parent and not self.path.parent.exists():
            raise SinkError(f"{self.path}: folder {self.path.parent} does not exist")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._ensure_schema()
        except sqlite3.DatabaseError as err:
            raise SinkError(f"{self.path}: cannot use as a SQLite database: {err}") from err

    def _ensure_schema(self) -> None:
        cur = self.conn.cursor()
        found = cur.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='schema_info'").fetchone()
        if found:
            row = cur.execute("SELECT value FROM schema_info WHERE key='version'").fetchone()
            if row is None or row[0] != SCHEMA_VERSION:
                version = row[0] if row else "unknown"
                raise SinkError(f"{self.path}: schema version {version} is not {SCHEMA_VERSION}; use a new target")
        elif cur.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]:
            raise SinkError(f"{self.path}: holds tables that are not ours; use a new target")
        cur.execute("BEGIN")
        for statement in schema_sql():
            cur.execute(statement)
        cur.execute("INSERT OR REPLACE INTO schema_info VALUES ('version', ?)", (SCHEMA_VERSION,))
        cur.execute("COMMIT")

    def known_texts(self) -> dict[str, str | None]:
        """doc_id -> text of the releases already written with status ok (to skip unchanged ones)."""
        return dict(self.conn.execute("SELECT doc_id, text FROM documents WHERE status = 'ok'").fetchall())

    def write_document(self, rows: Rows) -> None:
        """Replace one release's rows in a single transaction."""
        doc_ids = {r["doc_id"] for r in rows["documents"]}
        cur = self.conn.cursor()
        try:
            cur.execute("BEGIN")
            for doc_id in doc_ids:
                for name in MENTION_TABLES:
                    cur.execute(f'DELETE FROM "{name}" WHERE doc_id = ?', (doc_id,))
                cur.execute('DELETE FROM "documents" WHERE doc_id = ?', (doc_id,))
            for name in DOCUMENT_TABLES:
                self._insert(cur, name, rows.get(name, []))
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def write_run(self, run: dict[str, Any]) -> None:
        cur = self.conn.cursor()
        cur.execute("BEGIN")
        cur.execute('DELETE FROM "runs" WHERE run_id = ?', (run["run_id"],))
        self._insert(cur, "runs", [run])
        cur.execute("COMMIT")

    @staticmethod
    def _insert(cur: sqlite3.Cursor, name: str, rows: Iterable[dict[str, Any]]) -> None:
        cols = SCHEMA[name].column_names
        quoted = ", ".join(f'"{c}"' for c in cols)
        sql = f'INSERT INTO "{name}" ({quoted}) VALUES ({", ".join("?" * len(cols))})'
        cur.executemany(sql, [tuple(row.get(c) for c in cols) for row in rows])

    def close(self) -> None:
        self.conn.close()


def open_sink(target: str | Path) -> SQLiteSink:
    """The sink for a target: a SQLite file path (the default)."""
    text = str(target)
    if "://" in text and not text.startswith("sqlite:///"):
        raise SinkError(f"{text}: only SQLite targets are supported in this version")
    return SQLiteSink(text.removeprefix("sqlite:///"))
