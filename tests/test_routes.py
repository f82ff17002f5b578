"""`extract.routes`: a route of known cities ("Aarhus-Aalborg") is split into its cities."""

from __future__ import annotations

import pytest
from spacy.language import Language

ROUTES = [
    # (text, the tokens of the hyphenated word, the CITY entities)
    ("timedrift på strækningen Aarhus-Aalborg i dag", ["Aarhus", "-", "Aalborg"], ["Aarhus", "Aalborg"]),
    ("strækningerne Skanderborg-Herning-Skjern og", ["Skanderborg", "-", "Herning", "-", "Skjern"],
     ["Skanderborg", "Herning", "Skjern"]),
    ("- Esbjerg-Holstebro\n", ["Esbjerg", "-", "Holstebro"], ["Esbjerg", "Holstebro"]),
    ("på strækningen Roskilde–Køge–Næstved og", ["Roskilde", "–", "Køge", "–", "Næstved"],
     ["Roskilde", "Køge", "Næstved"]),  # en dashes
]  # fmt: skip
KEPT_WHOLE = [
    ("Ringkøbing-Skjern Kommune har besluttet", "Ringkøbing-Skjern"),  # one municipality
    ("sagde Hans-Christian Jensen", "Hans-Christian"),  # not cities
    ("på København-Ringsted-banen", "København-Ringsted-banen"),  # a part that is no city
    ("havnen i Sekondi-Takoradi", "Sekondi-Takoradi"),  # one city, though its parts are cities too
]


@pytest.mark.parametrize(("text", "tokens", "cities"), ROUTES)
def test_routes_are_split_into_cities(nlp: Language, text: str, tokens: list[str], cities: list[str]) -> None:
    doc = nlp(text)
    assert doc.text == text
    start = next(i for i, t in enumerate(doc) if t.text == tokens[0])
    assert [t.text for t in doc[start : start + len(tokens)]] == tokens
    assert [e.text for e in doc.ents if e.label_ == "CITY"] == cities


@pytest.mark.parametrize(("text", "token"), KEPT_WHOLE)
def test_names_that_are_not_routes_stay_whole(nlp: Language, text: str, token: str) -> None:
    assert token in [t.text for t in nlp(text)]
