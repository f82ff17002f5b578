"""run_batch(): release files -> an engine -> rows -> a sink, incrementally, with progress.

The engine (extract.engines) runs the pipeline here, in a pool of worker processes, or on a Dask
cluster; this module only reads, skips what is unchanged, and writes what comes back.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from spacy.language import Language
from tqdm import tqdm

from extract import __version__
from extract.engines import ENGINES, Engine, EngineError, make_doc, open_engine, process
from extract.readers import DEFAULT_MAX_CHARS, Record, read_paths, resolve_inputs
from extract.sinks import Sink, SinkError, mask_secrets, open_sink, release_key
from extract.tables import Rows, document_row, empty_rows
from extract.wording import counted

__all__ = ["ENGINES", "EngineError", "RunSummary", "make_doc", "process", "run_batch", "write_release"]


@dataclass
class RunSummary:
    run_id: str
    target: str = ""  # the sink's name, passwords masked
    documents: int = 0
    skipped: int = 0
    rows: int = 0
    errors: int = 0
    seconds: float = 0.0
    stopped: str | None = None  # with strict=True: the first error, at which the run stopped


def count_releases(paths: Iterable[str | Path]) -> int:
    """How many releases the inputs hold, for the progress bar's total and ETA: one a file, one a non-blank
    line of a .jsonl (read as bytes, nothing parsed); a FIFO or device counts one and is not opened."""
    total = 0
    for item in resolve_inputs(paths):
        if item.path.suffix.lower() != ".jsonl" or not item.path.is_file():
            total += 1
            continue
        try:
            with open(item.path, "rb") as fh:
                total += sum(1 for line in fh if line.strip())
        except OSError:
            total += 1  # read again, and reported, by the run itself
    return total


class Progress:
    """A tqdm bar on a terminal: releases done of the total, releases/s, the time left, unchanged and errors
    so far; silent when the stream is not a terminal (a log, a pipe) or when disabled (--quiet)."""

    def __init__(self, stream: TextIO, enabled: bool, inputs: Iterable[str | Path] | None = None) -> None:
        self.stream = stream
        self.enabled = enabled and stream.isatty()
        self.start = time.monotonic()
        self.total = count_releases(inputs) if self.enabled and inputs is not None else None
        self.bar: tqdm | None = None

    def update(self, summary: RunSummary, final: bool = False) -> None:
        if not self.enabled:
            return
        if self.bar is None:  # from the first release on, so loading the pipeline does not count in the rate
            self.bar = tqdm(total=self.total, file=self.stream, unit=" releases", mininterval=0.5, dynamic_ncols=True)
        self.bar.set_postfix_str(f"{summary.skipped:,} unchanged, {counted(summary.errors, 'error')}", refresh=False)
        self.bar.update(summary.documents + summary.skipped - self.bar.n)
        if final:
            self.bar.close()
            self.enabled = False


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
    strict: bool = False,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> RunSummary:
    """Extract every release under `paths` into `out`; unchanged releases already there are skipped.

    A release counts as unchanged when its text and metadata equal the stored ones *and* it was written
    by this version of the pipeline, so upgrading the tool re-extracts what it would now extract
    differently; `force=True` re-extracts everything.

    Nothing one release does stops the others: a file that cannot be read, a text over `max_chars`, a
    failure in the pipeline or in writing its rows becomes that release's `documents` row with status
    `error`. `strict=True` stops at the first such row instead (`RunSummary.stopped` says which).
    Raises InputError (bad paths), SinkError (unusable target) or EngineError before anything is written.

    `n_process` > 1 runs that many worker processes, each with its own pipeline; `engine="dask"` runs
    the pipeline on the Dask cluster at `scheduler` (or, without one, on a local cluster of `n_process`
    workers). Rows come back here and go through the same sink.
    """
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    inputs = [str(p) for p in paths]
    records = read_paths(inputs, defaults, max_chars=max_chars)  # InputError here, before the target is touched
    sink: Sink = open_sink(out, lock=True)
    engine_: Engine | None = None
    summary = RunSummary(run_id=uuid.uuid4().hex[:16], target=sink.name)
    progress = Progress(stream, enabled=not quiet, inputs=inputs)
    try:
        # The engine is ready (pipelines loaded) before the first write, so a bad one leaves no trace.
        engine_ = open_engine(engine, n_process=n_process, scheduler=scheduler, nlp=nlp)
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
            for record in records:
                if record.error is None and known.get(record.id) == release_key(document_row(record, None)):
                    summary.skipped += 1
                    continue
                yield record

        results = engine_.process(todo(), run_id=summary.run_id, batch_size=batch_size, max_chars=max_chars)
        with closing(results):
            for group in _groups(results, batch_size):
                if strict:  # nothing after the first release that failed in the pipeline is written
                    failed = next((k for k, rows in enumerate(group) if _has_error(rows)), None)
                    group = group if failed is None else group[: failed + 1]
                for rows in write_releases(sink, group):
                    summary.documents += 1
                    summary.rows += sum(len(v) for k, v in rows.items() if k != "documents")
                    errors = [r["error"] for r in rows["documents"] if r["status"] == "error"]
                    summary.errors += len(errors)
                    progress.update(summary)
                    if strict and errors and summary.stopped is None:
                        summary.stopped = errors[0]
                if summary.stopped is not None:
                    break
        progress.update(summary, final=True)
        summary.seconds = time.monotonic() - progress.start
        run.update(finished=_now(), n_documents=summary.documents, n_rows=summary.rows, n_errors=summary.errors)
        sink.write_run(run)
    finally:
        if engine_ is not None:
            engine_.close()
        sink.close()
    return summary


def _has_error(rows: Rows) -> bool:
    return any(r["status"] == "error" for r in rows["documents"])


def _groups(results: Iterable[Rows], size: int) -> Iterator[list[Rows]]:
    """The engine's rows in groups of `size` releases, each written in one transaction."""
    group: list[Rows] = []
    for rows in results:
        group.append(rows)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


def write_releases(sink: Sink, group: list[Rows]) -> list[Rows]:
    """Write a group of releases at once where the target can (SQL: one transaction); if it refuses the
    group, each release alone, so that one bad release costs only its own rows (`write_release`)."""
    write_many = getattr(sink, "write_documents", None)
    if write_many is not None and len(group) > 1:
        try:
            write_many(group)
            return group
        except SinkError:
            pass
    return [write_release(sink, rows) for rows in group]


def write_release(sink: Sink, rows: Rows) -> Rows:
    """Write one release's rows; if the target refuses them, write its error row instead, and say why.

    Returns the rows that were written. A target that refuses the error row too is broken for every
    release, and its SinkError stops the run.
    """
    try:
        sink.write_document(rows)
        return rows
    except SinkError as err:
        error_rows = empty_rows()
        for doc in rows["documents"]:
            where = doc.get("source") or f"release {doc['doc_id']!r}"
            error_rows["documents"].append(
                {**doc, "status": "error", "text": None, "error": mask_secrets(f"{where}: cannot be stored: {err}")}
            )
        sink.write_document(error_rows)
        return error_rows


def _now() -> dt.datetime:
    """UTC without a zone: every backend stores a naive timestamp the same way."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
