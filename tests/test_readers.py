"""Readers: .txt/.md + sidecar, .jsonl line by line, .html through trafilatura, encodings, ids, bad paths."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from extract.readers import InputError, Record, content_id, read_paths, to_records, unique_ids
from extract.readers.decode import decode_bytes


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_txt_with_sidecar(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Statsministeren rejser i dag.\n")
    write(tmp_path / "a.meta.json", json.dumps({"id": "a1", "published": "2024-03-01", "publisher": "STM"}))
    [rec] = read_paths([tmp_path])
    assert rec == Record(
        id="a1",
        text="Statsministeren rejser i dag.\n",
        published="2024-03-01",
        publisher="STM",
        source=str(tmp_path / "a.txt"),
        encoding="utf-8",
    )


def test_txt_without_sidecar_is_named_by_its_path_and_gets_defaults(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "b.txt", "Tekst uden metadata.")
    [rec] = read_paths([tmp_path], {"published": "2020-01-02"})
    assert rec.id == "sub/b.txt"
    assert rec.published == "2020-01-02"
    [direct] = read_paths([tmp_path / "sub" / "b.txt"])
    assert direct.id == "b.txt"


def test_an_edited_txt_keeps_its_id(tmp_path: Path) -> None:
    path = write(tmp_path / "c.txt", "Første udgave.")
    [before] = read_paths([tmp_path])
    write(path, "Anden udgave, rettet.")
    [after] = read_paths([tmp_path])
    assert before.id == after.id == "c.txt"
    assert after.text == "Anden udgave, rettet."


def test_bad_sidecar_is_an_error_naming_the_file(tmp_path: Path) -> None:
    write(tmp_path / "c.txt", "Tekst.")
    write(tmp_path / "c.meta.json", "{not json")
    [rec] = read_paths([tmp_path])
    assert rec.text is None
    assert rec.error is not None and "c.meta.json" in rec.error


def test_bad_published_date_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "d.txt", "Tekst.")
    write(tmp_path / "d.meta.json", json.dumps({"published": "14/12/2016"}))
    [rec] = read_paths([tmp_path])
    assert rec.error is not None and "d.meta.json" in rec.error and "ISO date" in rec.error


@pytest.mark.parametrize(
    ("raw", "text", "encoding"),
    [
        pytest.param("Sønderborg og Ærø".encode(), "Sønderborg og Ærø", "utf-8", id="utf-8"),
        pytest.param(
            b"\xef\xbb\xbf" + b"Forsvarsministeren siger", "Forsvarsministeren siger", "utf-8", id="utf-8-bom"
        ),
        pytest.param("Ministeren i Åbenrå".encode("utf-16"), "Ministeren i Åbenrå", "utf-16", id="utf-16-bom"),
        pytest.param(
            "Statsministeren besøger Sønderborg – og Ærø i år.".encode("cp1252"),
            "Statsministeren besøger Sønderborg – og Ærø i år.",
            "cp1252",
            id="cp1252",
        ),
        pytest.param(
            "Kort tekst om Ærø og Læsø.".encode("latin-1"),
            "Kort tekst om Ærø og Læsø.",
            "cp1252",
            id="latin-1-read-as-cp1252",
        ),
    ],
)
def test_encodings(tmp_path: Path, raw: bytes, text: str, encoding: str) -> None:
    assert decode_bytes(raw) == (text, encoding)
    write(tmp_path / "e.txt", raw)
    [rec] = read_paths([tmp_path])
    assert (rec.error, rec.text, rec.encoding) == (None, text, encoding)


def test_lone_surrogates_and_nul_are_replaced_one_for_one() -> None:
    [rec] = to_records([{"id": "s1", "text": "x \ud800 y\x00z", "title": "T\x00"}])
    assert rec.id == "s1"
    assert rec.text == "x \ufffd y\ufffdz"
    assert rec.title == "T\ufffd"


def test_jsonl_bad_lines_name_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.jsonl",
        '{"id": "1", "text": "En."}\n\n{"id": "2", "text": \n{"id": "3"}\n[1, 2]\n{"id": "4", "text": "Fire."}\n',
    )
    recs = list(read_paths([path]))
    assert [r.id for r in recs if r.error is None] == ["1", "4"]
    errors = [r.error for r in recs if r.error]
    assert len(errors) == 3
    assert f"{path}:3: invalid JSON" in errors[0]
    assert f"{path}:4: record has no 'text'" in errors[1]
    assert f"{path}:5: line is not a JSON object" in errors[2]


def test_jsonl_bad_byte_costs_only_its_own_line(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"r{i}", "text": f"Tekst nummer {i}."}).encode() for i in range(1, 1001)]
    lines[499] = b'{"id": "r500", "text": "S\xf8nderborg"}'
    path = write(tmp_path / "big.jsonl", b"\xef\xbb\xbf" + b"\n".join(lines) + b"\n")
    recs = list(read_paths([path]))
    good = [r for r in recs if r.error is None]
    bad = [r for r in recs if r.error]
    assert len(good) == 999 and good[0].id == "r1" and good[-1].id == "r1000"
    assert len(bad) == 1 and bad[0].error.startswith(f"{path}:500: not UTF-8")
    assert bad[0].source == f"{path}:500"


def test_duplicate_ids_error_for_the_later_ones(tmp_path: Path) -> None:
    path = write(
        tmp_path / "dup.jsonl",
        '{"id": 1, "text": "Første."}\n{"id": "1", "text": "Anden."}\n{"id": "2", "text": "Tredje."}\n',
    )
    recs = list(read_paths([path]))
    assert [(r.id, r.text) for r in recs if r.error is None] == [("1", "Første."), ("2", "Tredje.")]
    [err] = [r for r in recs if r.error]
    assert err.error == f"{path}:2: id '1' is already used by {path}:1; give it an id of its own"
    assert err.id == list(unique_ids([err]))[0].id  # stable: made from where the record came from


def test_two_sidecars_with_one_id(tmp_path: Path) -> None:
    for name in ("a", "b"):
        write(tmp_path / f"{name}.txt", f"Tekst {name}.")
        write(tmp_path / f"{name}.meta.json", json.dumps({"id": "same"}))
    first, second = read_paths([tmp_path])
    assert (first.id, first.error) == ("same", None)
    assert second.error is not None and "id 'same' is already used by" in second.error


def test_upper_case_suffix_and_markdown(tmp_path: Path) -> None:
    write(tmp_path / "A.TXT", "Store bogstaver.")
    write(tmp_path / "b.md", "# Ny pulje\n\nMinisteren afsætter **40 mio. kr.** til [puljen](https://x.dk).\n")
    a, b = read_paths([tmp_path])
    assert (a.id, a.text) == ("A.TXT", "Store bogstaver.")
    assert b.title == "Ny pulje"
    assert b.text == "Ny pulje\n\nMinisteren afsætter 40 mio. kr. til puljen.\n"


def test_a_folders_readme_is_not_a_release(tmp_path: Path) -> None:
    write(tmp_path / "README.md", "# Om mappen\n")
    write(tmp_path / "pressemeddelelse.md", "# Ny aftale\n\nTekst.\n")
    assert [r.id for r in read_paths([tmp_path])] == ["pressemeddelelse.md"]
    assert [r.id for r in read_paths([tmp_path / "README.md"])] == ["README.md"]


def test_fifo_is_an_error_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    write(tmp_path / "ok.txt", "Fint.")
    ok, pipe = read_paths([tmp_path])
    assert pipe.error is not None and "not a regular file" in pipe.error and "pipe.txt" in pipe.error
    assert ok.error is None


def test_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    write(tmp_path / "big.txt", "x" * 1000)
    [rec] = read_paths([tmp_path], max_chars=100)
    assert rec.error is not None and "over the limit of 100 characters" in rec.error


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda p: p / "nope.txt", "no such file or folder", id="missing"),
        pytest.param(lambda p: write(p / "x.pdf", "%PDF"), "unsupported file type '.pdf'", id="unsupported"),
        pytest.param(lambda p: (p / "empty").mkdir() or p / "empty", "no release files in this folder", id="empty"),
    ],
)
def test_usage_errors_stop_before_reading(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    with pytest.raises(InputError, match=message):
        read_paths([path])


@pytest.mark.parametrize(
    ("item", "published"),
    [
        pytest.param({"text": "A", "published": "2016-12-14"}, "2016-12-14", id="iso"),
        pytest.param({"text": "A", "published": "2016-12-14T09:30:00"}, "2016-12-14", id="iso-datetime"),
        pytest.param({"text": "A"}, None, id="none"),
    ],
)
def test_to_records_published(item: dict, published: str | None) -> None:
    [rec] = to_records([item])
    assert rec.published == published
    assert rec.id == content_id("A")
