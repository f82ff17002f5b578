"""Assemble the pressextract pipeline: `spacy.blank("da")` plus our components, from one list."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from extract.curly_genitives import merge_curly_genitives
from extract.extensions import remember_text  # (importing it registers the Doc/Span extensions)
from extract.routes import split_city_routes

# (factory, config) in pipeline order. A factory's module is imported before use so the pipeline also
# works from a source checkout whose entry points are not installed.
COMPONENTS: list[tuple[str, dict[str, Any]]] = [
    ("extract/gazetteer", {}),
    ("extract/ministers", {}),
    ("extract/link_ministers", {}),
    ("extract/entities", {}),
    ("extract/model_ner", {}),
    ("extract/combine", {}),
    ("extract/amounts", {}),
    ("extract/quantities", {}),
    ("extract/dates", {}),
]
# Our trained NER model and the step that merges its entities with the rules' ones; `load(ner=False)` leaves
# them out (the rules-only fast path).
MODEL_COMPONENTS = frozenset({"extract/model_ner", "extract/combine"})
# Company suffixes the blank tokenizer splits at a sentence end ("A/S." -> "A", "/", "S.").
TOKENIZER_SPECIAL_CASES = {
    "A/S.": [{ORTH: "A/S"}, {ORTH: "."}],
    "ApS.": [{ORTH: "ApS"}, {ORTH: "."}],
    "I/S.": [{ORTH: "I/S"}, {ORTH: "."}],
    "P/S.": [{ORTH: "P/S"}, {ORTH: "."}],
    "K/S": [{ORTH: "K/S"}],
    "K/S.": [{ORTH: "K/S"}, {ORTH: "."}],
    "a.m.b.a.": [{ORTH: "a.m.b.a."}],
}


# spaCy refuses texts over 1,000,000 characters by default, a guard against parsers and NER models
# whose memory grows with the text. Our components are linear in the text, so the pipeline takes long
# releases; the batch decides which size is too large for one release.
MAX_LENGTH = 10_000_000

# Listing pages glue a date to the headline: "…i Oslo4.6.2024 10:15:02 CEST" -> "Oslo", "4.6.2024".
GLUED_DATE_INFIX = r"(?<=[A-Za-zÆØÅæøå])(?=\d{1,2}\.\d{1,2}\.\d{2,4}\b)"


class RememberingTokenizer:
    """The Danish tokenizer, telling `extract.extensions.doc_text` each Doc's text as it makes the Doc.

    Why: spaCy joins every token again on each `doc.text`; once per Doc cost half as much as tokenising.
    Everything else (serialisation, special cases, `explain`) is the wrapped tokenizer's.
    """

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        return remember_text(merge_curly_genitives(split_city_routes(self.tokenizer(text), text), text), text)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)


def _factory_module(factory: str) -> str:
    return "extract.components." + factory.split("/", 1)[1]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Building the pipeline makes some 100,000 small objects (the gazetteer's tables) that live as long
    as it does; the cyclic garbage collector would scan them again at every generation threshold, which
    was half of the load time. Paused while building, as it was before if it was on; and the objects built
    are then frozen (`gc.freeze`: left out of later collections, still freed by reference counting when the
    pipeline goes), which spared the first release 0.2 s (lemmy's rules are loaded then) and the rules
    pipeline 8 % of its time on the corpus."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def load(ner: bool = False) -> Language:
    """Build the pipeline. Round-trips through `nlp.to_disk(path)` / `spacy.load(path)`.

    `ner=False` (the default) gives the rules only: faster, every entity carries a cue or a gazetteer
    entry, and on press releases more precise than with the model; `ner=True` adds our NER model
    (extract/model_ner) and the step that merges its names with the rules' (extract/combine).
    """
    with _collector_paused():
        return _build(ner)


def _build(ner: bool) -> Language:
    nlp = spacy.blank("da")
    nlp.max_length = MAX_LENGTH
    tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]
    for text, tokens in TOKENIZER_SPECIAL_CASES.items():
        tokenizer.add_special_case(text, tokens)
    infixes = [*(nlp.Defaults.infixes or []), GLUED_DATE_INFIX]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.tokenizer = RememberingTokenizer(tokenizer)  # type: ignore[assignment]
    for factory, config in COMPONENTS:
        if not ner and factory in MODEL_COMPONENTS:
            continue
        importlib.import_module(_factory_module(factory))
        nlp.add_pipe(factory, name=factory.split("/", 1)[1], config=config)
    return nlp
