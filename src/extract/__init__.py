"""pressextract: Danish press releases to typed tables.

>>> import extract
>>> tables = extract.extract([{"text": "Statsminister Mette Frederiksen besøgte i dag Aarhus.",
...                            "published": "2024-05-02"}])
>>> tables.ministers[["name", "title", "country"]].values.tolist()
[['Mette Frederiksen', 'statsminister', 'DK']]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from spacy.language import Language

__version__ = "0.1.0"

from extract.pipeline import load  # noqa: E402

if TYPE_CHECKING:
    from extract.readers import Record
    from extract.tables import Tables

__all__ = ["Record", "Tables", "extract", "load", "__version__"]


def __getattr__(name: str) -> Any:
    """`extract.Tables` and `extract.Record` on first use: the tables need pandas, which takes a good
    part of a second to import and is not needed to load or run the pipeline."""
    if name == "Tables":
        from extract.tables import Tables

        return Tables
    if name == "Record":
        from extract.readers import Record

        return Record
    raise AttributeError(f"module 'extract' has no attribute {name!r}")


def extract(
    records: Iterable[str | dict[str, Any] | Record],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
    n_process: int = 1,
) -> Tables:
    """Run the pipeline over texts or records (`{"id", "text", "published", ...}`) and return the tables.

    `n_process` > 1 runs that many worker processes with the default pipeline (or, with your own `nlp`,
    spaCy's `nlp.pipe(n_process=...)`).
    """
    from extract.engines import open_engine, process
    from extract.readers import DEFAULT_MAX_CHARS, to_records, unique_ids
    from extract.tables import Tables, empty_rows, merge_rows

    todo = unique_ids(to_records(records))
    rows = empty_rows()
    if n_process > 1 and nlp is None:
        engine = open_engine("local", n_process=n_process)
        try:
            for more in engine.process(todo, run_id=None, batch_size=batch_size, max_chars=DEFAULT_MAX_CHARS):
                merge_rows(rows, more)
        finally:
            engine.close()
    else:
        for more in process(nlp or load(), todo, batch_size=batch_size, n_process=n_process):
            merge_rows(rows, more)
    return Tables.from_rows(rows)
