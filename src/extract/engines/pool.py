"""N worker processes on this machine, each with its own pipeline, sending back rows (small), not Docs.

spaCy's `nlp.pipe(n_process=N)` pickles every Doc back to the parent, which costs about what the workers
save. Here each worker loads the pipeline once (a process initializer) and returns the rows of a chunk
of records; the parent only reads inputs and writes rows. Chunks come back in input order, with at most
two per worker in flight, so memory stays flat on any corpus.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections import deque
from collections.abc import Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from spacy.language import Language

from extract.engines.base import EngineError
from extract.engines.rows import chunks, describe, error_rows, process
from extract.readers import Record
from extract.tables import Rows

_NLP: Language | None = None


def _load_pipeline() -> None:
    global _NLP
    from extract.pipeline import load

    _NLP = load()
    # A worker has nothing to flush when the pool closes: exit at once instead of tearing down the
    # pipeline's objects one by one (half a second a worker, waited for by `close`).
    atexit.register(os._exit, 0)


def _extract_chunk(records: list[Record], run_id: str | None, batch_size: int, max_chars: int) -> list[Rows]:
    if _NLP is None:  # pragma: no cover - the initializer always ran
        raise RuntimeError("the worker has no pipeline")
    return list(process(_NLP, records, batch_size=batch_size, run_id=run_id, max_chars=max_chars))


class PoolEngine:
    """A pool of `n_workers` processes; started (and their pipelines loaded) before the first write."""

    def __init__(self, n_workers: int) -> None:
        if n_workers < 2:
            raise EngineError("a pool needs at least 2 workers; use the in-process engine for 1")
        self.n_workers = n_workers
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # spawn, not fork: the parent holds database connections and maybe threads, which a fork copies.
        context = multiprocessing.get_context("spawn")
        executor = ProcessPoolExecutor(self.n_workers, mp_context=context, initializer=_load_pipeline)
        try:
            for future in [executor.submit(_extract_chunk, [], "", 1, 1) for _ in range(self.n_workers)]:
                future.result()
        except Exception as err:
            executor.shutdown(cancel_futures=True)
            raise EngineError(f"the worker processes cannot load the pipeline: {err}") from None
        return executor

    def process(
        self, records: Iterable[Record], *, run_id: str | None, batch_size: int, max_chars: int
    ) -> Generator[Rows, None, None]:
        pending = chunks(records, batch_size)
        running: deque[tuple[list[Record], Future[list[Rows]]]] = deque()

        def submit() -> bool:
            chunk = next(pending, None)
            if chunk is None:
                return False
            running.append((chunk, self.executor.submit(_extract_chunk, chunk, run_id, batch_size, max_chars)))
            return True

        for _ in range(2 * self.n_workers):
            if not submit():
                break
        while running:
            chunk, future = running.popleft()
            try:
                result = future.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory, a crash in native code): this chunk's releases become
                # error rows, the pool starts again, and the chunks that were in flight are sent again.
                result = [error_rows(r, "the worker process extracting it died", run_id) for r in chunk]
                self.executor.shutdown(cancel_futures=True)
                self.executor = self._start()
                resend = [c for c, _ in running]
                running.clear()
                for c in resend:
                    running.append((c, self.executor.submit(_extract_chunk, c, run_id, batch_size, max_chars)))
            except Exception as err:  # noqa: BLE001 - the chunk's releases become error rows
                result = [error_rows(r, f"extraction failed: {describe(err)}", run_id) for r in chunk]
            yield from result
            submit()

    def close(self) -> None:
        self.executor.shutdown(cancel_futures=True)
