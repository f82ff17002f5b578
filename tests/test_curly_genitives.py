"""`extract.curly_genitives`: "USA’s" is one token, as "USA's" is; other typographic apostrophes stay apart."""

from __future__ import annotations

import pytest
from spacy.language import Language

CASES = [
    ("USA’s udenrigsminister", ["USA’s", "udenrigsminister"]),
    ("NATO’s topmøde", ["NATO’s", "topmøde"]),
    ("udspillet ’Tættere på’ i dag", ["udspillet", "’", "Tættere", "på", "’", "i", "dag"]),
    ("Det er ’s’ og ’t’", ["Det", "er", "’", "s", "’", "og", "’", "t", "’"]),  # quotes, no genitive
]


@pytest.mark.parametrize(("text", "tokens"), CASES, ids=[c[0] for c in CASES])
def test_tokens(nlp: Language, text: str, tokens: list[str]) -> None:
    assert [t.text for t in nlp.make_doc(text)] == tokens
