"""Nothing lost: a folder of bad and odd inputs, written here, run through `extract run` on SQLite and PostgreSQL.

Every bad input becomes its own `documents` row with status `error` and a message naming the file (and
line); every good release beside it keeps its rows; a fixed input replaces its error row on the next run.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.sinks import open_sink, read_tables

runner = CliRunner()
SEED = "000_35452d5bb9e7cfc4"
PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/x.dtd">
<html lang="da"><head><title>Pulje til lokale spillesteder | Kulturministeriet</title>
<meta property="article:published_time" content="2023-03-07T10:00:00+01:00"></head>
<body><nav><a href="/">Forside</a> <a href="/nyheder">Nyheder</a></nav>
<article><h1>Pulje til lokale spillesteder</h1>
<p>Kulturministeren afsætter 12 mio. kr. til spillesteder i Aalborg og Esbjerg.</p></article>
<footer>Kulturministeriet, Nybrogade 2, 1203 København K</footer></body></html>
"""
# The rows `extract run` must write for the folder below: doc_id -> (status, part of the error, encoding).
EXPECTED: dict[str, tuple[str, str | None, str | None]] = {
    "good": ("ok", None, "utf-8"),
    "bom.txt": ("ok", None, "utf-8"),
    "latin.txt": ("ok", None, "cp1252"),
    "utf16.txt": ("ok", None, "utf-16"),
    "UPPER.TXT": ("ok", None, "utf-8"),
    "notes.md": ("ok", None, "utf-8"),
    "page.html": ("ok", None, "utf-8"),
    "s1": ("ok", None, "utf-8"),
    "n1": ("ok", None, "utf-8"),
    "old": ("ok", None, "utf-8"),
    "future": ("ok", None, "utf-8"),
    "7": ("ok", None, "utf-8"),
    "big": ("error", "60,000 characters, over the limit of 50,000 per release", "utf-8"),
}
# Error rows keyed by where they came from (their ids are made from it).
EXPECTED_ERRORS = {
    "fifo.txt": "fifo.txt: cannot read: not a regular file",
    "records.jsonl:5": "records.jsonl:5: not UTF-8",
    "records.jsonl:7": "records.jsonl:7: id '7' is already used by",
    "records.jsonl:8": "records.jsonl:8: invalid JSON",
    "zz_dup.txt": "zz_dup.txt: id 'good' is already used by",
}


def write_bad_inputs(root: Path, seed_dir: Path) -> Path:
    folder = root / "in"
    folder.mkdir()
    shutil.copy(seed_dir / f"{SEED}.txt", folder / "good.txt")
    (folder / "good.meta.json").write_text(json.dumps({"id": "good", "published": "2016-12-14"}), encoding="utf-8")
    (folder / "bom.txt").write_bytes(
        b"\xef\xbb\xbf" + "Forsvarsminister Troels Lund Poulsen besøger i dag Tapa.".encode()
    )
    (folder / "latin.txt").write_bytes("Statsminister Mette Frederiksen besøger i dag Sønderborg.".encode("cp1252"))
    (folder / "utf16.txt").write_bytes("Udenrigsminister Lars Løkke Rasmussen rejser til Åbenrå.".encode("utf-16"))
    (folder / "UPPER.TXT").write_text("Store bogstaver i filnavnet.", encoding="utf-8")
    (folder / "notes.md").write_text("# Noter\n\nRegionen afsætter **3 mio. kr.** til sygehuse.\n", encoding="utf-8")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    os.mkfifo(folder / "fifo.txt")
    (folder / "zz_dup.txt").write_text("Samme id som en anden.", encoding="utf-8")
    (folder / "zz_dup.meta.json").write_text(json.dumps({"id": "good"}), encoding="utf-8")
    lines = [
        b'\xef\xbb\xbf{"id": "s1", "text": "x \\ud800 y"}',
        b'{"id": "n1", "text": "Ministeren\\u0000 siger"}',
        b'{"id": "old", "text": "Det skete i g\xc3\xa5r.", "published": "0001-01-01"}',
        b'{"id": "future", "text": "Det sker i morgen.", "published": "9999-12-31"}',
        b'{"id": "bad-byte", "text": "S\xf8nderborg"}',
        b'{"id": 7, "text": "Syv."}',
        b'{"id": "7", "text": "Ogs\xc3\xa5 syv."}',
        b'{"id": "broken", "text": ',
        json.dumps({"id": "big", "text": "x" * 60_000}).encode(),
    ]
    (folder / "records.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    return folder


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "out.sqlite")
    return str(request.getfixturevalue("pg_url"))


