"""Folders of Parquet or CSV: one file per release and table, renamed into place."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from extract.sinks.base import (
    NEW_TARGET_HINT,
    RELEASE_KEY_COLUMNS,
    SCHEMA_VERSION,
    SinkError,
    coerce_rows,
    exclusive_lock,
    release_key,
    stale_error_ids,
)
from extract.tables import DOCUMENT_TABLES, MENTION_TABLES, SCHEMA, Rows


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
                    f"use a new target ({NEW_TARGET_HINT})"
                )
            if info.get("format") != self.fmt:
                raise SinkError(f"{self.name}: the folder holds {info.get('format')} files, not {self.fmt}")
            if info.get("tables") != expected["tables"]:
                raise SinkError(
                    f"{self.name}: the folder's columns are from another version; use a new target ({NEW_TARGET_HINT})"
                )
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
        self._lock = exclusive_lock(self.root / ".lock", f"{self.name}: another run is writing to this folder")

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

    def known_documents(self, version: str) -> dict[str, tuple[Any, ...]]:
        """doc_id -> release_key of the releases stored with status ok by pipeline `version` (to skip them)."""
        runs = {
            r["run_id"]
            for r in self._read_table("runs").select(["run_id", "version"]).to_pylist()
            if r["version"] == version
        }
        rows = self._read_table("documents").select(["doc_id", "status", "run_id", *RELEASE_KEY_COLUMNS]).to_pylist()
        return {r["doc_id"]: release_key(r) for r in rows if r["status"] == "ok" and r["run_id"] in runs}

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
            for stale in stale_error_ids(data["documents"]):
                self._path("documents", file_key(stale)).unlink(missing_ok=True)
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
