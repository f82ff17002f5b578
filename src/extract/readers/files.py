"""Release files -> records. Nothing is lost on bad input, and a file keeps its id when it is edited.

- `NAME.txt` / `NAME.md`, with metadata from an optional sidecar `NAME.meta.json` (keys of a record);
- `NAME.jsonl`, one record per line, each line read on its own;
- `NAME.html` / `NAME.htm`, the page's main text, title, date and canonical url (trafilatura).

Suffixes match in any case (`.TXT`); in a folder, a Markdown file named in capitals (README.md) is the
folder's documentation and is left out. A file's id is its sidecar's `id`, else its path relative to the
input folder it was found under (its name, when it was given directly), so editing a file replaces its
rows instead of adding a second release. Records without an id in a `.jsonl` get a hash of their text.

A file or line that cannot be read becomes a record with `error` set, naming the file and line, so the
batch goes on and the `documents` table says what went wrong. Only usage errors (`InputError`: a path
that does not exist, a folder without releases, a file type we do not read) stop a run, before anything
is written.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.readers.decode import DecodeError, decode_bytes
from extract.readers.html import read_page
from extract.readers.records import Record, error_record, record_from_mapping, unique_ids

SUFFIXES = (".txt", ".md", ".jsonl", ".html", ".htm")
META_SUFFIX = ".meta.json"
# Files this many bytes over the per-release character limit cannot hold a release under it (UTF-32 is
# the widest encoding we read), so they are refused without being read into memory.
BYTES_PER_CHAR = 4
DEFAULT_MAX_CHARS = 5_000_000


class InputError(ValueError):
    """An input the run cannot start with: it names the path at fault."""


@dataclass(frozen=True)
class InputFile:
    path: Path
    # The id a file without a sidecar id gets: its path relative to the input folder.
    default_id: str


def resolve_inputs(paths: Iterable[str | Path]) -> list[InputFile]:
    """Every release file under the given files and folders, in a stable order; InputError for a bad path."""
    found: list[InputFile] = []
    for p in map(Path, paths):
        if p.is_dir():
            files = sorted(
                f
                for f in p.rglob("*")
                if f.suffix.lower() in SUFFIXES and not f.name.startswith(".") and not _is_doc(f) and not f.is_dir()
            )
            if not files:
                raise InputError(f"{p}: no release files in this folder (looked for {', '.join(SUFFIXES)})")
            found.extend(InputFile(f, f.relative_to(p).as_posix()) for f in files)
        elif p.exists() or p.is_symlink():
            if p.suffix.lower() not in SUFFIXES:
                raise InputError(f"{p}: unsupported file type {p.suffix!r} (use {', '.join(SUFFIXES)})")
            found.append(InputFile(p, p.name))
        else:
            raise InputError(f"{p}: no such file or folder")
    return found


def _is_doc(path: Path) -> bool:
    """A folder's own documentation (README.md, ANNOTATION.md: a Markdown name in capitals), not a release.

    Only in a folder walk: a file given by name is read whatever it is called.
    """
    return path.suffix.lower() == ".md" and path.stem.isupper()


def read_paths(
    paths: Iterable[str | Path], defaults: dict[str, Any] | None = None, *, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Record]:
    """Every record from the given files and folders, one per id; `defaults` fill metadata a file lacks.

    Raises InputError (before yielding anything) for a path that cannot be an input.
    """
    inputs = resolve_inputs(paths)
    return unique_ids(_read_all(inputs, defaults, max_chars))


def _read_all(inputs: list[InputFile], defaults: dict[str, Any] | None, max_chars: int) -> Iterator[Record]:
    for item in inputs:
        if item.path.suffix.lower() == ".jsonl":
            yield from read_jsonl(item.path, defaults)
        else:
            yield read_file(item, defaults, max_chars)


def read_file(item: InputFile, defaults: dict[str, Any] | None, max_chars: int = DEFAULT_MAX_CHARS) -> Record:
    """One .txt, .md or .html release; any failure becomes an error record naming the file."""
    path = item.path
    try:
        raw = _read_regular(path, max_chars)
        text, encoding = decode_bytes(raw)
        suffix = path.suffix.lower()
        meta: dict[str, Any] = {}
        if suffix in (".html", ".htm"):
            page = read_page(text)
            if not page.text.strip():
                return error_record(str(path), f"{path}: no main text found in the page")
            text = page.text
            meta = {"title": page.title, "published": page.published, "url": page.url}
        elif suffix == ".md":
            text, title = markdown_text(text)
            meta = {"title": title}
        return record_with_sidecar(path, text, {**defaults, **_present(meta)} if defaults else meta, item, encoding)
    except (OSError, DecodeError, ValueError) as err:
        return error_record(str(path), f"{path}: cannot read: {err}")
    except Exception as err:  # noqa: BLE001 - one bad file must never stop a run
        return error_record(str(path), f"{path}: cannot read: {type(err).__name__}: {err}")


def _present(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in meta.items() if v is not None}


def _regular(path: Path) -> os.stat_result:
    """The file's status; a FIFO, device or socket is refused (reading it could block the run forever)."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise ValueError("not a regular file (a FIFO, device or socket)")
    return info


