"""Records (text + metadata) and their identity: validation, error records, one release per id.

Every string a record carries goes through `clean_text`, so a lone surrogate or a NUL in any field is
stored the same way on every target and no offset moves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from extract.readers.decode import clean_text

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
    encoding: str | None = None  # how the file's bytes were decoded; None for records given as text


def content_id(text: str) -> str:
    """A stable id for a record without one: the same text always gets the same id."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


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


def record_id(value: Any) -> str | None:
    """A record's id as a string: `1` and `"1"` are the same release everywhere."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"id {value!r} is not a string or an integer")
    return clean_text(str(value)).strip() or None


def record_from_mapping(
    data: dict[str, Any],
    source: str | None,
    defaults: dict[str, Any] | None = None,
    *,
    default_id: str | None = None,
    encoding: str | None = None,
) -> Record:
    """Validate one record. Raises ValueError with a message a user can act on.

    The id is the record's own, else `default_id` (a file's path relative to its input folder), else a
    hash of the text.
    """
    merged = {**(defaults or {}), **{k: v for k, v in data.items() if v is not None}}
    text = merged.get("text")
    if not isinstance(text, str):
        raise ValueError("record has no 'text' string")
    text = clean_text(text)
    return Record(
        id=record_id(merged.get("id")) or default_id or content_id(text),
        text=text,
        published=parse_published(merged.get("published")),
        title=_opt_str(merged.get("title")),
        url=_opt_str(merged.get("url")),
        publisher=_opt_str(merged.get("publisher")),
        source=source,
        encoding=encoding,
    )


def _opt_str(value: Any) -> str | None:
    return None if value in (None, "") else clean_text(str(value))


def error_record(source: str, message: str, key: str | None = None) -> Record:
    """A record that could not be read: a `documents` row with status error, keyed by where it came from."""
    return Record(id="error:" + content_id(key or source), text=None, source=source, error=clean_text(message))


def unique_ids(records: Iterable[Record]) -> Iterator[Record]:
    """Records with the ids seen before turned into error records: one release per id in a run.

    The first record with an id wins, so a rerun over the same inputs keeps the same one.
    """
    seen: dict[str, str | None] = {}
    for record in records:
        if record.error is None and record.id in seen:
            first = seen[record.id] or "an earlier record"
            where = record.source or "<record>"
            yield error_record(where, f"{where}: id {record.id!r} is already used by {first}; give it an id of its own")
            continue
        seen.setdefault(record.id, record.source)
        yield record


def to_records(items: Iterable[str | dict[str, Any] | Record]) -> Iterator[Record]:
    """Records from the Python API's inputs: texts, mappings or Records."""
    for n, item in enumerate(items):
        if isinstance(item, Record):
            yield item
        elif isinstance(item, str):
            text = clean_text(item)
            yield Record(id=content_id(text), text=text)
        elif isinstance(item, dict):
            try:
                yield record_from_mapping(item, item.get("source") or f"<record {n}>")
            except ValueError as err:
                yield error_record(f"<record {n}>", f"record {n}: {err}", key=repr(sorted(item.items()))[:2000])
        else:
            raise TypeError(f"expected a text, a mapping or a Record, got {type(item).__name__}")
