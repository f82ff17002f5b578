"""Run the pipeline on a Dask distributed cluster, for corpora too large for one machine.

The client reads the releases and skips unchanged ones exactly as a local run does, sends the rest to the
workers in chunks, and writes the rows that come back through the same sink, one transaction per release:
the tables are those of a local run. Each worker loads the pipeline once, through a worker plugin, and
keeps it for every chunk it gets. Workers need pressextract installed, at the client's version.
"""

from __future__ import annotations

import threading
from collections.abc import Generator, Iterable
from typing import Any, cast

from spacy.language import Language

from extract import __version__
from extract.engines.base import EngineError
from extract.engines.rows import chunks, describe, error_rows, process
from extract.readers import DEFAULT_MAX_CHARS, Record
from extract.tables import Rows

PLUGIN_NAME = "pressextract-pipeline"
CONNECT_TIMEOUT = "20s"

try:
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - the engine says what to install when used
    WorkerPlugin = object  # type: ignore[assignment,misc]


class PipelinePlugin(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads one pipeline per worker when the worker starts or joins, instead of once per task."""

    name = PLUGIN_NAME

    def __init__(self) -> None:
        self.client_version = __version__
        self.nlp: Language | None = None
        self.lock: threading.Lock | None = None

    def setup(self, worker: Any) -> None:
        from extract import __version__ as worker_version
        from extract.pipeline import load

        if worker_version != self.client_version:
            raise RuntimeError(f"worker has pressextract {worker_version}, the client {self.client_version}")
        self.nlp = load()
        # A worker with several threads shares this pipeline; spaCy components are not made for
        # concurrent calls, and the GIL would gain nothing from them.
        self.lock = threading.Lock()


def extract_chunk(
    records: list[Record], run_id: str | None, batch_size: int, max_chars: int = DEFAULT_MAX_CHARS
) -> list[Rows]:
    """The task a worker runs: rows for a chunk of releases, from the worker's own pipeline."""
    from distributed import get_worker

    plugin = cast(PipelinePlugin, get_worker().plugins[PLUGIN_NAME])
    if plugin.nlp is None or plugin.lock is None:
        raise RuntimeError("the pipeline plugin was not set up on this worker")
    with plugin.lock:
        return list(process(plugin.nlp, records, batch_size=batch_size, run_id=run_id, max_chars=max_chars))


class DaskSession:
    """A client connected to a cluster whose workers hold the pipeline; connect before writing anything."""

    def __init__(self, client: Any, cluster: Any = None) -> None:
        self.client = client
        self.cluster = cluster

    @classmethod
    def connect(cls, scheduler: str | None, n_workers: int = 1) -> DaskSession:
        """Connect to `scheduler` (a local cluster of `n_workers` when None) and load the pipeline on each worker."""
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise EngineError("--engine dask needs dask[distributed]: pip install 'pressextract[dask]'") from None
        cluster = None
        try:
            if scheduler:
                client = Client(scheduler, timeout=CONNECT_TIMEOUT)
            else:
                cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, dashboard_address=None)
                client = Client(cluster)
        except (OSError, TimeoutError, ValueError) as err:
            if cluster is not None:
                cluster.close()
            where = scheduler or "a local cluster"
            raise EngineError(f"cannot reach the Dask scheduler at {where}: {err}") from None
        session = cls(client, cluster)
        try:
            if not client.nthreads():
                raise EngineError(f"the Dask cluster at {scheduler} has no workers")
            try:
                client.register_plugin(PipelinePlugin())
            except Exception as err:  # the worker's own error, whatever its type
                raise EngineError(f"the Dask workers cannot load the pipeline: {err}") from None
        except BaseException:
            session.close()
            raise
        return session

    def process(
        self,
        records: Iterable[Record],
        *,
        run_id: str | None,
        batch_size: int = 16,
        chunk_size: int | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
    ) -> Generator[Rows, None, None]:
        """Rows per release, in the order the chunks finish.

        At most two chunks per worker thread are in flight, so a large corpus is never all in memory. A
        chunk whose task fails (a worker lost, say) becomes an error row for each of its releases.
        """
        from distributed import as_completed

        threads = sum(self.client.nthreads().values()) or 1
        pending = chunks(records, chunk_size or batch_size)
        running = as_completed()

        sent: dict[str, list[Record]] = {}

        def submit_next() -> None:
            chunk = next(pending, None)
            if chunk is not None:
                future = self.client.submit(extract_chunk, chunk, run_id, batch_size, max_chars, pure=False)
                sent[future.key] = chunk
                running.add(future)

        for _ in range(2 * threads):
            submit_next()
        for future in running:
            chunk = sent.pop(future.key)
            try:
                result: list[Rows] = future.result()
            except Exception as err:  # noqa: BLE001 - the chunk's releases become error rows
                result = [error_rows(r, f"the Dask task failed: {describe(err)}", run_id) for r in chunk]
            future.release()
            submit_next()
            yield from result

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
