"""The `extract` command: run into SQLite (incrementally), exit codes, and show."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.render import cell
from extract.sinks import SCHEMA_VERSION

runner = CliRunner()
SEED = "000_35452d5bb9e7cfc4"


def seed_dir(shared_datadir: Path, tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for suffix in (".txt", ".meta.json"):
        shutil.copy(shared_datadir / f"{SEED}{suffix}", d / f"{SEED}{suffix}")
    return d


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "entities", "ministers", "runs")
        }


def test_run_writes_sqlite_and_is_incremental(shared_datadir: Path, tmp_path: Path) -> None:
    src = seed_dir(shared_datadir, tmp_path)
    db = tmp_path / "out.sqlite"
    result = runner.invoke(app, ["run", str(src), "--out", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    first = counts(db)
    assert first == {"documents": 1, "entities": 21, "ministers": 3, "runs": 1}
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT name, title, country, start_char, end_char FROM ministers ORDER BY start_char")
        assert rows.fetchall() == [
            ("Claus Hjort Frederiksen", "forsvarsminister", "DK", 125, 148),
            ("Claus Hjort Frederiksen", "forsvarsminister", "DK", 954, 977),
            ("Ash Carter", "forsvarsminister", "US", 1363, 1373),
        ]
        text, published = conn.execute("SELECT text, published FROM documents").fetchone()
        assert text[1363:1373] == "Ash Carter" and published == "2016-12-14"
    again = runner.invoke(app, ["run", str(src), "--out", str(db), "--quiet"])
    assert again.exit_code == 0
    assert "0 releases written" in again.output and "1 unchanged" in again.output
    assert counts(db) == {**first, "runs": 2}


def test_changed_release_replaces_its_rows(shared_datadir: Path, tmp_path: Path) -> None:
    src = seed_dir(shared_datadir, tmp_path)
    db = tmp_path / "out.sqlite"
    runner.invoke(app, ["run", str(src), "--out", str(db), "--quiet"])
    txt = src / f"{SEED}.txt"
    txt.write_text("Forsvarsminister Troels Lund Poulsen besøgte Karup.", encoding="utf-8")
    result = runner.invoke(app, ["run", str(src), "--out", str(db), "--quiet"])
    assert result.exit_code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT name FROM ministers").fetchall() == [("Troels Lund Poulsen",)]
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_errors_are_rows_and_set_the_exit_code(shared_datadir: Path, tmp_path: Path) -> None:
    src = seed_dir(shared_datadir, tmp_path)
    (src / "bad.jsonl").write_text('{"id": "ok", "text": "Mødet i Nuuk."}\n{broken\n', encoding="utf-8")
    db = tmp_path / "out.sqlite"
    result = runner.invoke(app, ["run", str(src), "--out", str(db), "--quiet"])
    assert result.exit_code == 2
    assert "1 error)" in result.output
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT doc_id, status, error FROM documents ORDER BY status").fetchall()
    assert [r[1] for r in rows] == ["error", "ok", "ok"]
    assert f"{src / 'bad.jsonl'}:2: invalid JSON" in rows[0][2]


def test_unusable_target_exits_1(tmp_path: Path, shared_datadir: Path) -> None:
    src = seed_dir(shared_datadir, tmp_path)
    result = runner.invoke(app, ["run", str(src), "--out", str(tmp_path / "missing" / "x.sqlite"), "--quiet"])
    assert result.exit_code == 1
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    result = runner.invoke(app, ["run", str(src), "--out", str(foreign), "--quiet"])
    assert result.exit_code == 1
    assert "not ours" in result.output


def test_bad_published_option(tmp_path: Path, shared_datadir: Path) -> None:
    src = seed_dir(shared_datadir, tmp_path)
    result = runner.invoke(app, ["run", str(src), "--published", "14-12-2016"])
    assert result.exit_code == 2
    assert "ISO date" in result.output


def test_show_writes_every_missing_value_one_way(shared_datadir: Path) -> None:
    result = runner.invoke(app, ["show", str(shared_datadir / f"{SEED}.txt")])
    assert result.exit_code == 0, result.output
    for other in ("<NA>", "NaT", "NaN", "None", "nan"):
        assert other not in result.output
    # the amount has no bounds, "fra 2017" no end: both shown as "-"; the value without ".0"
    assert "cirka 332,5 millioner kroner 332500000      DKK     -     -        True" in result.output
    assert "fra 2017 2017-01-01          -        year" in result.output


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "-"),
        (pd.NA, "-"),
        (pd.NaT, "-"),
        (float("nan"), "-"),
        (332500000.0, "332500000"),
        (2.5, "2.5"),
        (pd.Timestamp("2016-12-14"), "2016-12-14"),
        (True, "True"),
        ("", ""),
    ],
    ids=["None", "NA", "NaT", "NaN", "whole-float", "float", "date", "bool", "empty-text"],
)
def test_show_cell(value: object, shown: str) -> None:
    assert cell(value) == shown


@pytest.mark.parametrize("command", [[], ["run"], ["show"], ["evaluate"]], ids=["extract", "run", "show", "evaluate"])
def test_help_shows_flags_as_flags_within_80_columns(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"}, prog_name="extract")  # a wide terminal
    assert result.exit_code == 0, result.output
    text = result.output
    assert max(len(line) for line in text.splitlines()) <= 80, text
    assert not re.search(r"<(bool|str|int|list|path|file|dir)", text, re.IGNORECASE), text
    assert "╭" not in text and "{" not in text.split("\n")[0]  # a plain usage line, no boxes
    if command == ["run"]:
        assert text.startswith("Usage: extract run [OPTIONS] PATH...")
        assert re.search(r"^  -q, --quiet +No progress bar\.$", text, re.MULTILINE)
        assert re.search(r"^  --force +Extract every release again", text, re.MULTILINE)
        assert re.search(r"^  -o, --out TARGET +A SQLite file", text, re.MULTILINE)
        assert re.search(r"^  PATH\.\.\. +Release files or folders", text, re.MULTILINE)


def test_show_prints_tables(shared_datadir: Path) -> None:
    result = runner.invoke(app, ["show", str(shared_datadir / f"{SEED}.txt")])
    assert result.exit_code == 0, result.output
    assert "published=2016-12-14" in result.output
    assert "ministers (3)" in result.output
    assert "Ash Carter forsvarsminister      US" in result.output


# --- run: targets and engines -------------------------------------------------------------------------


def test_run_into_a_parquet_folder(shared_datadir: Path, tmp_path: Path, nlp, monkeypatch) -> None:
    import pandas as pd

    monkeypatch.setattr("extract.pipeline.load", lambda: nlp)  # the session's pipeline, not a new one
    src = seed_dir(shared_datadir, tmp_path)
    out = tmp_path / "tables"
    result = runner.invoke(app, ["run", str(src), "--out", f"parquet:{out}", "--quiet"])
    assert result.exit_code == 0, result.output
    assert f"1 release written to parquet:{out}" in result.output
    ministers = pd.read_parquet(out / "ministers").sort_values("start_char")
    assert ministers["name"].tolist() == ["Claus Hjort Frederiksen"] * 2 + ["Ash Carter"]
    again = runner.invoke(app, ["run", str(src), "--out", f"parquet:{out}", "--quiet"])
    assert "0 releases written" in again.output and "1 unchanged" in again.output


def test_run_rejects_unusable_targets_with_exit_1_and_writes_nothing(shared_datadir: Path, tmp_path: Path) -> None:
    from extract.sinks import open_sink

    src = seed_dir(shared_datadir, tmp_path)
    old, fine = tmp_path / "old.sqlite", tmp_path / "fine.sqlite"
    open_sink(old).close()
    open_sink(fine).close()
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE schema_info SET value = '0' WHERE key = 'version'")
    cases = {
        "mysql://user@localhost/db": "unsupported database 'mysql'",
        "postgresql+psycopg://nobody@127.0.0.1:1/db": "Connection refused",
        f"sqlite:///file:{fine}?mode=ro&uri=true": "readonly database",
        str(old): f"schema version 0 is not {SCHEMA_VERSION}; use a new target",
        str(src): f"is a folder; for Parquet or CSV use parquet:{src}",
    }
    for out, message in cases.items():
        result = runner.invoke(app, ["run", str(src), "--out", out, "--quiet"])
        assert result.exit_code == 1, (out, result.output)
        assert message in result.output, (out, result.output)
    assert counts(old) == counts(fine) == {"documents": 0, "entities": 0, "ministers": 0, "runs": 0}


def test_run_engine_options(shared_datadir: Path, tmp_path: Path) -> None:
    src = seed_dir(shared_datadir, tmp_path)
    result = runner.invoke(app, ["run", str(src), "--engine", "spark"])
    assert result.exit_code == 2 and "'spark' is not one of local, dask" in result.output
    result = runner.invoke(app, ["run", str(src), "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "--scheduler needs --engine dask" in result.output


def test_force_and_new_pipeline_version_extract_again(shared_datadir: Path, tmp_path: Path, monkeypatch) -> None:
    src = seed_dir(shared_datadir, tmp_path)
    db = tmp_path / "out.sqlite"
    assert runner.invoke(app, ["run", str(src), "--out", str(db), "--quiet"]).exit_code == 0
    forced = runner.invoke(app, ["run", str(src), "--out", str(db), "--quiet", "--force"])
    assert forced.exit_code == 0 and "1 release written" in forced.output
    import extract.batch

    monkeypatch.setattr(extract.batch, "__version__", "9.9.9")
    upgraded = runner.invoke(app, ["run", str(src), "--out", str(db), "--quiet"])
    assert upgraded.exit_code == 0 and "1 release written" in upgraded.output and "0 unchanged" in upgraded.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM ministers").fetchone()[0] == 3
        versions = conn.execute("SELECT r.version FROM documents d JOIN runs r ON d.run_id = r.run_id").fetchall()
    assert versions == [("9.9.9",)]
