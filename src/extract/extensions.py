"""Custom attributes shared by our components.

Values are plain JSON types (str, float, bool, None) so that Docs survive `Doc.to_bytes`, which is how
`nlp.pipe(n_process=N)` moves them between processes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from spacy.attrs import IDX
from spacy.tokens import Doc, Span

# doc_id, published (ISO date or None), and ent_extra: for each entity, keyed "start:end" by its
# character offsets, {"end_char": end of the name without a genitive ending, "country": ISO code or None}.
DOC_EXTENSIONS = ("doc_id", "published", "ent_extra")
# One extension per value table, so spans of different tables with equal offsets never collide;
# minister_link: {person_id, linked_by, conflict} on ministers spans (extract/link_ministers).
SPAN_EXTENSIONS = ("amount", "quantity", "date", "minister_link")


def register_extensions() -> None:
    """Idempotently register the Doc and Span extensions above (all default to None)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


register_extensions()


# A Doc's text never changes, but `doc.text` joins every token again on each access: read once per Doc.
_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc and shared by the components (kept only while the Doc lives)."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


T = TypeVar("T")
_MEMOS: WeakKeyDictionary[Doc, dict[str, Any]] = WeakKeyDictionary()


def doc_memo(doc: Doc, key: str, compute: Callable[[], T]) -> T:
    """A value computed once per Doc and shared by the components that need it (freed with the Doc)."""
    memo = _MEMOS.get(doc)
    if memo is None:
        memo = _MEMOS[doc] = {}
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[no-any-return]


def token_starts(doc: Doc) -> list[int]:
    """The character offset of each token, ascending (one array read, no Python loop over tokens)."""
    return doc.to_array(IDX).tolist()  # type: ignore[no-any-return]


def remember_text(doc: Doc, text: str) -> Doc:
    """Tell `doc_text` the text a Doc was made from, so no component joins its tokens again.

    spaCy's tokenizer keeps every character (tokens plus their trailing whitespace are the input), so
    the input is the Doc's text; the lengths are compared as a cheap guard.
    """
    if len(doc) == 0 or doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        _TEXTS[doc] = text
    return doc