def run(folder: Path, out: str, *more: str) -> Any:
    return runner.invoke(
        app, ["run", str(folder), "--out", out, "--quiet", "--published", "2024-01-10", "--max-chars", "50000", *more]
    )


def documents(out: str) -> pd.DataFrame:
    return read_tables(out).documents.set_index("doc_id")


def test_every_bad_input_is_its_own_error_row(seed_datadir: Path, tmp_path: Path, target: str) -> None:
    folder = write_bad_inputs(tmp_path, seed_datadir)
    result = run(folder, target)
    assert result.exit_code == 2, result.output
    tables = read_tables(target)
    docs = tables.documents.set_index("doc_id")
    for doc_id, (status, error, encoding) in EXPECTED.items():
        row = docs.loc[doc_id]
        assert row["status"] == status, doc_id
        assert (error is None) == pd.isna(row["error"]), (doc_id, row["error"])
        if error:
            assert error in row["error"] and "records.jsonl:9" in row["error"]
        assert (None if pd.isna(row["encoding"]) else row["encoding"]) == encoding, doc_id
    errors = docs[~docs.index.isin(list(EXPECTED))]
    assert len(errors) == len(EXPECTED_ERRORS)
    by_source = {Path(str(s)).name: e for s, e in zip(errors["source"], errors["error"], strict=True)}
    for source, message in EXPECTED_ERRORS.items():
        assert message in by_source[source], (source, by_source[source])
        assert (errors.loc[errors["source"].str.endswith(source), "status"] == "error").all()

    # the texts, cleaned one character for one, and what was read from them
    assert docs.loc["bom.txt", "text"].startswith("Forsvarsminister")
    assert docs.loc["latin.txt", "text"] == "Statsminister Mette Frederiksen besøger i dag Sønderborg."
    assert docs.loc["s1", "text"] == "x \ufffd y"
    assert docs.loc["n1", "text"] == "Ministeren\ufffd siger"
    assert docs.loc["page.html", "title"] == "Pulje til lokale spillesteder"
    assert docs.loc["page.html", "published"] == pd.Timestamp("2023-03-07")
    assert docs.loc["notes.md", "title"] == "Noter"

    ministers = tables.ministers
    first = ministers[ministers.doc_id == "bom.txt"].iloc[0]
    assert (first["name"], first["start_char"], first["end_char"]) == ("Troels Lund Poulsen", 17, 36)
    latin = ministers[ministers.doc_id == "latin.txt"].iloc[0]
    assert (latin["name"], latin["title"]) == ("Mette Frederiksen", "statsminister")
    seed = ministers[ministers.doc_id == "good"].sort_values("start_char")
    assert seed[["name", "start_char", "end_char"]].values.tolist() == [
        ["Claus Hjort Frederiksen", 125, 148],
        ["Claus Hjort Frederiksen", 954, 977],
        ["Ash Carter", 1363, 1373],
    ]
    dates = tables.dates.set_index("doc_id")
    assert dates.loc["old", "text"] == "i går" and pd.isna(dates.loc["old", "start"])
    assert dates.loc["future", "text"] == "i morgen" and pd.isna(dates.loc["future", "start"])
    amounts = tables.amounts
    assert amounts[amounts.doc_id == "page.html"]["value"].tolist() == [12_000_000.0]

    # offsets index the stored text on every table
    texts = docs["text"].to_dict()
    for name in ("entities", "ministers", "quantities", "amounts", "dates"):
        for row in getattr(tables, name).itertuples():
            assert texts[row.doc_id][row.start_char : row.end_char] == row.text


def test_a_fixed_input_replaces_its_error_row(seed_datadir: Path, tmp_path: Path, target: str) -> None:
    folder = write_bad_inputs(tmp_path, seed_datadir)
    run(folder, target)
    path = folder / "records.jsonl"
    lines = path.read_bytes().split(b"\n")
    lines[4] = '{"id": "bad-byte", "text": "Sønderborg"}'.encode()
    lines[7] = b'{"id": "broken", "text": "Hel nu."}'
    path.write_bytes(b"\n".join(lines))
    (folder / "fifo.txt").unlink()
    again = run(folder, target)
    assert again.exit_code == 2, again.output  # the duplicates and the long text are still errors
    docs = documents(target)
    assert docs.loc["bad-byte", "status"] == "ok" and docs.loc["broken", "status"] == "ok"
    sources = set(docs.loc[docs.status == "error", "source"].map(lambda s: Path(str(s)).name))
    assert sources == {"records.jsonl:7", "records.jsonl:9", "zz_dup.txt", "fifo.txt"}
    # fifo.txt is gone from the folder, so its old error row stays until that release comes back
    assert "9 releases written" not in again.output


