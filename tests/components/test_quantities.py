"""The extract/quantities component: counts of people and things, and percentages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy
from pytest_datadir.plugin import LazyDataDir
from spacy.language import Language
from spacy.tokens import Doc

from extract.components.quantities import QuantityFinder, Unit, load_units
from extract.evaluate import gold_subject

SEED = "000_35452d5bb9e7cfc4"


@pytest.fixture(scope="session")
def quantities_nlp() -> Language:
    nlp = spacy.blank("da")
    nlp.add_pipe("extract/quantities")
    return nlp


def rows(doc: Doc) -> list[tuple[str, int, int, dict[str, Any]]]:
    return [(s.text, s.start_char, s.end_char, s._.quantity) for s in doc.spans["quantities"]]


def quantity(
    value: float | None,
    unit: str,
    subject: str | None,
    *,
    category: str = "personnel",
    lower: float | None = None,
    upper: float | None = None,
    approximate: bool = False,
) -> dict[str, Any]:
    return {
        "value": value,
        "lower": lower,
        "upper": upper,
        "approximate": approximate,
        "unit": unit,
        "category": category,
        "subject": subject,
    }


def pct(value: float | None, subject: str | None = None, **kw: Any) -> dict[str, Any]:
    return quantity(value, kw.pop("unit", "procent"), subject, category="other", **kw)


# (id, sentence, [(span text, expected span._.quantity)])
CASES: list[tuple[str, str, list[tuple[str, dict[str, Any]]]]] = [
    (
        "op-til-ca-adjective",
        "Danmark sender op til ca. 150 danske soldater til Irak.",
        [("op til ca. 150 danske soldater", quantity(150, "soldat", None, upper=150, approximate=True))],
    ),
    (
        "subject-before-paa",
        "Bidraget består af et radarbidrag på op til ca. 30 personer.",
        [("op til ca. 30 personer", quantity(30, "person", "radarbidrag", upper=30, approximate=True))],
    ),
    (
        "adjective-nye",
        "Partierne vil igangsætte 12 nye opgaveudvalg i forlængelse af de 23 udvalg.",
        [
            ("12 nye opgaveudvalg", quantity(12, "opgaveudvalg", None, category="other")),
            ("23 udvalg", quantity(23, "udvalg", None, category="other")),
        ],
    ),
    (
        "laegger-op-til",  # the verb's particle, no upper bound
        "Ministeren lægger derfor op til to yderligere udbud af togtrafikken.",
        [("to yderligere udbud", quantity(2, "udbud", None, category="other"))],
    ),
    (
        "klager-and-soekort",
        "Der er udarbejdet 73 søkort, og styrelsen modtog mere end 100 klager.",
        [
            ("73 søkort", quantity(73, "søkort", None, category="other")),
            ("mere end 100 klager", quantity(100, "klage", None, category="other", lower=100)),
        ],
    ),
    (
        "capitals-model-name",
        "Vi modtager i alt ni SEAHAWK helikoptere.",
        [("ni SEAHAWK helikoptere", quantity(9, "helikopter", None, category="other"))],
    ),
    (
        "op-i-mod",
        "Op i mod 1 million civile er flygtet.",
        [("Op i mod 1 million civile", quantity(1_000_000, "civil", None, upper=1_000_000))],
    ),
    (
        "or-more-after-unit",
        "DR1 kan samle en million seere eller flere ved skærmen.",
        [("en million seere", quantity(1_000_000, "seer", None, lower=1_000_000))],
    ),
    (
        "aldrig-over",
        "Støtten er aldrig over 35 pct. af udgiften.",
        [("aldrig over 35 pct.", quantity(35, "procent", "støtte", category="other", upper=35))],
    ),
    (
        "pieces",
        "Politiet beslaglagde 25.000 stk. ecstasytabletter.",
        [("25.000 stk. ecstasytabletter", quantity(25_000, "ecstasytablet", None, category="other"))],
    ),
    (
        "adjective-ale",
        "Sådan lyder de 3 centrale mål i planen.",
        [("3 centrale mål", quantity(3, "mål", None, category="other"))],
    ),
    (
        "adjective-andre",
        "Åbningerne kommer i forlængelse af 60 andre åbninger.",
        [("60 andre åbninger", quantity(60, "åbning", None, category="other"))],
    ),
    (
        "range-dash",
        "Politiet indsætter 20-25 betjente ved grænsen.",
        [("20-25 betjente", quantity(None, "betjent", None, lower=20, upper=25))],
    ),
    (
        "number-word",
        "Der ansættes seks medarbejdere i sekretariatet.",
        [("seks medarbejdere", quantity(6, "medarbejder", None))],
    ),
    ("count-verb", "Styrken tæller 12 mand.", [("12 mand", quantity(12, "mand", "styrke"))]),
    (
        "thousands-dots",
        "I alt 1.845.312 personer har stemt.",
        [("1.845.312 personer", quantity(1845312, "person", None))],
    ),
    (
        "op-imod-no-separator",
        "Op imod 800 soldater deltager i øvelsen.",
        [("Op imod 800 soldater", quantity(800, "soldat", None, upper=800))],
    ),
    (
        "range-mellem-og",
        "Mellem 20 og 25 betjente er sat ind.",
        [("Mellem 20 og 25 betjente", quantity(None, "betjent", None, lower=20, upper=25))],
    ),
    (
        "range-til-number-words",
        "Politiet sender seks til ti betjente til øen.",
        [("seks til ti betjente", quantity(None, "betjent", None, lower=6, upper=10))],
    ),
    (
        "range-mellem-og-op-til",
        "Styrken bliver på mellem 700 og op til 1.200 soldater.",
        [("mellem 700 og op til 1.200 soldater", quantity(None, "soldat", None, lower=700, upper=1200))],
    ),
    (
        "ikke-mindre-end-is-a-lower-bound",
        "Der er kortlagt ikke mindre end 100 kulturmiljøer.",
        [("ikke mindre end 100 kulturmiljøer", quantity(100, "kulturmiljø", None, lower=100, category="other"))],
    ),
    ("year-range-is-no-count", "Regionerne har fra 2006 til 2007 ikke skåret ned.", []),
    (
        "nationality-before-the-noun",
        "Foderet er solgt til knap 5.000 tyske landbrug.",
        [
            (
                "knap 5.000 tyske landbrug",
                quantity(5000, "landbrug", None, upper=5000, approximate=True, category="other"),
            )
        ],
    ),
    (
        "genitive-unit",
        "Beredskabet samler 8 kommuners brandvæsener.",
        [("8 kommuners", quantity(8, "kommune", None, category="other"))],
    ),
    (
        "adverb-before-a-unit",
        "Der er 3.100 flere offentligt ansatte.",
        [("3.100 flere offentligt ansatte", quantity(3100, "ansat", None))],
    ),
    (
        "model-name-between",
        "Danmark bidrager med fire F-16 fly og 120 piloter.",
        [
            ("fire F-16 fly", quantity(4, "fly", None, category="other")),
            ("120 piloter", quantity(120, "pilot", None)),
        ],
    ),
    (
        "things",
        "Søværnet udsender to fregatter og tre helikoptere.",
        [
            ("to fregatter", quantity(2, "fregat", None, category="other")),
            ("tre helikoptere", quantity(3, "helikopter", None, category="other")),
        ],
    ),
    (
        "adjective-things",
        "Der bygges 5.000 nye boliger i hovedstaden.",
        [("5.000 nye boliger", quantity(5000, "bolig", None, category="other"))],
    ),
    (
        "mindst",
        "Mindst 30 civile blev dræbt.",
        [("Mindst 30 civile", quantity(30, "civil", None, lower=30))],
    ),
    (
        "adjectival-unit-before-noun",
        "Der er 200 ledige stillinger.",
        [("200 ledige stillinger", quantity(200, "stilling", None, category="other"))],
    ),
    (
        "two-counts",
        "Skolen har 450 elever og 38 lærere.",
        [("450 elever", quantity(450, "elev", None)), ("38 lærere", quantity(38, "lærer", None))],
    ),
    (
        "knap",
        "Hospitalet mangler knap 100 sygeplejersker.",
        [("knap 100 sygeplejersker", quantity(100, "sygeplejerske", None, upper=100, approximate=True))],
    ),
    (
        "compound-in-lexicon",
        "Forsvaret køber 27 nye kampfly.",
        [("27 nye kampfly", quantity(27, "kampfly", None, category="other"))],
    ),
    (
        "compound-by-last-part",
        "Flåden råder over 5 krigsskibe.",
        [("5 krigsskibe", quantity(5, "krigsskib", None, category="other"))],
    ),
    (
        "abbreviation-compound",
        "Hele syv SDU-forskere har fået en bevilling.",
        [("syv SDU-forskere", quantity(7, "SDU-forsker", None))],
    ),
    (
        "hyphenated-adjective",
        "Af de 44 fyrværkeri-relaterede udrykninger gik 14 til øjenskader.",
        [("44 fyrværkeri-relaterede udrykninger", quantity(44, "udrykning", None, category="other"))],
    ),
    (
        "adjective-with-a-number",
        "Politiet mistænker tre 14-årige drenge og sender 34 nye klimavenlige elbusser ud.",
        [
            ("tre 14-årige drenge", quantity(3, "dreng", None)),
            ("34 nye klimavenlige elbusser", quantity(34, "elbus", None, category="other")),
        ],
    ),
    (
        "fraction-of-a-percent",
        "Kommunen skal spare en halv procent af udgifterne til service.",
        [("en halv procent", quantity(0.5, "procent", "udgift", category="other"))],
    ),
    (
        "two-counts-joined",  # the number word after "og" opens a count of its own
        "16 spirituspåvirkede og to narkopåvirkede bilister blev stoppet.",
        [("to narkopåvirkede bilister", quantity(2, "bilist", None))],
    ),
    (
        "henved-irregular-plural",
        "Omkring 40 fartøjer med henved 3.000 søfolk deltager.",
        [
            ("Omkring 40 fartøjer", quantity(40, "fartøj", None, category="other", approximate=True)),
            ("henved 3.000 søfolk", quantity(3000, "sømand", "fartøj", category="personnel", approximate=True)),
        ],
    ),
    (
        "no-compound-of-a-short-prefix",  # "kon" + "kurser" is no compound: the lemmatizer knows "konkurs"
        "Der var 271 erklærede konkurser i november.",
        [("271 erklærede konkurser", quantity(271, "konkurs", None, category="other"))],
    ),
    (
        "scale-word",
        "Over 1 million flygtninge er flygtet.",
        [("Over 1 million flygtninge", quantity(1e6, "flygtning", None, lower=1e6))],
    ),
    (
        "hold-paa",
        "Et hold på 30 instruktører rejser i morgen.",
        [("30 instruktører", quantity(30, "instruktør", "hold"))],
    ),
    (
        "stabsofficerer-no-subject-noun",
        "Desuden udsendes op til ca. 20 stabsofficerer.",
        [("op til ca. 20 stabsofficerer", quantity(20, "stabsofficer", None, upper=20, approximate=True))],
    ),
    (
        "percent-verb-subject",
        "Ledigheden faldt med 2,7 procent i oktober.",
        [("2,7 procent", pct(2.7, "ledighed"))],
    ),
    ("pct-abbreviation", "Lønnen stiger 5 pct. om året.", [("5 pct.", pct(5, "løn"))]),
    ("percent-sign", "Andelen er 12 % højere end sidste år.", [("12 %", pct(12, "andel"))]),
    ("percent-sign-glued", "Kun 12% svarede.", [("12%", pct(12))]),
    (
        "percent-range-af",
        "Ca. 2-3 procent af de ansatte er syge.",
        [("Ca. 2-3 procent", pct(None, "ansatte", lower=2, upper=3, approximate=True))],
    ),
    (
        "procentpoint-paa",
        "Rentestigningen på 0,5 procentpoint rammer boligejerne.",
        [("0,5 procentpoint", pct(0.5, "rentestigning", unit="procentpoint"))],
    ),
    (
        "med-after-determiner",
        "SIRI opretter et rejsehold med seks medarbejdere.",
        [("seks medarbejdere", quantity(6, "medarbejder", "rejsehold"))],
    ),
    (
        "med-after-verb-is-no-subject",
        "Vi har fået kontakt med over 70 unge.",
        [("over 70 unge", quantity(70, "ung", None, lower=70))],
    ),
    (
        "fact-box-label",
        "Hovedtal\n- Beskæftigelse: godt 2,9 mio. personer",
        [("godt 2,9 mio. personer", quantity(2.9e6, "person", "beskæftigelse", lower=2.9e6, approximate=True))],
    ),
    (
        "guessed-unit-person",
        "Politiet kontrollerede godt 1.400 bilister ved skolerne.",
        [("godt 1.400 bilister", quantity(1400, "bilist", None, lower=1400, approximate=True))],
    ),
    (
        "guessed-unit-thing",
        "Der kommer tre nye havvindmølleparker i Nordsøen.",
        [("tre nye havvindmølleparker", quantity(3, "havvindmøllepark", None, category="other"))],
    ),
    (
        "lemma-tilfaelde",
        "Kommunen har i år registreret 14 tilfælde af skab.",
        [("14 tilfælde", quantity(14, "tilfælde", None, category="other"))],
    ),
    (
        "lemma-adresse",
        "Betjentene ransagede i går 9 adresser på Fyn.",
        [("9 adresser", quantity(9, "adresse", None, category="other"))],
    ),
    (
        "lemma-irregular-museum",
        "Byen har nu 4 museer og et bibliotek.",
        [("4 museer", quantity(4, "museum", None, category="other"))],
    ),
    (
        "lemma-center-is-a-thing",
        "Kommunen driver 21 aktivitetscentre for ældre.",
        [("21 aktivitetscentre", quantity(21, "aktivitetscenter", None, category="other"))],
    ),
    (
        "lemma-agent-in-er",
        "Der deltog 45 politikere i debatten.",
        [("45 politikere", quantity(45, "politiker", None))],
    ),
    (
        "lemma-emne-is-a-thing",
        "Udvalget drøftede tre emner på mødet.",
        [("tre emner", quantity(3, "emne", None, category="other"))],
    ),
    (
        "comparative-flere",
        "I marts var der 500 flere ledige end året før.",
        [("500 flere ledige", quantity(500, "ledig", None))],
    ),
    (
        "comparative-faerre-guessed",
        "Sygehusene havde 200 færre indlæggelser i januar.",
        [("200 færre indlæggelser", quantity(200, "indlæggelse", None, category="other"))],
    ),
    (
        "same-singular-and-plural",
        "Der var 33 dødsfald og 12 uheld på vejene.",
        [
            ("33 dødsfald", quantity(33, "dødsfald", None, category="other")),
            ("12 uheld", quantity(12, "uheld", None, category="other")),
        ],
    ),
    (
        "adjective-before-lexicon-noun",
        "Kommunen har 50 forskellige tilbud til unge.",
        [("50 forskellige tilbud", quantity(50, "tilbud", None, category="other"))],
    ),
    (
        "coordinated-compound",
        "Der er oprettet 40 bus- og togforbindelser.",
        [("40 bus- og togforbindelser", quantity(40, "togforbindelse", None, category="other"))],
    ),
    (
        "qualifier-with-article",
        "Andelen har ligget omkring de 60 procent hele året.",
        [("omkring de 60 procent", pct(60, "andel", approximate=True))],
    ),
    (
        "percent-af-after",
        "Målet er, at mindst 90 procent af patienterne udredes inden for en måned.",
        [("mindst 90 procent", pct(90, "patient", lower=90))],
    ),
    (
        "participle-people",
        "To tiltalte blev frifundet i byretten.",
        [("To tiltalte", quantity(2, "tiltalt", None))],
    ),
    (
        "same-plural-before-verb",
        "Med disse fire tilsagn fortsætter indsatsen.",
        [("fire tilsagn", quantity(4, "tilsagn", None, category="other"))],
    ),
    (
        "compound-svar",
        "Forslaget bygger på de 351 høringssvar, der kom ind.",
        [("351 høringssvar", quantity(351, "høringssvar", None, category="other"))],
    ),
    (
        "percent-flere",
        "Målet er, at 5 pct. flere ledige kommer i job.",
        [("5 pct.", pct(5, "ledige"))],
    ),
    (
        "table-line",
        "Aabenraa Kommune 1.150.000 kr. 4,2 pct.",
        [("4,2 pct.", pct(4.2))],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_quantities(quantities_nlp: Language, text: str, expected: list[tuple[str, dict[str, Any]]]) -> None:
    doc = quantities_nlp(text)
    want = [(t, text.index(t), text.index(t) + len(t), value) for t, value in expected]
    assert rows(doc) == want


NEGATIVES = [
    ("ordinal-word", "Det er fjerde gang, at kernelandene mødes."),
    ("past-tense", "Mange blev stoppet, og 20 kørte selvom de var frakendt kørekortet."),
    ("genitive-years", "Partierne vil fortsætte de seneste tre års meget positive erfaringer."),
    ("english-to", "Subscribe to all the latest releases."),
    ("fraction", "De fire femtedele ajourføres hvert år."),
    ("week-number", "Politiet har i uge 29 udført adskillige kontroller."),
    ("definite-plural", "På dag to drøftede ministrene klimaet."),
    ("vague-hundreds", "Vejen blev indviet af flere hundrede motorcykler."),
    ("ordinal-digit", "Lovforslaget går nu til 2. behandling i Folketinget."),
    ("phone", "Ring på tlf. 33 92 33 20 eller +45 41 23 45 67."),
    ("time-date", "Mødet holdes kl. 14.30 den 24.3.2022."),
    ("model-names", "Flyet er en F-16, og transportflyet er en C-130J."),
    ("goal-name", "2030-målet kræver handling."),
    ("law-paragraph", "Efter § 7 i lov nr. 123 kan ministeren give dispensation."),
    ("noun-between", "Der er 3 gange flere ansøgere end sidste år."),
    ("year-of-a-season", "Styrelsen foretog i efteråret 2015 uanmeldte kontrolbesøg hos virksomheder."),
    ("year-of-a-month", "Rådet anmeldte i april 2016 sagen til politiet."),
    ("article-not-count", "En soldat blev såret."),
    ("year", "I 2017 vil Danmark yde et markant bidrag."),
    ("money-not-count", "Prisen er 2 mia. kr."),
    ("cvr", "CVR-nr. 12345678"),
    ("date-range", "I perioden 2017-2020 blev der bygget meget."),
    ("time-range", "Der er åbent i tidsrummet 0900-1200."),
    ("year-then-verb", "I 2023 rejser ministeren til Kyiv."),
    ("duration", "Projektet løber i 3 år og 6 måneder."),
    ("currency-after-adjective", "Norge støtter med 750.000 norske kroner."),
    ("superlative", "Det er de 3 største."),
    ("adjective-not-a-noun", "Der kom 50 forskellige."),
    ("comparative-of-a-measure", "Der er 3 gange flere ansøgere i år."),
]


@pytest.mark.parametrize("text", [t for _, t in NEGATIVES], ids=[i for i, _ in NEGATIVES])
def test_no_quantities(quantities_nlp: Language, text: str) -> None:
    doc = quantities_nlp(text)
    assert rows(doc) == []


def test_units_lexicon_is_packaged() -> None:
    units = load_units()
    assert units["stabsofficerer"] == Unit("stabsofficer", "personnel")
    assert units["soldaterne"] == Unit("soldat", "personnel")
    assert units["fly"] == Unit("fly", "other")
    assert {u.category for u in units.values()} == {"personnel", "other"}


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("mænd", Unit("mand", "personnel")),
        ("skoleelever", Unit("skoleelev", "personnel")),
        ("C-130J-fly", Unit("fly", "other")),
        ("it-specialister", Unit("it-specialist", "personnel")),
        ("kroner", None),
        ("gange", None),
    ],
    ids=["irregular-plural", "compound", "model-name-compound", "hyphen-compound", "currency", "not-a-unit"],
)
def test_unit_lookup(word: str, expected: Unit | None) -> None:
    assert QuantityFinder().unit(word) == expected


def test_seed_release_gives_the_four_personnel_quantities(quantities_nlp: Language, seed_datadir: LazyDataDir) -> None:
    text = (seed_datadir / f"{SEED}.txt").read_text(encoding="utf-8")
    gold = json.loads((seed_datadir / f"{SEED}.gold.json").read_text(encoding="utf-8"))["quantities"]
    doc = quantities_nlp(text)
    got = [{"text": s.text, "span": [s.start_char, s.end_char], **s._.quantity} for s in doc.spans["quantities"]]
    keys = ("value", "lower", "upper", "approximate", "unit", "category", "subject")
    want = [
        {
            "text": g["text"],
            "span": g["span"],
            **{k: g.get(k, False if k == "approximate" else None) for k in keys},
            "subject": gold_subject(g, g["text"]),  # the gold's "stabsofficerer" repeats the unit: no subject
        }
        for g in gold
    ]
    assert len(want) == 4 and {g["category"] for g in want} == {"personnel"}
    assert [w["subject"] for w in want] == ["radarbidrag", "kapacitetsopbygningsbidrag", "styrkebidrag", None]
    assert got == want


TEXTS = [text for _, text, _ in CASES]


def test_values_survive_to_disk_and_load(quantities_nlp: Language, tmp_path: Path) -> None:
    quantities_nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert loaded.pipe_names == ["extract/quantities"]
    assert [rows(loaded(t)) for t in TEXTS] == [rows(quantities_nlp(t)) for t in TEXTS]


def test_values_survive_multiprocessing(quantities_nlp: Language) -> None:
    expected = [rows(quantities_nlp(t)) for t in TEXTS]
    got = [rows(doc) for doc in quantities_nlp.pipe(TEXTS, n_process=2, batch_size=4)]
    assert got == expected
    assert sum(len(r) for r in got) == sum(len(c[2]) for c in CASES)


def test_guessing_can_be_turned_off() -> None:
    nlp = spacy.blank("da")
    nlp.add_pipe("extract/quantities", config={"guess_units": False})
    doc = nlp("Politiet kontrollerede 1.400 bilister og 30 betjente.")
    assert [s.text for s in doc.spans["quantities"]] == ["30 betjente"]


def test_custom_units_file(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text("form,lemma,category\nkanoner,kanon,other\n", encoding="utf-8")
    nlp = spacy.blank("da")
    nlp.add_pipe("extract/quantities", config={"units": str(path), "guess_units": False})
    doc = nlp("Der står 12 kanoner og 30 soldater.")
    assert [(s.text, s._.quantity["unit"]) for s in doc.spans["quantities"]] == [("12 kanoner", "kanon")]
