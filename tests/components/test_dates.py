"""The `extract/dates` component: spans on real token boundaries, values resolved in context."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_suffix_regex

import extract.components.dates  # noqa: F401  (registers the factory)
from extract.components import dates as dates_module
from extract.parse.scan import scan, starts

PUBLISHED = "2023-03-15"  # a Wednesday


@pytest.fixture(scope="session")
def dates_nlp() -> Language:
    nlp = spacy.blank("da")
    nlp.add_pipe("extract/dates")
    return nlp


def run(nlp: Language, text: str, published: str | None = PUBLISHED) -> Doc:
    """Make the doc, set its publication date, then run the pipeline (as the readers do)."""
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def mentions(doc: Doc) -> list[tuple[str, str | None, str | None, str]]:
    return [(s.text, s._.date["start"], s._.date["end"], s._.date["granularity"]) for s in doc.spans["dates"]]


def mention(text: str, span: str, start: str | None, end: str | None, granularity: str):
    return pytest.param(text, [(span, start, end, granularity)], id=span)


# One mention per sentence, published 2023-03-15: the span text shows where the mention starts and ends.
SENTENCES = [
    mention(
        "Aftalen blev indgået den 24. marts 2022 i Bruxelles.",
        "den 24. marts 2022",
        "2022-03-24",
        "2022-03-24",
        "day",
    ),
    mention("Opdateret 24.3.2022.", "24.3.2022", "2022-03-24", "2022-03-24", "day"),
    mention("Pressemeddelelser • Maj 21, 2012 09:00 CEST", "Maj 21, 2012", "2012-05-21", "2012-05-21", "day"),
    mention("Uge 39 - 2018\nEPI-NYT om influenza", "Uge 39 - 2018", "2018-09-24", "2018-09-30", "week"),
    mention("Det følger af klimaloven fra 2020, at målet skal nås.", "fra 2020", "2020-01-01", "2020-12-31", "year"),
    mention("Energiaftalen (fra juni 2018) gælder stadig.", "fra juni 2018", "2018-06-01", "2018-06-30", "month"),
    mention("Nyhed er fra 09-01-2015\nBorgmesteren talte.", "fra 09-01-2015", "2015-01-09", "2015-01-09", "day"),
    mention("Det viser Hjemmeværnets årsberetning fra 2020.", "fra 2020", "2020-01-01", "2020-12-31", "year"),
    mention("Ordningen gælder fra 2020.", "fra 2020", "2020-01-01", None, "year"),
    mention("Aftalen gælder for perioden 2019-2022.", "for perioden 2019-2022", "2019-01-01", "2022-12-31", "year"),
    mention("Flere fløj end i maj måned 2009.", "i maj måned 2009", "2009-05-01", "2009-05-31", "month"),
    mention(
        "Et godt resultat for årets første kvartal.", "årets første kvartal", "2023-01-01", "2023-03-31", "quarter"
    ),  # fmt: skip
    mention(
        "De indrejste natten mellem den 28. og 29. december.",
        "natten mellem den 28. og 29. december",
        "2022-12-28",
        "2022-12-29",
        "day",
    ),  # fmt: skip
    mention("Ordningen er forlænget til maj 2021.", "til maj 2021", None, "2021-05-31", "month"),
    mention("Resultatet for 4. kvt. 2018 er godt.", "for 4. kvt. 2018", "2018-10-01", "2018-12-31", "quarter"),
    mention("Renten hæves med virkning fra 8. januar 2016.", "fra 8. januar 2016", "2016-01-08", None, "day"),
    mention("2014 var året, hvor Musikmuseet åbnede.", "2014", "2014-01-01", "2014-12-31", "year"),
    mention("Med 34 procent blev 2015 det bedste TV-år.", "2015", "2015-01-01", "2015-12-31", "year"),
    mention("Museet havde en god sæson 2014.", "2014", "2014-01-01", "2014-12-31", "year"),
    mention("Fremskrivningerne dækker årene 2009-2040.", "årene 2009-2040", "2009-01-01", "2040-12-31", "year"),
    mention(
        "Svar kan sendes fra d. 24. november 2014 og frem til senest d. 19. december 2014 på mail.",
        "fra d. 24. november 2014 og frem til senest d. 19. december 2014",
        "2014-11-24",
        "2014-12-19",
        "day",
    ),
    mention(
        "Åbent fra 1. maj til senest 1. juni 2024.",
        "fra 1. maj til senest 1. juni 2024",
        "2024-05-01",
        "2024-06-01",
        "day",
    ),
    mention("Sendt 24/3-2022 kl. 10:00", "24/3-2022", "2022-03-24", "2022-03-24", "day"),
    mention("Frist 3/10-2024, herefter lukker puljen.", "3/10-2024", "2024-10-03", "2024-10-03", "day"),
    mention("Dato: 2022-03-24", "2022-03-24", "2022-03-24", "2022-03-24", "day"),
    mention("12-06-2018 - kl. 10:00", "12-06-2018", "2018-06-12", "2018-06-12", "day"),
    mention("PRESSEMEDDELELSE / 03-09-2018", "03-09-2018", "2018-09-03", "2018-09-03", "day"),
    mention("Udgivet 08/11-18", "08/11-18", "2018-11-08", "2018-11-08", "day"),
    mention("Loven træder i kraft d. 1. juli 2024.", "d. 1. juli 2024", "2024-07-01", "2024-07-01", "day"),
    mention("I dag den 7.juni 2023 åbner huset.", "I dag den 7.juni 2023", "2023-06-07", "2023-06-07", "day"),
    mention(
        "Vi er samlet i dag den 1. september 2022 i Aarhus.",
        "i dag den 1. september 2022",
        "2022-09-01",
        "2022-09-01",
        "day",
    ),
    mention("Tirsdag d. 14 marts mødes udvalget.", "Tirsdag d. 14 marts", "2023-03-14", "2023-03-14", "day"),
    mention("Konferencen holdes onsdag den 3. maj.", "onsdag den 3. maj", "2023-05-03", "2023-05-03", "day"),
    mention("Mar 3, 2012 10:02 CET", "Mar 3, 2012", "2012-03-03", "2012-03-03", "day"),
    mention("Reglerne skal træde i kraft senest 1. juli.", "senest 1. juli", None, "2023-07-01", "day"),
    mention("Ministeren rejser på mandag til Kyiv.", "på mandag", "2023-03-20", "2023-03-20", "day"),
    mention("Vi talte sammen i søndags.", "i søndags", "2023-03-12", "2023-03-12", "day"),
    mention("Politiet rykkede ud i går aftes.", "i går aftes", "2023-03-14", "2023-03-14", "day"),
    mention("Det skete i forgårs.", "i forgårs", "2023-03-13", "2023-03-13", "day"),
    mention("Han ankommer i overmorgen.", "i overmorgen", "2023-03-17", "2023-03-17", "day"),
    mention("Status d.d.: alle er i sikkerhed.", "d.d.", "2023-03-15", "2023-03-15", "day"),
    mention("Branden startede natten til lørdag.", "natten til lørdag", "2023-03-10", "2023-03-11", "day"),
    mention("Det blev aftalt i sidste uge.", "i sidste uge", "2023-03-06", "2023-03-12", "week"),
    mention(
        "Lovforslaget behandles i uge 21, oplyser ministeriet.",
        "i uge 21",
        "2023-05-22",
        "2023-05-28",
        "week",
    ),
    mention("Mødet var i oktober.", "i oktober", "2022-10-01", "2022-10-31", "month"),
    mention("Ordningen gælder fra januar 2017 og frem.", "fra januar 2017", "2017-01-01", None, "month"),
    mention("Primo juni 2020 kom rapporten.", "Primo juni 2020", "2020-06-01", "2020-06-30", "month"),
    mention("Byggeriet starter i 1. kvartal 2025.", "i 1. kvartal 2025", "2025-01-01", "2025-03-31", "quarter"),
    mention("Indsatsen fortsætter i 2. halvår 2024.", "i 2. halvår 2024", "2024-07-01", "2024-12-31", "half"),
    mention("Projektet går i gang i foråret 2024.", "i foråret 2024", "2024-03-01", "2024-05-31", "season"),
    mention("Mødet blev holdt i efteråret.", "i efteråret", "2022-09-01", "2022-11-30", "season"),
    mention("Vi vil også i 2017 yde et bidrag.", "i 2017", "2017-01-01", "2017-12-31", "year"),
    mention("Regningen steg i år.", "i år", "2023-01-01", "2023-12-31", "year"),
    mention("Anlægget skal stå færdigt medio 2025.", "medio 2025", "2025-01-01", "2025-12-31", "year"),
    mention("Det skal ske inden udgangen af 2025.", "inden udgangen af 2025", None, "2025-12-31", "year"),
    mention("Aftalen løber frem til 2030.", "frem til 2030", None, "2030-12-31", "year"),
    mention("Forliget dækker 2018-2023.", "2018-2023", "2018-01-01", "2023-12-31", "year"),
    mention("Det gælder i perioden 2018-2023.", "i perioden 2018-2023", "2018-01-01", "2023-12-31", "year"),
    mention("Planen gælder fra 2017 til 2020.", "fra 2017 til 2020", "2017-01-01", "2020-12-31", "year"),
    mention("Rammen gælder 2024 til 2028.", "2024 til 2028", "2024-01-01", "2028-12-31", "year"),
    mention("Øvelsen finder sted 3.-4. maj 2021.", "3.-4. maj 2021", "2021-05-03", "2021-05-04", "day"),
    mention("Kurset holdes d. 2. til 9. december.", "d. 2. til 9. december", "2023-12-02", "2023-12-09", "day"),
    mention("Ledigheden faldt i forhold til oktober.", "oktober", "2022-10-01", "2022-10-31", "month"),
    mention("Udledningen er 70 pct. lavere end i 1990.", "i 1990", "1990-01-01", "1990-12-31", "year"),
    # Lead words and period phrases of real releases (published 2023-03-15)
    mention("Regnskabet for 2021 viser overskud.", "for 2021", "2021-01-01", "2021-12-31", "year"),
    mention("Tallene for februar 2023 er klar.", "for februar 2023", "2023-02-01", "2023-02-28", "month"),
    mention("Budgettet for 2024-2027 er vedtaget.", "for 2024-2027", "2024-01-01", "2027-12-31", "year"),
    mention("Bestyrelsen pr. 1 april 2023 består af fem.", "pr. 1 april 2023", "2023-04-01", "2023-04-01", "day"),
    mention("Kirken blev indviet i maj 1872.", "i maj 1872", "1872-05-01", "1872-05-31", "month"),
    mention("Samlingen dækker perioden 1870-1920.", "perioden 1870-1920", "1870-01-01", "1920-12-31", "year"),
    mention("Missionen løber fra omkring juni 2023.", "fra omkring juni 2023", "2023-06-01", None, "month"),
    mention("Vi er klar til den kommende vinter.", "den kommende vinter", "2023-12-01", "2024-02-29", "season"),
    mention("Strategien for den kommende sommer er klar.", "den kommende sommer", "2023-06-01", "2023-08-31", "season"),
    mention("Branden blev opdaget lørdag aften i en lejlighed.", "lørdag aften", "2023-03-11", "2023-03-11", "day"),
    mention("Politiet rykkede ud tidligt i morges.", "tidligt i morges", "2023-03-15", "2023-03-15", "day"),
    mention("Politikerne landede her til aften en aftale.", "her til aften", "2023-03-15", "2023-03-15", "day"),
    mention("Næste års budget er på plads.", "Næste års", "2024-01-01", "2024-12-31", "year"),
    mention("Fra udgangen af 2024 kører alle busser på el.", "Fra udgangen af 2024", "2024-12-31", None, "year"),
    mention("Regnskaberne for året 2022 er offentliggjort.", "for året 2022", "2022-01-01", "2022-12-31", "year"),
    mention("Byggerierne fortsætter ind i 2024 som planlagt.", "ind i 2024", "2024-01-01", "2024-12-31", "year"),
    mention(
        "I årene frem til og med 2027 stiller EU midler.", "I årene frem til og med 2027", None, "2027-12-31", "year"
    ),
    mention("Programmet fortsætter i det nye år.", "i det nye år", "2023-01-01", "2023-12-31", "year"),
    mention("Beboerne kan flytte ind i 2. halvår 2025.", "i 2. halvår 2025", "2025-07-01", "2025-12-31", "half"),
    mention("Det sker nu i stedet for august 2023.", "august 2023", "2023-08-01", "2023-08-31", "month"),
    mention("Festivalen foregår torsdag til lørdag i Odense.", "torsdag til lørdag", "2023-03-16", "2023-03-18", "day"),
    mention(
        "Onsdag aften den 8. marts stoppede politiet en bil.",
        "Onsdag aften den 8. marts",
        "2023-03-08",
        "2023-03-08",
        "day",
    ),
    mention(
        "Der kom mange turister i løbet af sommerperioden.",
        "i løbet af sommerperioden",
        "2022-06-01",
        "2022-08-31",
        "season",
    ),
    mention("Vejen lukkes hen over sommeren.", "hen over sommeren", "2023-06-01", "2023-08-31", "season"),
    mention(
        "Salget faldt i sidste kvartal af 2022.", "i sidste kvartal af 2022", "2022-10-01", "2022-12-31", "quarter"
    ),
    mention("Siden starten i 2019 har 400 deltaget.", "Siden starten i 2019", "2019-01-01", None, "year"),
    mention("Smitten steg fra uge 9 til 10, viser tallene.", "fra uge 9 til 10", "2023-02-27", "2023-03-12", "week"),
    mention("Ledigheden steg i januar måned.", "i januar måned", "2023-01-01", "2023-01-31", "month"),
    mention("Målet skal nås frem mod 2030.", "frem mod 2030", None, "2030-12-31", "year"),
    mention("Så siger vi tak for i dag.", "i dag", "2023-03-15", "2023-03-15", "day"),
    mention("Aftalen er et godt grundlag for næste år.", "næste år", "2024-01-01", "2024-12-31", "year"),
    mention("Tallene for sidste måned er klar.", "sidste måned", "2023-02-01", "2023-02-28", "month"),
    mention("Status pr. den 1. april 2023 er god.", "pr. den 1. april 2023", "2023-04-01", "2023-04-01", "day"),
    mention("Puljen åbnede mandag i denne uge.", "mandag i denne uge", "2023-03-13", "2023-03-13", "day"),
    mention("Han rejste fredag i sidste uge.", "fredag i sidste uge", "2023-03-10", "2023-03-10", "day"),
    mention(
        "Anholdelserne skete natten til den 5. marts.", "natten til den 5. marts", "2023-03-04", "2023-03-05", "day"
    ),
    mention("Juleaftens dag 2022 var stille.", "Juleaftens dag 2022", "2022-12-24", "2022-12-24", "day"),
    mention("Puljen får i 2019 og 2020 i alt 5 mio. kr.", "i 2019 og 2020", "2019-01-01", "2020-12-31", "year"),
    mention("Rekord i både 2020 og 2021.", "i både 2020 og 2021", "2020-01-01", "2021-12-31", "year"),
    mention(
        "Det besluttede de tilbage i sommer.", "i sommer", "2022-06-01", "2022-08-31", "season"
    ),  # "tilbage" is no lead (two gold files of three)
    mention("Flere runder i 2024 og frem, siger han.", "i 2024 og frem", "2024-01-01", None, "year"),
    mention("Fra 2025 og fremefter gælder det.", "Fra 2025 og fremefter", "2025-01-01", None, "year"),
    mention("Se afgørelsen af 5. oktober 2009.", "af 5. oktober 2009", "2009-10-05", "2009-10-05", "day"),
    mention("Banken fik en frist til den 3. november 2023.", "til den 3. november 2023", None, "2023-11-03", "day"),
    mention("Ambassaden åbnede tidligere på året.", "tidligere på året", "2023-01-01", "2023-12-31", "year"),
    mention("Senere torsdag mødes de igen.", "torsdag", "2023-03-16", "2023-03-16", "day"),
    mention("Der investeres for årene 2024-2026.", "for årene 2024-2026", "2024-01-01", "2026-12-31", "year"),
    mention("Der fløj de imellem 2009 og 2011.", "imellem 2009 og 2011", "2009-01-01", "2011-12-31", "year"),
    mention("Topmødet holdes senere i år.", "senere i år", "2023-01-01", "2023-12-31", "year"),
    mention("Aftalen gælder for finanslovsåret 2024.", "for finanslovsåret 2024", "2024-01-01", "2024-12-31", "year"),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_mention_in_sentence(dates_nlp: Language, text: str, expected) -> None:
    assert mentions(run(dates_nlp, text)) == expected


def test_list_of_days_is_two_mentions(dates_nlp: Language) -> None:
    doc = run(dates_nlp, "Topmødet holdes den 5. og 6. oktober 2021 i Bruxelles.")
    assert mentions(doc) == [
        ("den 5.", "2021-10-05", "2021-10-05", "day"),
        ("6. oktober 2021", "2021-10-06", "2021-10-06", "day"),
    ]


def test_several_mentions_keep_text_order_and_offsets(dates_nlp: Language) -> None:
    text = "I dag mødtes vi. Fra januar 2017 vil vi yde mere, og i 2017 sender vi et hold."
    doc = run(dates_nlp, text)
    got = [(s.text, s.start_char, s.end_char) for s in doc.spans["dates"]]
    assert got == [("I dag", 0, 5), ("Fra januar 2017", 17, 32), ("i 2017", 53, 59)]
    assert all(text[s:e] == t for t, s, e in got)


def test_listed_months_share_the_lead(dates_nlp: Language) -> None:
    doc = run(dates_nlp, "Flere kom i arbejde i maj, juni og juli, mens ledigheden steg i marts.", "2021-09-15")
    assert [(s.text, s._.date["start"]) for s in doc.spans["dates"]] == [
        ("i maj", "2021-05-01"),
        ("juni", "2021-06-01"),
        ("juli", "2021-07-01"),
        ("i marts", "2021-03-01"),
    ]


def test_longest_mention_wins(dates_nlp: Language) -> None:
    doc = run(dates_nlp, "i dag den 1. september 2022 og fra januar 2017 og i perioden fra 2017 til 2020")
    assert [s.text for s in doc.spans["dates"]] == [
        "i dag den 1. september 2022",
        "fra januar 2017",
        "i perioden fra 2017 til 2020",
    ]


def test_sentence_final_week_keeps_the_period_the_tokenizer_glued(dates_nlp: Language) -> None:
    doc = run(dates_nlp, "2. behandling ventes at finde sted i uge 21. Det er forventningen.", "2024-04-18")
    assert mentions(doc) == [("i uge 21.", "2024-05-20", "2024-05-26", "week")]


# The seed's publication date: the sentence's tense picks the October or March meant.
IN_CONTEXT = [
    ("Det seneste møde blev holdt i Paris i oktober.", "i oktober", "2016-10-01", "2016-10-31"),
    ("Ministeren vil i marts besøge Kyiv.", "i marts", "2017-03-01", "2017-03-31"),
    ("Ministeren besøgte Kyiv i marts.", "i marts", "2016-03-01", "2016-03-31"),
    ("Soldaterne er udsendt frem til august.", "frem til august", None, "2017-08-31"),
    ("Den nye enhed skal være klar 1. februar.", "1. februar", "2017-02-01", "2017-02-01"),
]


@pytest.mark.parametrize(("text", "span", "start", "end"), IN_CONTEXT, ids=[c[0] for c in IN_CONTEXT])
def test_tense_of_the_sentence(dates_nlp: Language, text: str, span: str, start, end) -> None:
    doc = run(dates_nlp, text, "2016-12-14")
    assert [(s.text, s._.date["start"], s._.date["end"]) for s in doc.spans["dates"]] == [(span, start, end)]


NOT_DATES = [
    "Se EPI-NYT 18/09 (pdf) og EPI-NYT 25/09 (pdf).",  # newsletter issues
    "Der kom 2017 ansøgere, og 2019 personer fik svar.",  # numbers in the range of years count here
    "Nyt organ for danske patienter6.4.2024 10:34:17 CEST | Pressemeddelelse",  # a glued listing timestamp
    "Ring på tlf. 41 23 45 67 mellem kl. 14 og kl. 16.",
    "Pressevagten træffes kl. 09.30 og kl. 11:42.",
    "Der er åbent i tidsrummet 0900-1200.",
    "Der er åbent i tidsrummet 1900-2000.",
    "Antallet faldt fra 66 til 41 på et år.",  # "til 41" is no short year: only "2018-23" is
    "2030-målet ligger fast.",
    "Danmark køber flere F-16 fly.",
    "Det fremgår af lov nr. 1234 og § 12.",
    "CVR-nr. 12345678",
    "Puljen er på 2,5 mia. kr. i 2024-priser.",
    "Beløbet er opgjort i 2017 kroner.",
    "Støtten er på cirka 332,5 millioner kroner.",
    "Op til 4.000 soldater og 20-25 betjente deltager.",
    "Appen kom i version 2.4.1 og 3.10.",
    "Vi har åbent 24/7.",
    "Det er fjerde gang, de mødes.",
    "Tallet 2,7 procent er det laveste.",
    "Halvdelen af 2022 gik med planlægning.",
    "Politiet vil henover de næste år øge indsatsen.",
    "I de kommende år bygges der mere.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(dates_nlp: Language, text: str) -> None:
    assert mentions(run(dates_nlp, text)) == []


def test_comparison_with_last_year_is_not_an_open_period(dates_nlp: Language) -> None:
    doc = run(dates_nlp, "Regningen over prisniveauet fra sidste år kan indefryses.", "2022-08-30")
    assert mentions(doc) == [("sidste år", "2021-01-01", "2021-12-31", "year")]


def test_without_publication_date_relative_mentions_keep_text_and_offsets(dates_nlp: Language) -> None:
    doc = run(dates_nlp, "Mødet blev holdt i oktober og i 2017.", None)
    got = [(s.text, s.start_char, s.end_char, s._.date) for s in doc.spans["dates"]]
    assert got == [
        ("i oktober", 17, 26, {"start": None, "end": None, "granularity": "month", "relative": True}),
        (
            "i 2017",
            30,
            36,
            {"start": "2017-01-01", "end": "2017-12-31", "granularity": "year", "relative": False},
        ),
    ]


def test_timestamp_glued_to_a_headline(dates_nlp: Language) -> None:
    """A blank tokenizer keeps "samarbejde3.5.2023" whole: no span can hold the date, so none is made.

    With a suffix rule that splits it off (as our pipeline's tokenizer has), the date is still no mention:
    a timestamp glued to a word is a listing page's chrome (the next item's date), not the release's.
    """
    text = "Danmark og Tyskland vil styrke jernbanesamarbejde3.5.2023 09:12:44 CEST | Pressemeddelelse"
    assert mentions(run(dates_nlp, text)) == []
    nlp = spacy.blank("da")
    suffixes = [*nlp.Defaults.suffixes, r"(?<=[A-Za-zÆØÅæøå])\d{1,2}\.\d{1,2}\.\d{4}"]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search  # type: ignore[attr-defined]
    nlp.add_pipe("extract/dates")
    assert mentions(run(nlp, text)) == []


def test_values_are_plain_json(dates_nlp: Language) -> None:
    doc = run(dates_nlp, "Fra januar 2017 og i går og uge 12")
    values = [s._.date for s in doc.spans["dates"]]
    assert len(values) == 3
    assert json.loads(json.dumps(values)) == values
    assert all(set(v) == {"start", "end", "granularity", "relative"} for v in values)


def test_config(dates_nlp: Language) -> None:
    assert dates_nlp.get_pipe_config("extract/dates") == {
        "factory": "extract/dates",
        "spans_key": "dates",
        "use_tense": True,
    }
    nlp = spacy.blank("da")
    nlp.add_pipe("extract/dates", config={"spans_key": "datoer", "use_tense": False})
    doc = run(nlp, "Mødet blev holdt i marts.", "2016-12-14")
    assert "dates" not in doc.spans
    # Without tense the nearest March is the coming one.
    assert [(s.text, s._.date["start"]) for s in doc.spans["datoer"]] == [("i marts", "2017-03-01")]


SEED = "000_35452d5bb9e7cfc4"


def test_seed_release_gives_exactly_its_gold_dates(dates_nlp: Language, datadir: Path) -> None:
    text = (datadir / f"{SEED}.txt").read_text(encoding="utf-8")
    meta = json.loads((datadir / f"{SEED}.meta.json").read_text(encoding="utf-8"))
    gold = json.loads((datadir / f"{SEED}.gold.json").read_text(encoding="utf-8"))
    assert meta["published"] == "2016-12-14"
    doc = run(dates_nlp, text, meta["published"])
    got = sorted(
        (
            s.text,
            [s.start_char, s.end_char],
            s._.date["start"],
            s._.date["end"],
            s._.date["granularity"],
            s._.date["relative"],
        )
        for s in doc.spans["dates"]
    )
    want = sorted(
        (d["text"], d["span"], d.get("start"), d.get("end"), d["granularity"], d["relative"]) for d in gold["dates"]
    )
    assert len(want) == 6
    assert got == want


ROUND_TRIP_TEXT = "I dag den 1. september 2022 mødtes vi, og i oktober vil vi mødes igen. Fra 2017 til 2020."


def test_to_disk_and_spacy_load(dates_nlp: Language, tmp_path: Path) -> None:
    dates_nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["extract/dates"]
    before = run(dates_nlp, ROUND_TRIP_TEXT)
    after = run(loaded, ROUND_TRIP_TEXT)
    assert mentions(after) == mentions(before)
    assert mentions(after) == [
        ("I dag den 1. september 2022", "2022-09-01", "2022-09-01", "day"),
        ("i oktober", "2023-10-01", "2023-10-31", "month"),
        ("Fra 2017 til 2020", "2017-01-01", "2020-12-31", "year"),
    ]


def test_pipe_with_two_processes_keeps_values(dates_nlp: Language) -> None:
    texts = [
        ROUND_TRIP_TEXT,
        "Det seneste møde blev holdt i Paris i oktober.",
        "Ingen datoer her.",
        "i går",
    ] * 3
    published = ["2023-03-15", "2016-12-14", "2020-01-01", "2024-02-29"] * 3
    docs = []
    for text, date in zip(texts, published, strict=True):
        doc = dates_nlp.make_doc(text)
        doc._.published = date
        docs.append(doc)
    serial = [mentions(run(dates_nlp, t, p)) for t, p in zip(texts, published, strict=True)]
    parallel = [mentions(doc) for doc in dates_nlp.pipe(docs, n_process=2, batch_size=2)]
    assert parallel == serial
    assert parallel[1] == [("i oktober", "2016-10-01", "2016-10-31", "month")]
    assert parallel[3] == [("i går", "2024-02-28", "2024-02-28", "day")]


def test_row_ends_before_the_period_a_sentence_final_ordinal_carries() -> None:
    """The token "21." holds the sentence's period; the dates row stops before it."""
    import extract

    text = "Anden behandling ventes at finde sted i uge 21. Derefter træder loven i kraft."
    dates = extract.extract([{"text": text, "published": "2024-04-18"}]).dates
    [row] = list(dates.itertuples())
    assert (row.text, row.start_char, row.end_char) == ("i uge 21", 38, 46)
    assert text[row.start_char : row.end_char] == "i uge 21"
    assert (row.start.date().isoformat(), row.end.date().isoformat(), row.granularity) == (
        "2024-05-20",
        "2024-05-26",
        "week",
    )


