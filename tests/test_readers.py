"""Readers: .txt + sidecar, .jsonl with bad lines, .html, and files that cannot be read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.readers import Record, content_id, read_paths, to_records


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
        id="a1", text="Statsministeren rejser i dag.\n", published="2024-03-01", publisher="STM",
        source=str(tmp_path / "a.txt"),
    )


def test_txt_without_sidecar_gets_content_id_and_defaults(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Tekst uden metadata.")
    [rec] = read_paths([tmp_path / "b.txt"], {"published": "2020-01-02"})
    assert rec.id == content_id("Tekst uden metadata.")
    assert rec.published == "2020-01-02"


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


def test_undecodable_txt_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "e.txt", "Sønderborg".encode("latin-1"))
    [rec] = read_paths([tmp_path])
    assert rec.error is not None and "e.txt" in rec.error


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


def test_html_visible_text_and_title(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Side</title><script>var x = 1;</script></head>"
        "<body><nav>Menu</nav><h1>Ny aftale</h1><p>Forsvarsministeriet har i dag indgået en aftale.</p></body></html>"
    )
    write(tmp_path / "p.html", html)
    [rec] = read_paths([tmp_path])
    assert rec.title == "Ny aftale"
    assert rec.text == "Ny aftale\n\nForsvarsministeriet har i dag indgået en aftale.\n"
    assert "var x" not in rec.text and "Menu" not in rec.text


def test_missing_and_unsupported_files(tmp_path: Path) -> None:
    write(tmp_path / "x.pdf", "%PDF")
    recs = list(read_paths([tmp_path / "nope.txt", tmp_path / "x.pdf"]))
    assert "no such file" in recs[0].error
    assert "unsupported file type '.pdf'" in recs[1].error


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
