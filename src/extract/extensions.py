"""Custom attributes shared by our components.

Values are plain JSON types (str, float, bool, None) so that Docs survive `Doc.to_bytes`, which is how
`nlp.pipe(n_process=N)` moves them between processes.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

DOC_EXTENSIONS = ("doc_id", "published")
# One extension per value table, so spans of different tables with equal offsets never collide.
SPAN_EXTENSIONS = ("amount", "quantity", "date")


def register_extensions() -> None:
    """Idempotently register `Doc._.doc_id`, `Doc._.published` (ISO date or None) and the span values."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


register_extensions()