# The finders are tried only where `_MENTION_START` says a mention can start; that must find what a
# scan of every position finds. Texts: the corpus, and salads of the grammar's own words and numbers.
_SALAD_WORDS = [
    *"i den d. d.d. uge Q1 q3 år fra til og med mellem perioden årene første andet anden tredje fjerde".split(),
    *"sidste næste kommende forrige foråret sommeren efteråret vinteren halvår kvartal halvdel af kl. -".split(),
    *"januar jan. marts Mar maj May sept. oktober October december mandag søndags natten til , . / –".split(),
    *"1. 3 5. 14 21. 24/3 24/3-2022 2.5.2023 2023-05-02 2018-23 2017 1999 2030-målet 12.000 Oslo4.6.2024".split(),
    *"samarbejde3.5.2023 3rd of 1st Aarhus kroner mio. pct. \n".split(" "),
]


def _full_scan(finder: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in finder.finditer(text)]


def _start_scan(finder: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in scan(finder, text, starts(dates_module._MENTION_START, text))]


CORPUS = Path(__file__).resolve().parents[2] / "corpus"
_ALL_FINDERS = (*dates_module._FINDERS, *dates_module._LEAD_ONLY_FINDERS, dates_module._ENUMERATION)


def test_start_positions_find_what_a_full_scan_finds_in_the_corpus() -> None:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt")))
    for finder in _ALL_FINDERS:
        assert _start_scan(finder, text) == _full_scan(finder, text), finder.pattern[:60]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SALAD_WORDS), max_size=40), st.sampled_from([" ", "", "  ", "\u00a0"]))
