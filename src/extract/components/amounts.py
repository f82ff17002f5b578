"""spaCy component: amounts of money -> `doc.spans["amounts"]` with `span._.amount`.

Detection and values come from the pure functions of `extract.parse.money` (one regex pass over the
text); this module only maps their character offsets onto tokens and finds the subject. Values are plain
JSON types so that they survive `Doc.to_bytes` (and therefore `nlp.pipe(n_process=N)`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from spacy.lang.da import Danish
from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.extensions import doc_memo, doc_text, register_extensions, token_starts
from extract.parse.money import Money, find_money, index_numbers
from extract.parse.subjects import amount_subject

__all__ = ["AmountFinder", "make_amounts"]

LABEL = "AMOUNT"


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


class AmountFinder:
    """Find money ("cirka 332,5 millioner kroner", "kr. 1.500,-", "mellem 2 og 3 mia. kr.") in a Doc."""

    def __init__(self, name: str = "amounts", *, spans_key: str = "amounts", implicit_currency: str | None = "DKK"):
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.implicit_currency = implicit_currency

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        spans: list[Span] = []
        index = doc_memo(doc, "numbers", lambda: index_numbers(text, token_starts(doc)))
        for money in find_money(text, implicit_currency=self.implicit_currency, index=index):
            span = doc.char_span(money.start, money.end, label=LABEL, alignment_mode="expand")
            if span is None or (spans and span.start < spans[-1].end):
                continue  # never overlapping spans, even after widening to token boundaries
            span._.amount = self.value(money, text)
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    @staticmethod
    def value(money: Money, text: str) -> dict[str, Any]:
        """The `span._.amount` dict: floats in currency units, bounds, and the subject the money is for
        (the lemma of its head noun, by the rules of `extract.parse.subjects.AMOUNT_RULES`, or None)."""
        subject = amount_subject(text, money.start, money.end)
        return {
            "value": _float(money.value),
            "currency": money.currency,
            "lower": _float(money.lower),
            "upper": _float(money.upper),
            "approximate": money.approximate,
            "subject": None if subject is None else subject.lemma,
        }


@Danish.factory(
    "extract/amounts",
    assigns=["doc.spans"],
    default_config={"spans_key": "amounts", "implicit_currency": "DKK"},
)
def make_amounts(nlp: Language, name: str, spans_key: str, implicit_currency: str | None) -> AmountFinder:
    """Factory for `nlp.add_pipe("extract/amounts")`; `implicit_currency` null turns off "får 3 millioner"."""
    return AmountFinder(name, spans_key=spans_key, implicit_currency=implicit_currency)
