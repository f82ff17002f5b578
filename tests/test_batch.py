"""run_batch: a run killed midway resumes to the tables of an uninterrupted run; Dask gives the local tables."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from spacy.language import Language
from typer.testing import CliRunner

from extract.batch import EngineError, Progress, RunSummary, count_releases, run_batch
from extract.cli import app
from extract.sinks import SinkError, read_tables
from extract.tables import DOCUMENT_TABLES, SCHEMA, Tables

DATA = Path(__file__).parent / "data"
SEED = "000_35452d5bb9e7cfc4"
N_RELEASES = 40
KILL_AFTER = 6  # releases committed before the kill
runner = CliRunner()


def make_releases(folder: Path, n: int = N_RELEASES) -> Path:
    """Variants of the seed release: other ministers, cities and dates, so every release has rows of its own."""
    folder.mkdir()
    text = (DATA / f"{SEED}.txt").read_text(encoding="utf-8")
    meta = json.loads((DATA / f"{SEED}.meta.json").read_text(encoding="utf-8"))
    names = ["Claus Hjort Frederiksen", "Troels Lund Poulsen", "Nick Hækkerup", "Peter Christensen"]
    cities = ["London", "Bruxelles", "Aarhus", "Washington", "Oslo"]
    for i in range(n):
        body = text.replace("Claus Hjort Frederiksen", names[i % 4]).replace("London", cities[i % 5])
        (folder / f"r{i:03d}.txt").write_text(f"{body}\nJournalnummer {i}.\n", encoding="utf-8")
        release_meta = {**meta, "id": f"r{i:03d}", "published": f"2016-{1 + i % 12:02d}-{1 + i % 28:02d}"}
        (folder / f"r{i:03d}.meta.json").write_text(json.dumps(release_meta), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_releases(tmp_path_factory.mktemp("batch") / "in")


@pytest.fixture(scope="module")
def reference(nlp: Language, releases: Path, tmp_path_factory: pytest.TempPathFactory) -> Tables:
    """The tables of one uninterrupted local run."""
    db = tmp_path_factory.mktemp("reference") / "ref.sqlite"
    summary = run_batch([releases], db, nlp=nlp, quiet=True)
    assert (summary.documents, summary.errors) == (N_RELEASES, 0)
    return read_tables(db)


def assert_same_tables(got: Tables, expected: Tables) -> None:
    """Row for row and typed alike; run ids differ between runs by design."""
    for name in DOCUMENT_TABLES:
        a, b = getattr(got, name), getattr(expected, name)
        if name == "documents":
            a, b = a.drop(columns=["run_id"]), b.drop(columns=["run_id"])
        keys = list(SCHEMA[name].primary_key)
        a, b = a.sort_values(keys).reset_index(drop=True), b.sort_values(keys).reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b, check_exact=True, obj=name)


@pytest.fixture
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    kind = request.param
    if kind == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return {"sqlite": str(tmp_path / "out.sqlite"), "parquet": f"parquet:{tmp_path / 'out'}"}[kind]


def committed(target: str) -> int:
    """Releases the target holds now, read beside the writer without disturbing it."""
    if target.startswith("parquet:"):
        folder = Path(target.removeprefix("parquet:")) / "documents"
        return sum(1 for p in folder.glob("*.parquet") if not p.name.startswith(".")) if folder.is_dir() else 0
    try:
        if "://" not in target:
            with sqlite3.connect(f"file:{target}?mode=ro", uri=True) as conn:
                return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        engine = sa.create_engine(target)
        try:
            with engine.connect() as conn:
                return int(conn.execute(sa.text("SELECT count(*) FROM documents")).scalar_one())
        finally:
            engine.dispose()
    except (sqlite3.OperationalError, sa.exc.ProgrammingError):  # not created yet
        return 0


@pytest.mark.parametrize("target", ["sqlite", "parquet", "postgresql"], indirect=True)
def test_run_killed_midway_resumes_to_the_uninterrupted_tables(
    nlp: Language, releases: Path, reference: Tables, target: str
) -> None:
    command = [sys.executable, "-c", "from extract.cli import app; app()", "run", str(releases)]
    proc = subprocess.Popen(
        [*command, "--out", target, "--quiet", "--batch-size", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        while committed(target) < KILL_AFTER:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "the run wrote nothing in time"
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()
    done = committed(target)
    assert KILL_AFTER <= done < N_RELEASES, "the kill did not land midway"

    summary = run_batch([releases], target, nlp=nlp, quiet=True)
    assert (summary.skipped, summary.documents) == (done, N_RELEASES - done)
    got = read_tables(target)
    assert_same_tables(got, reference)
    # The killed run is recorded, unfinished; the second one finished.
    assert got.runs["finished"].isna().tolist().count(True) == 1 and len(got.runs) == 2
    if target.startswith("parquet:"):
        assert not list(Path(target.removeprefix("parquet:")).rglob(".tmp-*"))


def test_dask_cluster_gives_the_local_tables(releases: Path, reference: Tables, tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    from extract.engines.dask import PLUGIN_NAME

    db = tmp_path / "dask.sqlite"
    # Threads, not processes: on a 2-core box the workers start in a second, and each still loads its own
    # pipeline through the plugin, as a worker process on another machine would.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        args = ["run", str(releases), "--out", str(db), "--quiet", "--engine", "dask", "--batch-size", "4"]
        result = runner.invoke(app, [*args, "--scheduler", cluster.scheduler_address])
        assert result.exit_code == 0, result.output
        assert f"{N_RELEASES} releases written" in result.output
        with Client(cluster) as client:
            loaded = client.run(lambda dask_worker: PLUGIN_NAME in dask_worker.plugins)
            assert list(loaded.values()) == [True, True]
            # The releases went out in chunks of --batch-size, and both workers took some.
            executed = client.run(lambda dask_worker: dask_worker.state.executed_count).values()
            assert sum(executed) == N_RELEASES // 4 and min(executed) > 0
    got = read_tables(db)
    assert_same_tables(got, reference)
    assert got.runs["n_documents"].tolist() == [N_RELEASES]


def test_unreachable_scheduler_fails_before_any_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("extract.engines.dask.CONNECT_TIMEOUT", "1s")
    db = tmp_path / "out.sqlite"
    with pytest.raises(EngineError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:1"):
        run_batch([DATA / f"{SEED}.txt"], db, engine="dask", scheduler="tcp://127.0.0.1:1", quiet=True)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM runs").fetchone() == (0,)
    with pytest.raises(EngineError, match="unknown engine 'spark'"):
        run_batch([DATA / f"{SEED}.txt"], db, engine="spark")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def progress_inputs(root: Path) -> Path:
    """Two .txt releases and a .jsonl of three records (and a blank line): five releases."""
    root.mkdir()
    (root / "a.txt").write_text("Statsminister Mette Frederiksen besøger Aarhus.", encoding="utf-8")
    (root / "b.txt").write_text("Regionen afsætter 12 mio. kr. til nye senge.", encoding="utf-8")
    lines = [json.dumps({"id": i, "text": f"Udgivelse nummer {i}."}) for i in range(3)]
    (root / "more.jsonl").write_text("\n".join(lines[:2]) + "\n\n" + lines[2] + "\n", encoding="utf-8")
    return root


def test_count_releases_counts_files_and_jsonl_lines(tmp_path: Path) -> None:
    root = progress_inputs(tmp_path / "in")
    assert count_releases([root]) == 5
    assert count_releases([root / "more.jsonl", root / "a.txt"]) == 4


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_count_releases_does_not_open_a_fifo(tmp_path: Path) -> None:
    root = progress_inputs(tmp_path / "in")
    os.mkfifo(root / "pipe.jsonl")  # opening it to count its lines would wait for a writer forever
    assert count_releases([root]) == 6


def test_progress_bar_shows_done_of_total_rate_eta_and_errors_on_a_terminal(tmp_path: Path) -> None:
    root = progress_inputs(tmp_path / "in")
    summary = RunSummary(run_id="r", documents=3, skipped=1, errors=1)
    shown = Terminal()
    Progress(shown, enabled=True, inputs=[root]).update(summary, final=True)
    line = shown.getvalue().rstrip("\n").split("\r")[-1]
    assert re.search(r" 80%\|.*\| 4/5 \[\d\d:\d\d<\d\d:\d\d, +[\d.]+ releases/s, 1 unchanged, 1 error\]$", line), line
    assert shown.getvalue().endswith("\n")


def test_progress_without_a_known_total_counts_and_shows_the_rate() -> None:
    summary = RunSummary(run_id="r", documents=12, skipped=3, errors=2)
    shown = Terminal()
    Progress(shown, enabled=True).update(summary, final=True)
    line = shown.getvalue().rstrip("\n").split("\r")[-1]
    assert re.search(r"^15 releases \[\d\d:\d\d, +[\d.]+ releases/s, 3 unchanged, 2 errors\]$", line), line


def test_progress_is_silent_off_a_terminal_and_with_quiet(tmp_path: Path) -> None:
    summary = RunSummary(run_id="r", documents=12, skipped=3, errors=1)
    for stream, enabled in ((io.StringIO(), True), (Terminal(), False)):
        Progress(stream, enabled=enabled, inputs=[tmp_path]).update(summary, final=True)
        assert stream.getvalue() == ""


def test_jobs_2_gives_the_same_tables(nlp: Language, tmp_path: Path) -> None:
    src = make_releases(tmp_path / "in", n=6)
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    run_batch([src], one, nlp=nlp, quiet=True)
    assert run_batch([src], two, nlp=nlp, quiet=True, n_process=2, batch_size=2).documents == 6
    assert_same_tables(read_tables(two), read_tables(one))


def test_workers_of_another_version_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from distributed import LocalCluster

    from extract.engines.dask import DaskSession

    monkeypatch.setattr("extract.engines.dask.__version__", "0.0.0")  # the client's version, as workers see it
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        with pytest.raises(EngineError, match="cannot load the pipeline: .*worker has pressextract .*client 0.0.0"):
            DaskSession.connect(cluster.scheduler_address)


class _PickySink:
    """A target that refuses any group and, alone, the release with id "bad"."""

    name = "picky"

    def __init__(self) -> None:
        self.groups: list[list[str]] = []
        self.single: list[str] = []

    def write_documents(self, group: list) -> None:
        self.groups.append([r["documents"][0]["doc_id"] for r in group])
        raise SinkError("picky: refuses the group")

    def write_document(self, rows: dict) -> None:
        doc = rows["documents"][0]
        if doc["doc_id"] == "bad" and doc["status"] == "ok":
            raise SinkError("picky: refuses bad")
        self.single.append(doc["doc_id"])


def test_a_refused_group_is_written_release_by_release() -> None:
    """One transaction per group of releases; a group the target refuses costs only the bad release's rows."""
    from extract.batch import write_releases
    from extract.tables import empty_rows

    def release(doc_id: str) -> dict:
        rows = empty_rows()
        rows["documents"].append({"doc_id": doc_id, "status": "ok", "source": None, "error": None})
        return rows

    sink = _PickySink()
    written = write_releases(sink, [release("a"), release("bad"), release("c")])  # type: ignore[arg-type]
    assert sink.groups == [["a", "bad", "c"]]
    assert sink.single == ["a", "bad", "c"]  # "bad" as its error row
    assert [r["documents"][0]["status"] for r in written] == ["ok", "error", "ok"]
    assert "cannot be stored: picky: refuses bad" in written[1]["documents"][0]["error"]
