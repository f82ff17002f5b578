"""The date families of `extract.parse.date_families` found by `extract/dates` inside sentences we wrote.

A sample of each family of `tests/data/date_expressions.jsonl` in running text: the span (with its lead
word, if any) and the values, published Tuesday 2024-02-13 like the table.
"""

from __future__ import annotations

import re

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

import extract.components.dates  # noqa: F401  (registers the factory)
from extract.components import dates as dates_module
from extract.parse.scan import scan

PUBLISHED = "2024-02-13"  # a Tuesday


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("da")
    nlp.add_pipe("extract/dates")
    return nlp


def run(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    doc._.published = PUBLISHED
    return nlp(doc)


def found(doc: Doc) -> list[tuple[str, str | None, str | None, str]]:
    return [(s.text, s._.date["start"], s._.date["end"], s._.date["granularity"]) for s in doc.spans["dates"]]


def sentence(family: str, text: str, span: str, start: str | None, end: str | None, granularity: str):
    return pytest.param(text, [(span, start, end, granularity)], id=f"{family}: {span}")


IN_SENTENCES = [
    sentence(
        "in_month",
        "Konferencen holdes anden torsdag i maj i Odense.",
        "anden torsdag i maj",
        "2024-05-09",
        "2024-05-09",
        "day",
    ),
    sentence(
        "in_month",
        "Fristen var den sidste fredag i november 2019.",
        "den sidste fredag i november 2019",
        "2019-11-29",
        "2019-11-29",
        "day",
    ),
    sentence(
        "in_month",
        "Regnskabet skal afleveres sidste dag i februar 2024.",
        "sidste dag i februar 2024",
        "2024-02-29",
        "2024-02-29",
        "day",
    ),
    sentence(
        "in_month",
        "Indsatsen begynder i den sidste uge af juni.",
        "i den sidste uge af juni",
        "2024-06-24",
        "2024-06-30",
        "week",
    ),
    sentence(
        "in_deictic_year",
        "I maj i år var der knap 12.000 ansøgninger.",
        "I maj i år",
        "2024-05-01",
        "2024-05-31",
        "month",
    ),
    sentence(
        "in_deictic_year",
        "Aftalen blev indgået den 3. juni sidste år.",
        "den 3. juni sidste år",
        "2023-06-03",
        "2023-06-03",
        "day",
    ),
    sentence("in_deictic_year", "Vi ses i uge 5 næste år.", "i uge 5 næste år", "2025-01-27", "2025-02-02", "week"),
    sentence(
        "in_deictic_year",
        "Danmark gav 10 mio. kr. i marts måned i år.",
        "i marts måned i år",
        "2024-03-01",
        "2024-03-31",
        "month",
    ),
    sentence("new_year", "Programmet fortsætter i det nye år.", "i det nye år", "2024-01-01", "2024-12-31", "year"),
    sentence(
        "months_in_deictic_year",
        "Holdet var udsendt i de tre måneder fra februar til maj i år.",
        "fra februar til maj i år",
        "2024-02-01",
        "2024-05-31",
        "month",
    ),
    sentence(
        "months_in_deictic_year",
        "Øvelsen kørte marts-maj sidste år.",
        "marts-maj sidste år",
        "2023-03-01",
        "2023-05-31",
        "month",
    ),
    sentence("offset", "Ministeren vender tilbage om to uger.", "om to uger", "2024-02-27", "2024-02-27", "day"),
    sentence(
        "offset",
        "Aftalen blev indgået for tre måneder siden.",
        "for tre måneder siden",
        "2023-11-13",
        "2023-11-13",
        "day",
    ),
    sentence("offset", "Det er nu halvandet år siden.", "halvandet år siden", "2022-08-13", "2022-08-13", "day"),
    sentence("offset", "Ugen efter mødtes parterne igen.", "Ugen efter", "2024-02-19", "2024-02-25", "week"),
    sentence("offset", "Vi evaluerer ordningen om et halvt år.", "om et halvt år", "2024-08-13", "2024-08-13", "day"),
    sentence(
        "deictic_period",
        "Omsætningen steg i indeværende kvartal.",
        "i indeværende kvartal",
        "2024-01-01",
        "2024-03-31",
        "quarter",
    ),
    sentence(
        "deictic_period",
        "Resultatet for forrige kvartal var positivt.",
        "forrige kvartal",
        "2023-10-01",
        "2023-12-31",
        "quarter",
    ),
    sentence(
        "deictic_period",
        "Sidste halvår blev der solgt flere biler.",
        "Sidste halvår",
        "2023-07-01",
        "2023-12-31",
        "half",
    ),
    sentence(
        "deictic_period",
        "Tallene for denne måned viser en stigning.",
        "denne måned",
        "2024-02-01",
        "2024-02-29",
        "month",
    ),
    sentence(
        "ordinal_day", "Loven træder i kraft den femte juni.", "den femte juni", "2024-06-05", "2024-06-05", "day"
    ),
    sentence(
        "ordinal_day",
        "Festen blev holdt den tyvende august 2020.",
        "den tyvende august 2020",
        "2020-08-20",
        "2020-08-20",
        "day",
    ),
    sentence("numeric_day", "Ansøgningsfrist: 28/09", "28/09", "2023-09-28", "2023-09-28", "day"),
    sentence("numeric_day", "Mødet er rykket til den 7-11.", "den 7-11", "2023-11-07", "2023-11-07", "day"),
    sentence("numeric_day", "Referatet af 3.5.23 er vedlagt.", "3.5.23", "2023-05-03", "2023-05-03", "day"),
    sentence("numeric_day", "Udgivet 2019-7-4 af styrelsen.", "2019-7-4", "2019-07-04", "2019-07-04", "day"),
    sentence("numeric_day", "Skrevet 3maj 2022 af sekretariatet.", "3maj 2022", "2022-05-03", "2022-05-03", "day"),
    sentence("numeric_day", "Kontrakten er dateret 24-12-98.", "24-12-98", "1998-12-24", "1998-12-24", "day"),
    sentence(
        "weekday_abbreviation", "Åbent hus man. 3. juni i Vejle.", "man. 3. juni", "2024-06-03", "2024-06-03", "day"
    ),
    sentence("weekday_abbreviation", "Træning tirs 4/6 i hallen.", "tirs 4/6", "2024-06-04", "2024-06-04", "day"),
    sentence(
        "weekday_abbreviation",
        "Koncert lør. d. 9. marts i kirken.",
        "lør. d. 9. marts",
        "2024-03-09",
        "2024-03-09",
        "day",
    ),
    sentence("holiday", "Butikken holder lukket i påsken 2024.", "i påsken 2024", "2024-03-28", "2024-04-01", "day"),
    sentence("holiday", "Kontoret er lukket skærtorsdag.", "skærtorsdag", "2024-03-28", "2024-03-28", "day"),
    sentence(
        "holiday",
        "Sagen afgøres inden Kristi himmelfartsdag.",
        "inden Kristi himmelfartsdag",
        None,
        "2024-05-08",
        "day",
    ),
    sentence("holiday", "Til jul får alle medarbejdere en gave.", "Til jul", "2024-12-24", "2024-12-26", "day"),
    sentence("holiday", "Grundlovsdag holder vi fri.", "Grundlovsdag", "2024-06-05", "2024-06-05", "day"),
    sentence(
        "season_half",
        "Byggeriet går i gang i efteråret 2024.",
        "i efteråret 2024",
        "2024-09-01",
        "2024-11-30",
        "season",
    ),
    sentence(
        "season_half",
        "Ordningen gælder for skoleåret 2024/25.",
        "for skoleåret 2024/25",
        "2024-08-01",
        "2025-07-31",
        "year",
    ),
    sentence(
        "season_half",
        "Salget faldt i sidste kvartal 2024.",
        "i sidste kvartal 2024",
        "2024-10-01",
        "2024-12-31",
        "quarter",
    ),
]


@pytest.mark.parametrize(("text", "expected"), IN_SENTENCES)
def test_family_found_in_a_sentence(nlp: Language, text: str, expected) -> None:
    assert found(run(nlp, text)) == expected


NOT_FOUND = [
    "Vi vil fortsætte samarbejdet i de kommende år.",
    "Adressen er Slotsholmsgade 10-12, København.",
    "Det er to år siden valget blev udskrevet.",
    "I ugen efter valget var der ro.",
    "Projektet blev tre måneder tidligere end planlagt færdigt.",
    "Appen findes nu i version 2.4.12.",
    "Man kan ikke vide det.",
    "Vi har åbent 24/7.",
    "Der kom 7-11 deltagere.",
    # counted from another event of the text, not from the publication date
    "Han blev løsladt tre dage efter.",
    "Fem år efter, de har fået konstateret sygdommen, er de i live.",
    "Det var 39 pct., mens det to år tidligere var 28 pct.",
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_not_a_family_mention(nlp: Language, text: str) -> None:
    assert found(run(nlp, text)) == []


# The family finder is tried only where `_MENTION_START` allows; that must find what a full scan finds.
_SALAD = [
    *"om for to tre et halvt halvandet år uger dage måneder siden efter før senere tidligere ugen dagen".split(),
    *"anden sidste første femte tyvende torsdag i af maj juni uge dag indeværende forrige kvartal halvår".split(),
    *"påsken skærtorsdag Kristi himmelfartsdag pinsen til jul man. tirs lør. d. den 3. 9. 4/6 28/09 7-11".split(),
    *"3.5.23 24-12-98 2019-7-4 3maj 2022 2024/25 skoleåret version mødtes valget , . \n".split(" "),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SALAD), max_size=30), st.sampled_from([" ", "  ", "\u00a0"]))
def test_start_positions_find_what_a_full_scan_finds(words: list[str], sep: str) -> None:
    text = sep.join(words)
    starts = [m.start() for m in dates_module._MENTION_START.finditer(text)]
    family_finder = re.compile(dates_module._FINDERS[-1].pattern, re.IGNORECASE)
    assert [m.span() for m in scan(family_finder, text, starts)] == [m.span() for m in family_finder.finditer(text)], (
        text
    )
