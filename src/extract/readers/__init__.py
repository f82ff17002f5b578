"""Release files and Python records -> `Record`s (text + metadata), with nothing lost on bad input."""

from __future__ import annotations

from extract.readers.decode import DecodeError, clean_text, decode_bytes
from extract.readers.files import (
    DEFAULT_MAX_CHARS,
    META_SUFFIX,
    SUFFIXES,
    InputError,
    InputFile,
    read_paths,
    resolve_inputs,
)
from extract.readers.records import (
    RECORD_KEYS,
    Record,
    content_id,
    error_record,
    parse_published,
    record_from_mapping,
    to_records,
    unique_ids,
)

__all__ = [
    "DEFAULT_MAX_CHARS",
    "META_SUFFIX",
    "RECORD_KEYS",
    "SUFFIXES",
    "DecodeError",
    "InputError",
    "InputFile",
    "Record",
    "clean_text",
    "content_id",
    "decode_bytes",
    "error_record",
    "parse_published",
    "read_paths",
    "record_from_mapping",
    "resolve_inputs",
    "to_records",
    "unique_ids",
]
