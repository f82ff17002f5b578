"""Subjects found by patterns around a mention, without spaCy (a blank pipeline has no parser)."""

from __future__ import annotations

import pytest

from extract.parse.subjects import (
    AMOUNT_VERBS,
    CHANGE_VERBS,
    COUNT_VERBS,
    label_subject,
    subject_after,
    subject_before,
    verb_subject,
)

# (id, text, the mention that follows the keyword, keywords, expected subject)
BEFORE = [
    (
        "pp-after-head",
        "via det nye regionale stabiliseringsprogram for Syrien og Irak på cirka 332,5 millioner kroner",
        "cirka",
        ("på",),
        "stabiliseringsprogram",
    ),
    ("determiner", "Der er afsat en pulje på 40 mio. kr.", "40", ("på",), "pulje"),
    (
        "pp-with-name",
        "et kapacitetsopbygningsbidrag i Irak på op til ca. 150 soldater",
        "op til",
        ("på",),
        "kapacitetsopbygningsbidrag",
    ),
    (
        "participle",
        "et styrkebidrag omfattende specialoperationsstyrker på op til ca. 60 personer",
        "op til",
        ("på",),
        "styrkebidrag",
    ),
    ("no-determiner", "Regeringen giver tilskud på 40 mio. kr.", "40", ("på",), "tilskud"),
    ("filler-i-alt", "Det samlede beløb på i alt 40 mio. kr.", "40", ("på",), "beløb"),
    ("pp-til", "en pulje til grøn omstilling på 40 mio. kr.", "40", ("på",), "pulje"),
    ("sentence-initial", "Bidraget på 30 personer", "30", ("på",), "Bidraget"),
    ("determiner-inside-pp", "et sæsonkort til alle koncerter for kr. 1.500,-", "kr.", ("for",), "sæsonkort"),
    ("tale-om", "Der er tale om en hjælpepakke på 2,5 mia. kr.", "2,5", ("på",), "hjælpepakke"),
    ("af", "Pakken har en samlet værdi af ca. 4,4 mia. kr.", "ca.", ("af",), "værdi"),
    ("no-keyword", "samt op til ca. 20 stabsofficerer", "op til", ("på",), None),
    ("name-is-no-subject", "Danmark er på 30 personer", "30", ("på",), None),
]


@pytest.mark.parametrize(
    ("text", "mention", "keywords", "expected"), [b[1:] for b in BEFORE], ids=[b[0] for b in BEFORE]
)
def test_subject_before(text: str, mention: str, keywords: tuple[str, ...], expected: str | None) -> None:
    assert subject_before(text, text.index(mention), keywords=keywords) == expected


ANCHORED = [
    ("Der oprettes et rejsehold med seks medarbejdere.", "rejsehold"),
    ("Virksomheder med op til 250 ansatte kan søge.", "Virksomheder"),
    ("EU har bidraget med 50 mio. euro.", None),
    ("Vi har fået kontakt med over 70 unge.", None),
]


@pytest.mark.parametrize(("text", "expected"), ANCHORED, ids=[t.split(" med")[0] for t, _ in ANCHORED])
def test_anchored_med(text: str, expected: str | None) -> None:
    start = text.index(" med ") + len(" med ")
    assert subject_before(text, start, keywords=("med",), anchored=True) == expected


AFTER = [
    ("Regeringen afsætter 2 mia. kr. til sygehuse.", ("til",), "sygehuse"),
    ("Der gives 2 mia. kr. til nye sygehuse i Region Syd", ("til",), "sygehuse"),
    ("Der gives 2 mia. kr. til de regionale sygehuse og plejehjem", ("til",), "sygehuse"),
    ("Der gives 2 mia. kr. til fordel for børnefamilier", ("til",), "børnefamilier"),
    ("Der gives 2-3 mia. kr. frem til 2030 til opkøb af jord", ("til",), "opkøb"),
    ("Der gives 2 mia. kr. til at styrke beredskabet", ("til",), None),
    ("Der gives 2 mia. kr. til januar", ("til",), None),
    ("Der gives 2 mia. kr. til Ukraine", ("til",), None),
    ("Regionen investerer 415 mio. kr. i nyt akuthus", ("i",), "akuthus"),
    ("Der er afsat 40 mio. kr. pr. kommune", ("pr",), "kommune"),
    ("Der gives 2 mia. kr. i de kommende år", ("i",), None),
]


@pytest.mark.parametrize(("text", "keywords", "expected"), AFTER, ids=[t.split("kr. ")[1] for t, _, _ in AFTER])
def test_subject_after(text: str, keywords: tuple[str, ...], expected: str | None) -> None:
    end = text.index("kr.") + len("kr.")
    assert subject_after(text, end, keywords=keywords) == expected


VERB = [
    ("ledigheden faldt med 2,7 procent", CHANGE_VERBS, "ledigheden"),
    ("Ledigheden er steget med 2,7 procent", CHANGE_VERBS, "Ledigheden"),
    ("ledigheden ligger nu på 2,7 procent", CHANGE_VERBS, "ledigheden"),
    ("antallet ventes at stige med 2,7 procent", CHANGE_VERBS, "antallet"),
    ("Andelen af borgere med type 2-diabetes er 2,7 procent", CHANGE_VERBS, "Andelen"),
    ("Det er 2,7 procent", CHANGE_VERBS, None),
    ("inflationen topper i efteråret og falder til 2,7 procent", CHANGE_VERBS, None),
    ("Byggeriet koster 2,7 mia. kr.", AMOUNT_VERBS, "Byggeriet"),
    ("forbindelsen, der forventes at koste 2,7 mia. kr.", AMOUNT_VERBS, "forbindelsen"),
    ("Rejseholdet finansieres med 2,7 mio. kr.", AMOUNT_VERBS, "Rejseholdet"),
    ("Kampgruppen i Estland tæller i alt 2,7 tusind soldater", COUNT_VERBS, "Kampgruppen"),
]


@pytest.mark.parametrize(("text", "verbs", "expected"), VERB, ids=[t for t, _, _ in VERB])
def test_verb_subject(text: str, verbs: frozenset[str], expected: str | None) -> None:
    assert verb_subject(text, text.index("2,7"), verbs) == expected


LABELS = [
    ("Fakta\n- Inflation: 7,7 pct. i 2022", "Inflation"),
    ("Hovedtal\n- BNP-vækst: 7,7 pct.", "BNP-vækst"),
    ("Kontakt: 7,7 pct.", "Kontakt"),
    ("Det er en stigning på: 7,7 pct.", None),
]


@pytest.mark.parametrize(("text", "expected"), LABELS, ids=[t.split(":")[0].split()[-1] for t, _ in LABELS])
def test_label_subject(text: str, expected: str | None) -> None:
    assert label_subject(text, text.index("7,7")) == expected
