"""Where the pipeline runs: in this process, in a pool of worker processes, or on a Dask cluster.

All three take records and give back rows (`Engine`), so run_batch writes the same tables whichever runs.
"""

from __future__ import annotations

from spacy.language import Language

from extract.engines.base import Engine, EngineError
from extract.engines.rows import check_size, failed, make_doc, process

ENGINES = ("local", "dask")


def open_engine(
    name: str = "local", *, n_process: int = 1, scheduler: str | None = None, nlp: Language | None = None
) -> Engine:
    """The engine for a run, ready (pipelines loaded) before anything is written; EngineError if it cannot be.

    `local` with `n_process` 1 runs here (with `nlp` if given); with more, a pool of that many worker
    processes. `dask` connects to `scheduler`, or starts a local cluster of `n_process` workers.
    """
    if name == "dask":
        from extract.engines.dask import DaskSession

        return DaskSession.connect(scheduler, n_workers=n_process)
    if name != "local":
        raise EngineError(f"unknown engine {name!r}; use one of {', '.join(ENGINES)}")
    if n_process > 1:
        from extract.engines.pool import PoolEngine

        return PoolEngine(n_process)
    from extract.engines.local import InProcessEngine

    return InProcessEngine(nlp)


__all__ = ["ENGINES", "Engine", "EngineError", "check_size", "failed", "make_doc", "open_engine", "process"]
