"""Every target (SQLite, DuckDB, PostgreSQL, Parquet, CSV) stores exactly the in-memory tables, typed, incrementally."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import sqlalchemy as sa
from spacy.language import Language

import extract
from extract.batch import run_batch
from extract.readers import read_paths
from extract.sinks import SCHEMA_VERSION, FolderSink, SinkError, open_sink, read_tables
from extract.tables import DOCUMENT_TABLES, SCHEMA, Tables

DATA = Path(__file__).parent / "data"
SEED = "000_35452d5bb9e7cfc4"
# Records that test the edges of each format: CR LF and quotes inside text, an empty text, a broken line.
EXTRA = [
    {
        "id": "crlf",
        "text": 'Forsvarsminister Troels Lund Poulsen sagde "ja",\r\nog 2,5 mia. kr. går til Karup i oktober.',
        "published": "2024-11-02",
        "title": "Karup; \"radar\", 'ja'",
    },
    {"id": "empty", "text": ""},
]
TARGETS = ["sqlite", "sqlite-url", "duckdb", "parquet", "csv", "postgresql"]


def make_inputs(folder: Path) -> Path:
    folder.mkdir()
    for suffix in (".txt", ".meta.json"):
        shutil.copy(DATA / f"{SEED}{suffix}", folder / f"{SEED}{suffix}")
    lines = [json.dumps(r, ensure_ascii=False) for r in EXTRA] + ["{broken"]
    (folder / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    kind = request.param
    return {
        "sqlite": lambda: str(tmp_path / "out.sqlite"),
        "sqlite-url": lambda: f"sqlite:///{tmp_path / 'out.db'}",
        "duckdb": lambda: str(tmp_path / "out.duckdb"),
        "parquet": lambda: f"parquet:{tmp_path / 'out'}",
        "csv": lambda: f"csv:{tmp_path / 'out'}",
        "postgresql": lambda: request.getfixturevalue("pg_url"),
    }[kind]()


def comparable(tables: Tables) -> dict[str, pd.DataFrame]:
    """The document tables in primary-key order, without run ids (which differ between runs by design)."""
    out = {}
    for name in DOCUMENT_TABLES:
        df = getattr(tables, name)
        if name == "documents":
            df = df.drop(columns=["run_id"])
        out[name] = df.sort_values(list(SCHEMA[name].primary_key)).reset_index(drop=True)
    return out


def assert_same_tables(got: Tables, expected: Tables) -> None:
    got_, expected_ = comparable(got), comparable(expected)
    for name in DOCUMENT_TABLES:
        pd.testing.assert_frame_equal(got_[name], expected_[name], check_exact=True, obj=name)


@pytest.mark.parametrize("target", TARGETS, indirect=True)
def test_target_holds_the_in_memory_tables(nlp: Language, tmp_path: Path, target: str) -> None:
    src = make_inputs(tmp_path / "in")
    expected = extract.extract(list(read_paths([src])), nlp=nlp)
    summary = run_batch([src], target, nlp=nlp, quiet=True)
    assert (summary.documents, summary.errors) == (4, 1)

    got = read_tables(target)
    assert_same_tables(got, expected)
    # Real values, as the target gives them back.
    docs = got.documents.set_index("doc_id")
    assert docs.loc["crlf", "text"].count("\r\n") == 1 and docs.loc["empty", "text"] == ""
    assert docs.loc[SEED, "published"] == pd.Timestamp("2016-12-14")
    assert set(docs["run_id"]) == {summary.run_id}
    assert got.amounts.set_index("doc_id").loc[SEED, "value"] == 332_500_000.0
    assert got.dates["end"].isna().sum() == 2 and bool(got.quantities["approximate"].all())
    run = got.runs.iloc[0]
    assert (run["run_id"], run["n_documents"], run["n_errors"]) == (summary.run_id, 4, 1)
    assert run["n_rows"] == summary.rows == sum(len(getattr(expected, t)) for t in DOCUMENT_TABLES[1:])
    assert run["finished"] >= run["started"] and run["version"] == extract.__version__


@pytest.mark.parametrize("target", TARGETS, indirect=True)
def test_incremental_skips_unchanged_and_replaces_changed(nlp: Language, tmp_path: Path, target: str) -> None:
    src = make_inputs(tmp_path / "in")
    run_batch([src], target, nlp=nlp, quiet=True)
    first = read_tables(target)

    again = run_batch([src], target, nlp=nlp, quiet=True)
    # Only the unreadable line is written again (as its error row); the three releases are unchanged.
    assert (again.documents, again.skipped, again.rows) == (1, 3, 0)
    assert_same_tables(read_tables(target), first)

    # A changed text replaces every row of that release; a changed date re-anchors its relative dates.
    changed = [{**EXTRA[0], "text": "Statsminister Mette Frederiksen besøger Aarhus."}, {**EXTRA[1], "title": "Ny"}]
    lines = [json.dumps(r, ensure_ascii=False) for r in changed]
    (src / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    meta = json.loads((src / f"{SEED}.meta.json").read_text(encoding="utf-8"))
    (src / f"{SEED}.meta.json").write_text(json.dumps({**meta, "published": "2017-03-01"}), encoding="utf-8")
    third = run_batch([src], target, nlp=nlp, quiet=True)
    assert (third.documents, third.skipped, third.errors) == (3, 0, 0)

    got = read_tables(target)
    expected = extract.extract(list(read_paths([src])), nlp=nlp)
    # The error row of the earlier runs' broken line stays: it is a release of its own id.
    stale_error = first.documents[first.documents["status"] == "error"]
    expected.documents = pd.concat([expected.documents, stale_error.assign(run_id=pd.NA)], ignore_index=True)
    assert_same_tables(got, expected)
    assert got.entities[got.entities["doc_id"] == "crlf"]["text"].tolist() == ["Mette Frederiksen", "Aarhus"]
    assert got.amounts[got.amounts["doc_id"] == "crlf"].empty
    today = got.dates[(got.dates["doc_id"] == SEED) & (got.dates["text"] == "i dag")]
    assert today["start"].tolist() == [pd.Timestamp("2017-03-01")]
    assert len(got.runs) == 3


def native_types(target: str) -> dict[tuple[str, str], str]:
    """(table, column) -> the type the target itself declares, lower case."""
    if target.startswith(("parquet:", "csv:")):
        import pyarrow.parquet as pq

        root = Path(target.split(":", 1)[1])
        out = {}
        for name in ("documents", "dates", "amounts"):
            (file,) = (root / name).glob("*.parquet")
            out.update({(name, f.name): str(f.type) for f in pq.read_schema(file)})
        return out
    sink = open_sink(target, create=False)
    try:
        with sink.engine.connect() as conn:
            if sink.backend == "sqlite":
                return {
                    (t, row[1]): row[2].lower()
                    for t in ("documents", "dates", "amounts")
                    for row in conn.exec_driver_sql(f'PRAGMA table_info("{t}")')
                }
            query = (
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name IN ('documents', 'dates', 'amounts')"
            )
            return {(t, c): d.lower() for t, c, d in conn.exec_driver_sql(query)}
    finally:
        sink.close()


NATIVE = {
    "sqlite": ("text", "bigint", "double", "boolean", "date", "datetime"),
    "duckdb": ("varchar", "bigint", "double", "boolean", "date", "timestamp"),
    "postgresql": ("text", "bigint", "double precision", "boolean", "date", "timestamp without time zone"),
    "parquet": ("string", "int64", "double", "bool", "date32[day]", "timestamp[us]"),
}


@pytest.mark.parametrize("target", ["sqlite", "duckdb", "postgresql", "parquet"], indirect=True)
def test_columns_have_their_declared_types(nlp: Language, tmp_path: Path, target: str) -> None:
    run_batch([DATA / f"{SEED}.txt"], target, nlp=nlp, quiet=True)
    kind = target.split(":", 1)[0] if ":" in target else Path(target).suffix.lstrip(".")
    names = dict(zip(("str", "int", "float", "bool", "date", "datetime"), NATIVE[kind.split("+")[0]], strict=True))
    found = native_types(target)
    for table in ("documents", "dates", "amounts"):
        for col in SCHEMA[table].columns:
            assert found[(table, col.name)] == names[col.type], (table, col.name)


def test_sql_schema_has_keys_foreign_keys_and_indexes(tmp_path: Path) -> None:
    db = tmp_path / "out.sqlite"
    open_sink(db).close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT value FROM schema_info WHERE key = 'version'").fetchone() == (SCHEMA_VERSION,)
        for name in ("entities", "ministers", "quantities", "amounts", "dates"):
            fks = conn.execute(f'PRAGMA foreign_key_list("{name}")').fetchall()
            assert [(fk[2], fk[3], fk[4], fk[6]) for fk in fks] == [("documents", "doc_id", "doc_id", "CASCADE")]
            indexes = [row[1] for row in conn.execute(f'PRAGMA index_list("{name}")')]
            assert f"ix_{name}_doc_id" in indexes
            pk = sorted((row[5], row[1]) for row in conn.execute(f'PRAGMA table_info("{name}")') if row[5])
            assert [c for _, c in pk] == list(SCHEMA[name].primary_key)


def test_postgres_schema_has_foreign_keys_and_indexes(pg_url: str) -> None:
    sink = open_sink(pg_url)
    try:
        inspector = sa.inspect(sink.engine)
        for name in ("entities", "dates"):
            (fk,) = inspector.get_foreign_keys(name)
            assert (fk["referred_table"], fk["constrained_columns"], fk["options"]) == (
                "documents",
                ["doc_id"],
                {"ondelete": "CASCADE"},
            )
            assert inspector.get_pk_constraint(name)["constrained_columns"] == list(SCHEMA[name].primary_key)
            assert [ix["column_names"] for ix in inspector.get_indexes(name)] == [["doc_id"]]
    finally:
        sink.close()


def test_folders_are_readable_by_other_tools(nlp: Language, tmp_path: Path) -> None:
    import duckdb

    src = make_inputs(tmp_path / "in")
    run_batch([src], f"parquet:{tmp_path / 'pq'}", nlp=nlp, quiet=True)
    run_batch([src], f"csv:{tmp_path / 'csv'}", nlp=nlp, quiet=True)
    expected = extract.extract(list(read_paths([src])), nlp=nlp)
    entities = pd.read_parquet(tmp_path / "pq" / "entities")
    assert sorted(entities["text"]) == sorted(expected.entities["text"])
    n = duckdb.sql(f"SELECT count(*) FROM read_csv('{tmp_path / 'csv' / 'entities'}/*.csv')").fetchall()
    assert n == [(len(expected.entities),)]
    # One file per release and table; a release without rows in a table has no file there.
    assert len(list((tmp_path / "pq" / "documents").glob("*.parquet"))) == 4
    assert len(list((tmp_path / "pq" / "amounts").glob("*.parquet"))) == 2
    assert not list((tmp_path / "pq").rglob(".tmp-*"))


# --- targets that cannot be used: a clear SinkError before anything is written -------------------------


def test_unknown_or_malformed_urls(tmp_path: Path) -> None:
    with pytest.raises(SinkError, match="unsupported database 'mysql'"):
        open_sink("mysql://user@localhost/db")
    with pytest.raises(SinkError, match="cannot use this database"):
        open_sink("postgresql+psycopg://nobody@127.0.0.1:1/nothing")
    with pytest.raises(SinkError, match=r"is a folder; for Parquet or CSV use parquet:"):
        open_sink(tmp_path)
    with pytest.raises(SinkError, match="name a folder"):
        open_sink("parquet:")
    # postgresql:// means psycopg 3, the driver we install, not psycopg2.
    with pytest.raises(SinkError, match="cannot use this database") as err:
        open_sink("postgresql://nobody:secret@127.0.0.1:1/nothing")
    assert "postgresql+psycopg://nobody:***@" in str(err.value)


def test_read_only_targets(tmp_path: Path) -> None:
    db = tmp_path / "ro.sqlite"
    open_sink(db).close()
    with pytest.raises(SinkError, match="readonly"):
        open_sink(f"sqlite:///file:{db}?mode=ro&uri=true")
    duck = tmp_path / "ro.duckdb"
    open_sink(duck).close()
    with pytest.raises(SinkError, match="read-only"):
        open_sink(f"duckdb:///{duck}?read_only=true")


def test_read_only_postgres(pg_url: str) -> None:
    with pytest.raises(SinkError, match="read-only transaction"):
        open_sink(pg_url + "%20-cdefault_transaction_read_only%3Don")


def set_version(conn: Any, version: str) -> None:
    conn.execute(sa.text("UPDATE schema_info SET value = :v WHERE key = 'version'"), {"v": version})


@pytest.mark.parametrize("target", ["sqlite", "duckdb", "postgresql"], indirect=True)
def test_incompatible_schema_version(target: str) -> None:
    sink = open_sink(target)
    with sink.engine.begin() as conn:
        set_version(conn, "0")
    sink.close()
    with pytest.raises(SinkError, match=f"schema version 0 is not {SCHEMA_VERSION}; use a new target"):
        open_sink(target)


@pytest.mark.parametrize("target", ["sqlite", "postgresql"], indirect=True)
def test_incompatible_columns(target: str) -> None:
    sink = open_sink(target)
    with sink.engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE dates ADD COLUMN timezone TEXT"))
    sink.close()
    with pytest.raises(SinkError, match="table dates has columns .*timezone.* another version"):
        open_sink(target)


def test_postgres_database_may_hold_other_tables_but_not_ours(pg_url: str) -> None:
    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE other_app (x int)"))
    open_sink(pg_url).close()  # fine: none of our names
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE schema_info"))
    engine.dispose()
    with pytest.raises(SinkError, match="holds tables that are not ours"):
        open_sink(pg_url)


@pytest.mark.parametrize("target", ["sqlite", "duckdb", "postgresql"], indirect=True)
def test_schema_creation_is_all_or_nothing(target: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run stopped while creating the schema leaves no table behind, so the next run starts afresh."""

    def create_one_table_then_fail(self: sa.MetaData, bind: sa.Connection, **_: Any) -> None:
        bind.exec_driver_sql("CREATE TABLE runs (run_id TEXT)")
        raise sa.exc.OperationalError("CREATE TABLE documents", {}, Exception("killed"))

    with monkeypatch.context() as patch:
        patch.setattr(sa.MetaData, "create_all", create_one_table_then_fail)
        with pytest.raises(SinkError, match="cannot use this database: killed"):
            open_sink(target)
    engine = sa.create_engine(
        target if "://" in target else f"{'duckdb' if target.endswith('duckdb') else 'sqlite'}:///{target}"
    )
    assert sa.inspect(engine).get_table_names() == []
    engine.dispose()
    open_sink(target).close()


