"""What every engine offers run_batch: rows for records, then close; and the error an engine raises."""

from __future__ import annotations

from collections.abc import Generator, Iterable
from typing import Protocol

from extract.readers import Record
from extract.tables import Rows


class EngineError(RuntimeError):
    """The engine cannot run: dask is not installed, the scheduler is unreachable, workers lack the pipeline."""


class Engine(Protocol):
    """Runs the pipeline over records and gives back their rows (never Docs), one Rows per record."""

    def process(
        self, records: Iterable[Record], *, run_id: str | None, batch_size: int, max_chars: int
    ) -> Generator[Rows, None, None]: ...

    def close(self) -> None: ...
