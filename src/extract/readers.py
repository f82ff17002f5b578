"""Release files -> records (text + metadata). Nothing is lost on bad input.

- `NAME.txt`, with metadata from an optional sidecar `NAME.meta.json` (keys of a record);
- `NAME.jsonl`, one record per line: `{"id", "text", "published", "title", "url", "publisher"}`;
- `NAME.html`, the visible text of the page (title from <title> or the first <h1>).

A file or line that cannot be read becomes a record with `error` set (naming the file, and the line for
JSONL), so the batch goes on and the `documents` table says what went wrong.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
META_SUFFIX = ".meta.json"
RECORD_KEYS = ("id", "text", "published", "title", "url", "publisher")


@dataclass(frozen=True)
class Record:
    id: str
    text: str | None
    published: str | None = None  # ISO date
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    source: str | None = None
    error: str | None = None


def content_id(text: str) -> str:
    """A stable id for a release without one: the same text always gets the same id."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def parse_published(value: Any) -> str | None:
    """An ISO date string from a record's `published` (date, datetime or ISO text), else ValueError."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise ValueError(f"published {value!r} is not an ISO date (YYYY-MM-DD)") from None


def record_from_mapping(data: dict[str, Any], source: str | None, defaults: dict[str, Any] | None = None) -> Record:
    """Validate one record. Raises ValueError with a message a user can act on."""
    merged = {**(defaults or {}), **{k: v for k, v in data.items() if v is not None}}
    text = merged.get("text")
    if not isinstance(text, str):
        raise ValueError("record has no 'text' string")
    rid = merged.get("id")
    return Record(
        id=str(rid) if rid not in (None, "") else content_id(text),
        text=text,
        published=parse_published(merged.get("published")),
        title=_opt_str(merged.get("title")),
        url=_opt_str(merged.get("url")),
        publisher=_opt_str(merged.get("publisher")),
        source=source,
    )


def _opt_str(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def error_record(source: str, message: str, key: str | None = None) -> Record:
    return Record(id="error:" + content_id(key or source), text=None, source=source, error=message)


def read_txt(path: Path, defaults: dict[str, Any] | None = None) -> Record:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return error_record(str(path), f"{path}: cannot read: {err}")
    return record_with_sidecar(path, text, defaults)


def read_jsonl(path: Path, defaults: dict[str, Any] | None = None) -> Iterator[Record]:
    try:
        fh = open(path, encoding="utf-8")
    except OSError as err:
        yield error_record(str(path), f"{path}: cannot read: {err}")
        return
    with fh:
        lineno = 0
        while True:
            lineno += 1
            where = f"{path}:{lineno}"
            try:
                line = fh.readline()
            except UnicodeDecodeError as err:
                yield error_record(where, f"{where}: not UTF-8: {err}")
                break
            if not line:
                break
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                if not isinstance(data, dict):
                    raise ValueError("line is not a JSON object")
                yield record_from_mapping(data, where, defaults)
            except json.JSONDecodeError as err:
                yield error_record(where, f"{where}: invalid JSON: {err.msg} (column {err.colno})")
            except ValueError as err:
                yield error_record(where, f"{where}: {err}")


class _TextOfPage(HTMLParser):
    """Visible text of a page; block elements become line breaks."""

    BLOCKS = frozenset("p div br li h1 h2 h3 h4 h5 h6 tr section article header footer ul ol table".split())
    SKIP = frozenset({"script", "style", "noscript", "template", "nav"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.h1 = ""
        self._skip = 0
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self.SKIP:
            self._skip += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        current = self._in[-1] if self._in else ""
        if current == "title":
            self.title += data
            return
        if self._skip:
            return
        if current == "h1":
            self.h1 += data
        self.parts.append(data)

    def text(self) -> str:
        lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(self.parts).split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def read_html(path: Path, defaults: dict[str, Any] | None = None) -> Record:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return error_record(str(path), f"{path}: cannot read: {err}")
    parser = _TextOfPage()
    parser.feed(raw)
    parser.close()
    record = record_with_sidecar(path, parser.text(), defaults)
    if record.error is None and record.title is None:
        title = (parser.h1 or parser.title).strip() or None
        record = replace(record, title=title)
    return record


def record_with_sidecar(path: Path, text: str, defaults: dict[str, Any] | None) -> Record:
    """The record of a text file, with metadata from `NAME.meta.json` beside it if there is one."""
    meta_path = path.with_name(path.name[: -len(path.suffix)] + META_SUFFIX)
    meta: dict[str, Any] = {}
    if meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if not isinstance(meta, dict):
                raise ValueError("not a JSON object")
        except (OSError, UnicodeDecodeError, ValueError) as err:
            return error_record(str(path), f"{meta_path}: invalid metadata: {err}")
    try:
        return record_from_mapping({**meta, "text": text}, str(path), defaults)
    except ValueError as err:
        return error_record(str(path), f"{meta_path if meta else path}: {err}")


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Release files under the given files and folders, in a stable order."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix in SUFFIXES and not f.name.startswith(".")
            )
        else:
            yield p


def read_paths(paths: Iterable[str | Path], defaults: dict[str, Any] | None = None) -> Iterator[Record]:
    """Every record from the given files and folders; `defaults` fill metadata a file lacks."""
    for path in iter_files(paths):
        if not path.exists():
            yield error_record(str(path), f"{path}: no such file")
        elif path.suffix == ".jsonl":
            yield from read_jsonl(path, defaults)
        elif path.suffix in (".html", ".htm"):
            yield read_html(path, defaults)
        elif path.suffix == ".txt":
            yield read_txt(path, defaults)
        else:
            yield error_record(str(path), f"{path}: unsupported file type {path.suffix!r} (use {', '.join(SUFFIXES)})")


def to_records(items: Iterable[str | dict[str, Any] | Record]) -> Iterator[Record]:
    """Records from the Python API's inputs: texts, mappings or Records."""
    for n, item in enumerate(items):
        if isinstance(item, Record):
            yield item
        elif isinstance(item, str):
            yield Record(id=content_id(item), text=item)
        elif isinstance(item, dict):
            try:
                yield record_from_mapping(item, item.get("source") or f"<record {n}>")
            except ValueError as err:
                yield error_record(f"<record {n}>", f"record {n}: {err}", key=repr(sorted(item.items()))[:2000])
        else:
            raise TypeError(f"expected a text, a mapping or a Record, got {type(item).__name__}")