def test_folder_left_by_a_run_killed_while_creating_it_is_reused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "documents").mkdir(parents=True)
    (out / ".lock").touch()
    open_sink(f"csv:{out}").close()
    assert (out / "schema_info.json").exists()


class Stop(BaseException):
    """Stands for a kill between two file renames."""


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_folder_release_stopped_midway_is_redone_even_if_its_input_reverts(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    src = make_inputs(tmp_path / "in")
    target = f"{fmt}:{tmp_path / 'out'}"
    run_batch([src], target, nlp=nlp, quiet=True)
    before = read_tables(target)

    # A new text for "crlf" is being written when the run stops: its entities file is already new.
    jsonl = src / "more.jsonl"
    original_input = jsonl.read_text(encoding="utf-8")
    changed = {**EXTRA[0], "text": "Statsminister Mette Frederiksen besøger Aarhus."}
    jsonl.write_text(json.dumps(changed, ensure_ascii=False) + "\n", encoding="utf-8")
    write_table = FolderSink._write_table

    def stop_before_the_commit(self: FolderSink, table: str, rows: list[dict[str, Any]], path: Path) -> None:
        if table == "documents" and rows[0]["doc_id"] == "crlf":
            raise Stop
        write_table(self, table, rows, path)

    with monkeypatch.context() as patch:
        patch.setattr(FolderSink, "_write_table", stop_before_the_commit)
        with pytest.raises(Stop):
            run_batch([src], target, nlp=nlp, quiet=True)
    assert "Mette Frederiksen" in read_tables(target).entities["text"].tolist()

    # The input goes back to what the folder last committed; the release is still redone.
    jsonl.write_text(original_input, encoding="utf-8")
    summary = run_batch([src], target, nlp=nlp, quiet=True)
    assert summary.skipped == 2  # the seed and "empty"; "crlf" had no documents file
    assert_same_tables(read_tables(target), before)


def test_folder_checks(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    with pytest.raises(SinkError, match="holds files that are not ours"):
        open_sink(f"parquet:{foreign}")
    with pytest.raises(SinkError, match="does not exist"):
        open_sink(f"csv:{tmp_path / 'missing' / 'out'}")
    out = tmp_path / "out"
    open_sink(f"parquet:{out}").close()
    with pytest.raises(SinkError, match="holds parquet files, not csv"):
        open_sink(f"csv:{out}")
    info = json.loads((out / "schema_info.json").read_text())
    (out / "schema_info.json").write_text(json.dumps({**info, "version": "0"}))
    with pytest.raises(SinkError, match=f"schema version 0 is not {SCHEMA_VERSION}"):
        open_sink(f"parquet:{out}")
    (out / "schema_info.json").write_text(json.dumps(info))
    first = open_sink(f"parquet:{out}")
    try:
        with pytest.raises(SinkError, match="another run is writing to this folder"):
            open_sink(f"parquet:{out}")
    finally:
        first.close()


def test_read_tables_does_not_create_a_target(tmp_path: Path) -> None:
    with pytest.raises(SinkError, match="no such database"):
        read_tables(tmp_path / "nothing.sqlite")
    with pytest.raises(SinkError, match="holds no pressextract tables"):
        read_tables(f"parquet:{tmp_path / 'nothing'}")
    assert not (tmp_path / "nothing.sqlite").exists() and not (tmp_path / "nothing").exists()


@pytest.mark.parametrize("target", ["sqlite", "duckdb"], indirect=True)
def test_database_from_before_linking_is_refused_with_what_to_do(target: str) -> None:
    """A target written before ministers had person_id, linked_by and conflict (same schema version 2)."""
    open_sink(target).close()
    engine = sa.create_engine(target if "://" in target else f"{target.rsplit('.', 1)[1]}:///{target}")
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE ministers"))
        conn.execute(
            sa.text(
                "CREATE TABLE ministers (doc_id TEXT NOT NULL, name TEXT, title TEXT NOT NULL, country TEXT, "
                "text TEXT NOT NULL, start_char BIGINT NOT NULL, end_char BIGINT NOT NULL)"
            )
        )
    engine.dispose()
    with pytest.raises(SinkError) as err:
        open_sink(target)
    message = str(err.value)
    assert "table ministers has columns" in message and "person_id" in message
    assert "give --out a new file, URL or folder, or remove this one and run again" in message


def test_folder_from_before_linking_is_refused_with_what_to_do(tmp_path: Path) -> None:
    out = tmp_path / "out"
    open_sink(f"parquet:{out}").close()
    info = json.loads((out / "schema_info.json").read_text())
    info["tables"]["ministers"] = [
        c for c in info["tables"]["ministers"] if c not in ("person_id", "linked_by", "conflict")
    ]
    (out / "schema_info.json").write_text(json.dumps(info))
    with pytest.raises(SinkError, match="columns are from another version; use a new target .*remove this one"):
        open_sink(f"parquet:{out}")
