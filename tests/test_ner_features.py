"""The feature strings our NER model reads (its TAG input): what the rules found at each token."""

from __future__ import annotations

import pytest

import extract
from extract.ner_features import token_features

CASES = [
    (
        "rule-entities-and-a-dropped-gazetteer-city",
        "Greve har fået en ny svømmehal, siger Anne Vestergaard fra Aarhus Universitet.",
        # "Greve" is a CITY only with evidence: the resolver dropped it, so it shows as a raw gazetteer match
        ["gCITY", "O", "O", "O", "O", "O", "O", "O", "B-PERSON|F", "I-PERSON", "O", "B-ORG", "I-ORG", "O"],
    ),
    ("country", "Peter Tækker i Mali.", ["B-PERSON|F", "I-PERSON", "O", "B-COUNTRY", "O"]),
    ("nothing-known", "Det regner i dag.", ["O", "O", "O", "O", "O"]),
]


@pytest.fixture(scope="module")
def rules():
    return extract.load(ner=False)


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_token_features(rules, text, expected) -> None:
    assert token_features(rules(text)) == expected