def _read_regular(path: Path, max_chars: int) -> bytes:
    """The bytes of a regular file no larger than a release under the limit can be."""
    info = _regular(path)
    if info.st_size > max_chars * BYTES_PER_CHAR:
        raise ValueError(f"{info.st_size:,} bytes, over the limit of {max_chars:,} characters per release")
    return path.read_bytes()


def record_with_sidecar(
    path: Path, text: str, defaults: dict[str, Any] | None, item: InputFile, encoding: str | None = None
) -> Record:
    """The record of a file, with metadata from `NAME.meta.json` beside it if there is one."""
    meta_path = path.with_name(path.name[: -len(path.suffix)] + META_SUFFIX)
    meta: dict[str, Any] = {}
    if meta_path.exists():
        try:
            meta_text, _ = decode_bytes(_read_regular(meta_path, 1_000_000))
            meta = json.loads(meta_text)
            if not isinstance(meta, dict):
                raise ValueError("not a JSON object")
        except (OSError, DecodeError, ValueError) as err:
            return error_record(str(path), f"{meta_path}: invalid metadata: {err}")
    try:
        return record_from_mapping(
            {**meta, "text": text}, str(path), defaults, default_id=item.default_id, encoding=encoding
        )
    except ValueError as err:
        return error_record(str(path), f"{meta_path if meta else path}: {err}")


def read_jsonl(path: Path, defaults: dict[str, Any] | None = None) -> Iterator[Record]:
    """One record per line; a line that is not UTF-8 or not a JSON record is an error naming its line."""
    try:
        _regular(path)
        fh = open(path, "rb")
    except (OSError, ValueError) as err:
        yield error_record(str(path), f"{path}: cannot read: {err}")
        return
    with fh:
        for lineno, raw in enumerate(fh, start=1):
            where = f"{path}:{lineno}"
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                yield error_record(where, f"{where}: not UTF-8 ({err.reason} at byte {err.start} of the line)")
                continue
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                if not isinstance(data, dict):
                    raise ValueError("line is not a JSON object")
                yield record_from_mapping(data, where, defaults, encoding="utf-8")
            except json.JSONDecodeError as err:
                yield error_record(where, f"{where}: invalid JSON: {err.msg} (column {err.colno})")
            except ValueError as err:
                yield error_record(where, f"{where}: {err}")
            except Exception as err:  # noqa: BLE001 - one bad line must never stop a run
                yield error_record(where, f"{where}: {type(err).__name__}: {err}")


_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.MULTILINE)
_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def markdown_text(md: str) -> tuple[str, str | None]:
    """Plain text of a Markdown release (headings, links and emphasis unmarked) and its first heading."""
    heading = _MD_HEADING.search(md)
    text = _MD_HEADING.sub(r"\1", md)
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return text, (heading.group(1).strip() or None) if heading else None
