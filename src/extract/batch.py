"""run_batch(): release files -> pipeline -> rows -> a sink, incrementally, with progress, locally or on Dask."""

from __future__ import annotations

import datetime as dt
import sys
import time
import uuid
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from spacy.language import Language
from spacy.tokens import Doc

from extract import __version__
from extract.readers import Record, read_paths
from extract.sinks import Sink, open_sink, release_key
from extract.tables import Rows, doc_rows, document_row

ENGINES = ("local", "dask")


class EngineError(RuntimeError):
    """The engine cannot run: dask is not installed, the scheduler is unreachable, workers lack the pipeline."""


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
) -> Generator[Rows, None, None]:
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
    engine: str = "local",
    scheduler: str | None = None,
    force: bool = False,
) -> RunSummary:
    """Extract every release under `paths` into `out`; unchanged releases already there are skipped.

    A release counts as unchanged when its text and metadata equal the stored ones *and* it was written
    by this version of the pipeline, so upgrading the tool re-extracts what it would now extract
    differently; `force=True` re-extracts everything.

    `engine="dask"` runs the pipeline on the Dask cluster at `scheduler` (or, without one, on a local
    cluster of `n_process` workers); rows come back here and go through the same sink.
    """
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    sink: Sink = open_sink(out)
    dask = None
    inputs = [str(p) for p in paths]
    summary = RunSummary(run_id=uuid.uuid4().hex[:16])
    progress = Progress(stream, enabled=not quiet)
    try:
        # The engine is ready before the first write, so a bad scheduler or pipeline leaves no trace.
        if engine == "dask":
            from extract.dask_engine import DaskSession

            dask = DaskSession.connect(scheduler, n_workers=n_process)
        else:
            from extract.pipeline import load

            nlp = nlp or load()
        # Written when the run starts, so a run that was killed still shows, with `finished` empty.
        run: dict[str, Any] = {
            "run_id": summary.run_id,
            "started": _now(),
            "version": __version__,
            "inputs": "\n".join(inputs),
        }
        sink.write_run(run)
        known = {} if force else sink.known_documents(__version__)

        def todo() -> Iterator[Record]:
            for record in read_paths(inputs, defaults):
                if record.error is None and known.get(record.id) == release_key(document_row(record, None)):
                    summary.skipped += 1
                    continue
                yield record

        if dask is not None:
            results = dask.process(todo(), run_id=summary.run_id, batch_size=batch_size)
        else:
            assert nlp is not None
            results = process(nlp, todo(), batch_size=batch_size, n_process=n_process, run_id=summary.run_id)
        with closing(results):
            for rows in results:
                sink.write_document(rows)
                summary.documents += 1
                summary.errors += sum(1 for r in rows["documents"] if r["status"] == "error")
                summary.rows += sum(len(v) for k, v in rows.items() if k != "documents")
                progress.update(summary)
        progress.update(summary, final=True)
        summary.seconds = time.monotonic() - progress.start
        run.update(finished=_now(), n_documents=summary.documents, n_rows=summary.rows, n_errors=summary.errors)
        sink.write_run(run)
    finally:
        if dask is not None:
            dask.close()
        sink.close()
    return summary


def _now() -> dt.datetime:
    """UTC without a zone: every backend stores a naive timestamp the same way."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
