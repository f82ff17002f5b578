"""One release's way through the pipeline: Record -> Doc -> rows, with every failure kept to its release.

Every engine (in this process, a pool of worker processes, a Dask cluster) runs `process` over its share
of the records, so the rows are the same whichever engine made them.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from dataclasses import replace
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from extract.extensions import remember_text
from extract.readers import DEFAULT_MAX_CHARS, Record
from extract.tables import Rows, doc_rows
from extract.wording import mask_secrets


def make_doc(nlp: Language, record: Record) -> Doc:
    """A Doc carrying the record's id and publication date, ready for the pipeline's components."""
    text = record.text or ""
    doc = remember_text(nlp.make_doc(text), text)
    doc._.doc_id = record.id
    doc._.published = record.published
    return doc


def failed(record: Record, message: str, *, keep_text: bool = True) -> Record:
    """The record as an error row: its id (so a later good run replaces it), the message, the text if sane."""
    return replace(record, error=mask_secrets(message), text=record.text if keep_text else None)


def _where(record: Record) -> str:
    return record.source or f"record {record.id!r}"


def error_rows(record: Record, reason: str, run_id: str | None) -> Rows:
    """The rows of a release that failed: its `documents` row with status error, naming where it came from."""
    return doc_rows(failed(record, f"{_where(record)}: {reason}"), None, run_id)


def describe(err: BaseException) -> str:
    return f"{type(err).__name__}: {err}"


def check_size(record: Record, max_chars: int) -> Record:
    """A release over the per-release limit is an error row, not a run that runs out of memory."""
    if record.error is None and record.text is not None and len(record.text) > max_chars:
        return failed(
            record,
            f"{_where(record)}: {len(record.text):,} characters, over the limit of {max_chars:,} per release "
            "(--max-chars)",
            keep_text=False,
        )
    return record


def _rows_or_error(record: Record, doc: Doc, run_id: str | None) -> Rows:
    try:
        return doc_rows(record, doc, run_id)
    except Exception as err:  # noqa: BLE001 - one release's bad value must not stop the others
        return error_rows(record, f"cannot build rows: {describe(err)}", run_id)


def _one_by_one(nlp: Language, records: list[Record], run_id: str | None) -> Iterator[Rows]:
    """Each record through the pipeline alone, so that a failing one becomes its own error row."""
    for record in records:
        try:
            doc = nlp(make_doc(nlp, record))
        except Exception as err:  # noqa: BLE001 - isolate the release that fails
            yield error_rows(record, f"extraction failed: {describe(err)}", run_id)
            continue
        yield _rows_or_error(record, doc, run_id)


def process(
    nlp: Language,
    records: Iterable[Record],
    *,
    batch_size: int = 16,
    n_process: int = 1,
    run_id: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Generator[Rows, None, None]:
    """Rows per record, in input order; records with an error pass through as `documents` rows only.

    A record the pipeline fails on becomes an error row of its own: the batch it was in is run again one
    record at a time, and every other record of it keeps its rows.
    """
    if nlp.max_length <= max_chars:
        nlp.max_length = max_chars + 1
    pending: list[Record] = []

    def flush() -> Iterator[Rows]:
        if not pending:
            return
        try:
            docs = list(nlp.pipe((make_doc(nlp, r) for r in pending), batch_size=batch_size, n_process=n_process))
        except Exception:  # noqa: BLE001 - find the one that failed, below
            docs = None
        if docs is None:
            yield from _one_by_one(nlp, pending, run_id)
        else:
            for record, doc in zip(pending, docs, strict=True):
                yield _rows_or_error(record, doc, run_id)
        pending.clear()

    for record in records:
        record = check_size(record, max_chars)
        if record.error:
            yield from flush()
            yield doc_rows(record, None, run_id)
            continue
        pending.append(record)
        if len(pending) >= max(batch_size * max(n_process, 1) * 4, 64):
            yield from flush()
    yield from flush()


def chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    """Records in lists of `size`: the unit of work an engine sends to a worker."""
    it = iter(records)
    while chunk := list(islice(it, size)):
        yield chunk