def test_start_positions_find_what_a_full_scan_finds_in_word_salad(words: list[str], sep: str) -> None:
    text = sep.join(words)
    for finder in _ALL_FINDERS:
        assert _start_scan(finder, text) == _full_scan(finder, text), (finder.pattern[:60], text)


def test_token_starts_find_what_every_character_finds(dates_nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """Trying mentions only at token starts gives the same spans as trying every character's position."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    assert len(texts) >= 40  # our own releases (the real ones too when restored)
    fast = [mentions(run(dates_nlp, t)) for t in texts]
    monkeypatch.setattr(dates_module, "mention_starts", lambda doc, text: starts(dates_module._MENTION_START, text))
    assert [mentions(run(dates_nlp, t)) for t in texts] == fast


def test_the_new_year_is_the_coming_one_in_the_autumn(dates_nlp: Language) -> None:
    """ "i det nye år" said in December is the next year; said in January, the year just begun."""
    december = run(dates_nlp, "Virksomhederne kan også i det nye år få hjælp.", "2017-12-18")
    january = run(dates_nlp, "Virksomhederne kan også i det nye år få hjælp.", "2018-01-05")
    assert mentions(december) == [("i det nye år", "2018-01-01", "2018-12-31", "year")]
    assert mentions(january) == [("i det nye år", "2018-01-01", "2018-12-31", "year")]


SAME_PERIODS = [
    (
        "half-last-year",
        "Indtægterne i første halvår 2023 var 1.521 mio. kr. mod 1.422 mio. kr. i samme periode sidste år.",
        ("i samme periode sidste år", "2022-01-01", "2022-06-30", "half"),
    ),
    (
        "quarter-of-a-year",
        "Antallet faldt i 3. kvartal 2008 med 5 pct. sammenlignet med samme kvartal i 2007.",
        ("samme kvartal i 2007", "2007-07-01", "2007-09-30", "quarter"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in SAME_PERIODS], ids=[c[0] for c in SAME_PERIODS])
def test_the_same_period_of_another_year(dates_nlp: Language, text: str, expected: tuple) -> None:
    """ "samme periode sidste år": the period named before, in the year named after (one mention)."""
    assert mentions(run(dates_nlp, text, "2023-08-20"))[-1] == expected


def test_the_same_period_without_a_period_before_is_the_year(dates_nlp: Language) -> None:
    assert mentions(run(dates_nlp, "Vi så samme periode i 2019 intet.")) == [
        ("i 2019", "2019-01-01", "2019-12-31", "year")
    ]
