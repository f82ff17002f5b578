"""The pipeline in this process: the default, and the one with the least overhead for small runs."""

from __future__ import annotations

from collections.abc import Generator, Iterable

from spacy.language import Language

from extract.engines.rows import process
from extract.readers import Record
from extract.tables import Rows


class InProcessEngine:
    """One pipeline, loaded here (or given), over every record."""

    def __init__(self, nlp: Language | None = None) -> None:
        if nlp is None:
            from extract.pipeline import load

            nlp = load()
        self.nlp = nlp

    def process(
        self, records: Iterable[Record], *, run_id: str | None, batch_size: int, max_chars: int
    ) -> Generator[Rows, None, None]:
        return process(self.nlp, records, batch_size=batch_size, run_id=run_id, max_chars=max_chars)

    def close(self) -> None:
        pass