def test_strict_stops_at_the_first_error(seed_datadir: Path, tmp_path: Path) -> None:
    folder = write_bad_inputs(tmp_path, seed_datadir)
    out = str(tmp_path / "strict.sqlite")
    result = run(folder, out, "--strict")
    assert result.exit_code == 2
    assert "stopped at the first error (--strict)" in result.output
    docs = documents(out)
    assert (docs.status == "error").sum() == 1
    assert len(docs) < len(EXPECTED) + len(EXPECTED_ERRORS)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["run", "{tmp}/nope"], "nope: no such file or folder", id="missing-path"),
        pytest.param(["run", "{tmp}/empty"], "no release files in this folder", id="folder-without-releases"),
        pytest.param(
            ["run", "{tmp}/in", "--out", "{tmp}/results.parquet"], "cannot write a .parquet file", id="output-suffix"
        ),
        pytest.param(["run", "{tmp}/in", "--engine", "spark"], "'spark' is not one of local, dask", id="engine"),
    ],
)
def test_usage_errors_exit_1_and_write_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Tekst.", encoding="utf-8")
    argv = [a.format(tmp=tmp_path) for a in args]
    if "--out" not in argv:
        argv += ["--out", str(tmp_path / "out.sqlite")]
    result = runner.invoke(app, argv)
    assert result.exit_code in (1, 2) and message in result.output, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "in"]


def test_a_second_run_into_one_database_stops_at_once(tmp_path: Path, target: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Statsminister Mette Frederiksen besøger Aarhus.", encoding="utf-8")
    holder = open_sink(target, lock=True)
    try:
        result = runner.invoke(app, ["run", str(folder), "--out", target, "--quiet"])
    finally:
        holder.close()
    assert result.exit_code == 1
    assert "another run is writing to this database" in result.output
    after = runner.invoke(app, ["run", str(folder), "--out", target, "--quiet"])
    assert after.exit_code == 0, after.output
    assert documents(target).loc["a.txt", "status"] == "ok"


def test_messages_mask_the_password(tmp_path: Path, pg_url: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Tekst.", encoding="utf-8")
    import sqlalchemy as sa

    password = sa.make_url(pg_url).password
    assert password
    result = runner.invoke(app, ["run", str(folder), "--out", pg_url, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "1 release" in result.output and "***" in result.output
    assert f":{password}@" not in result.output


def test_a_release_the_pipeline_fails_on_is_its_own_error_row(nlp: Any) -> None:
    from spacy.language import Language

    import extract

    @Language.component("fails_on_boom")
    def fails_on_boom(doc: Any) -> Any:
        if "BOOM" in doc.text:
            raise RuntimeError("a component broke")
        return doc

    broken = extract.load()
    broken.add_pipe("fails_on_boom")
    records = [
        {"id": "a", "text": "Statsminister Mette Frederiksen besøger Aarhus."},
        {"id": "b", "text": "BOOM", "source": "x.jsonl:2"},
        {"id": "c", "text": "Forsvarsminister Troels Lund Poulsen besøger Karup."},
    ]
    tables = extract.extract(records, nlp=broken)
    docs = tables.documents.set_index("doc_id")
    assert docs["status"].to_dict() == {"a": "ok", "b": "error", "c": "ok"}
    assert docs.loc["b", "error"] == "x.jsonl:2: extraction failed: RuntimeError: a component broke"
    assert tables.ministers["name"].tolist() == ["Mette Frederiksen", "Troels Lund Poulsen"]


def test_a_release_the_target_refuses_becomes_an_error_row(tmp_path: Path) -> None:
    from extract.batch import write_release
    from extract.sinks import SinkError
    from extract.tables import empty_rows

    sink = open_sink(tmp_path / "out.sqlite")
    refused = {"first": True}
    write = sink.write_document

    def picky(rows: Any) -> None:
        if refused["first"]:
            refused["first"] = False
            raise SinkError("value too long for column")
        write(rows)

    sink.write_document = picky  # type: ignore[method-assign]
    rows = empty_rows()
    rows["documents"].append({"doc_id": "r1", "source": "a.txt", "status": "ok", "text": "Tekst."})
    rows["entities"].append({"doc_id": "r1", "label": "ORG", "text": "T", "start_char": 0, "end_char": 1})
    written = write_release(sink, rows)
    sink.close()
    assert written["documents"][0]["status"] == "error"
    docs = documents(str(tmp_path / "out.sqlite"))
    assert docs.loc["r1", "status"] == "error"
    assert docs.loc["r1", "error"] == "a.txt: cannot be stored: value too long for column"
    assert read_tables(str(tmp_path / "out.sqlite")).entities.empty
