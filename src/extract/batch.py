"""run_batch(): release files -> pipeline -> rows -> a database, incrementally and with progress."""

from __future__ import annotations

import datetime as dt
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from spacy.language import Language
from spacy.tokens import Doc

from extract import __version__
from extract.readers import Record, read_paths
from extract.sinks import open_sink
from extract.tables import Rows, doc_rows


@dataclass
class RunSummary:
    run_id: str
    documents: int = 0
    skipped: int = 0
    rows: int = 0
    errors: int = 0
    seconds: float = 0.0


def make_doc(nlp: Language, record: Record) -> Doc:
    """A Doc carrying the record's id and publication date, ready for the pipeline's components."""
    doc = nlp.make_doc(record.text or "")
    doc._.doc_id = record.id
    doc._.published = record.published
    return doc


def process(
    nlp: Language, records: Iterable[Record], *, batch_size: int = 16, n_process: int = 1, run_id: str | None = None
) -> Iterator[Rows]:
    """Rows per record, in input order; records with an error pass through as `documents` rows only."""
    pending: list[Record] = []

    def flush() -> Iterator[Rows]:
        docs = nlp.pipe((make_doc(nlp, r) for r in pending), batch_size=batch_size, n_process=n_process)
        for record, doc in zip(pending, docs, strict=True):
            yield doc_rows(record, doc, run_id)
        pending.clear()

    for record in records:
        if record.error:
            yield from flush()
            yield doc_rows(record, None, run_id)
            continue
        pending.append(record)
        if len(pending) >= max(batch_size * max(n_process, 1) * 4, 64):
            yield from flush()
    yield from flush()


class Progress:
    """Releases/second and errors so far, on one terminal line; silent when not a terminal."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled and stream.isatty()
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, summary: RunSummary, final: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not final and now - self.last < 0.5):
            return
        self.last = now
        rate = summary.documents / max(now - self.start, 1e-9)
        self.stream.write(
            f"\r{summary.documents} releases ({rate:.1f}/s), {summary.skipped} unchanged, {summary.errors} errors"
        )
        if final:
            self.stream.write("\n")
        self.stream.flush()


def run_batch(
    paths: Iterable[str | Path],
    out: str | Path = "results.sqlite",
    *,
    nlp: Language | None = None,
    defaults: dict[str, Any] | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    quiet: bool = False,
    stream: TextIO = sys.stderr,
) -> RunSummary:
    """Extract every release under `paths` into `out`; unchanged releases already there are skipped."""
    from extract.pipeline import load

    sink = open_sink(out)
    inputs = [str(p) for p in paths]
    summary = RunSummary(run_id=uuid.uuid4().hex[:16])
    started = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    progress = Progress(stream, enabled=not quiet)
    try:
        known = sink.known_texts()
        nlp = nlp or load()

        def todo() -> Iterator[Record]:
            for record in read_paths(inputs, defaults):
                if record.error is None and known.get(record.id) == record.text:
                    summary.skipped += 1
                    continue
                yield record

        for rows in process(nlp, todo(), batch_size=batch_size, n_process=n_process, run_id=summary.run_id):
            sink.write_document(rows)
            summary.documents += 1
            summary.errors += sum(1 for r in rows["documents"] if r["status"] == "error")
            summary.rows += sum(len(v) for k, v in rows.items() if k != "documents")
            progress.update(summary)
        progress.update(summary, final=True)
        summary.seconds = time.monotonic() - progress.start
        sink.write_run(
            {
                "run_id": summary.run_id,
                "started": started.isoformat(sep=" "),
                "finished": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None).isoformat(sep=" "),
                "version": __version__,
                "inputs": "\n".join(inputs),
                "n_documents": summary.documents,
                "n_rows": summary.rows,
                "n_errors": summary.errors,
            }
        )
    finally:
        sink.close()
    return summary
