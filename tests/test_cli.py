"""The `extract` command: run into SQLite (incrementally), exit codes, and show."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from extract.cli import app

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
    assert "1 errors" in result.output
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


def test_show_prints_tables(shared_datadir: Path) -> None:
    result = runner.invoke(app, ["show", str(shared_datadir / f"{SEED}.txt")])
    assert result.exit_code == 0, result.output
    assert "published=2016-12-14" in result.output
    assert "ministers (3)" in result.output
    assert "Ash Carter forsvarsminister      US" in result.output
