"""The extract/amounts component: spans, values and subjects on real-shaped Danish sentences."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy
from pytest_datadir.plugin import LazyDataDir
from spacy.language import Language
from spacy.tokens import Doc

import extract.components.amounts  # noqa: F401  (registers the factory)

SEED = "000_35452d5bb9e7cfc4"


@pytest.fixture(scope="session")
def amounts_nlp() -> Language:
    nlp = spacy.blank("da")
    nlp.add_pipe("extract/amounts")
    return nlp


def rows(doc: Doc) -> list[tuple[str, int, int, dict[str, Any]]]:
    return [(s.text, s.start_char, s.end_char, s._.amount) for s in doc.spans["amounts"]]


def amount(
    value: float | None,
    currency: str = "DKK",
    lower: float | None = None,
    upper: float | None = None,
    approximate: bool = False,
    subject: str | None = None,
) -> dict[str, Any]:
    return {
        "value": value,
        "currency": currency,
        "lower": lower,
        "upper": upper,
        "approximate": approximate,
        "subject": subject,
    }


# (id, sentence, [(span text, expected span._.amount)])
CASES: list[tuple[str, str, list[tuple[str, dict[str, Any]]]]] = [
    (
        "afsaetter-til-sygehuse",
        "Regeringen afsætter 2 mia. kr. til sygehuse i de kommende år.",
        [("2 mia. kr.", amount(2e9, subject="sygehus"))],
    ),
    (
        "compound-kroner",
        "Færre har søgt om de godt 6 milliarder støttekroner.",
        [("godt 6 milliarder støttekroner", amount(6e9, lower=6e9, approximate=True))],
    ),
    (
        "pulje-paa",
        "Der oprettes en pulje på 40 mio. kr. til lokale projekter.",
        [("40 mio. kr.", amount(4e7, subject="pulje"))],
    ),
    (
        "seed-shape-cirka-millioner-kroner",
        "Støtten kanaliseres via det nye regionale stabiliseringsprogram for Syrien og Irak på cirka "
        "332,5 millioner kroner.",
        [("cirka 332,5 millioner kroner", amount(332.5e6, approximate=True, subject="stabiliseringsprogram"))],
    ),
    (
        "recipient-faar-tilfoert",
        "Forsvaret får tilført 1,7 mia. kr. ekstra i 2024.",
        [("1,7 mia. kr.", amount(1.7e9, subject="forsvar"))],
    ),
    (
        "no-subject",
        "Der er afsat 1,7 mia. kr. ekstra i 2024.",
        [("1,7 mia. kr.", amount(1.7e9))],
    ),
    (
        "euro-til",
        "Danmark giver 50 mio. euro til genopbygning af Ukraine.",
        [("50 mio. euro", amount(5e7, "EUR", subject="genopbygning"))],
    ),
    (
        "range-mellem-og",
        "Projektet koster mellem 2 og 3 mia. kr.",
        [("mellem 2 og 3 mia. kr.", amount(None, lower=2e9, upper=3e9, subject="projekt"))],
    ),
    (
        "range-dash",
        "Udgiften anslås til 2-3 mia. kr. om året.",
        [("2-3 mia. kr.", amount(None, lower=2e9, upper=3e9))],
    ),
    (
        "range-fra-til",
        "Hvert projekt kan få fra 10 til 15 mio. kr. i støtte.",
        [("fra 10 til 15 mio. kr.", amount(None, lower=1e7, upper=1.5e7, subject="støtte"))],
    ),
    (
        "change-fra-til",  # two levels, not a range: the figure read is the new one
        "Bevillingen hæves fra 10 til 15 mio. kr. årligt.",
        [("15 mio. kr.", amount(1.5e7, subject="bevilling"))],
    ),
    (
        "kr-prefix-dash",
        "Deltagergebyret er kr. 1.500,- pr. person.",
        [("kr. 1.500,-", amount(1500.0, subject="deltagergebyr"))],
    ),
    (
        "dkk-prefix",
        "Billetten koster DKK 449,00 inkl. moms.",
        [("DKK 449,00", amount(449.0, subject="billet"))],
    ),
    (
        "headline-period-decimal",
        "Kommunen får 3.4 millioner til cykelstier",
        [("3.4 millioner", amount(3.4e6, subject="cykelsti"))],
    ),
    (
        "norske-kroner-op-til",
        "Norge bidrager med op til 5 mia. norske kroner.",
        [("op til 5 mia. norske kroner", amount(5e9, "NOK", upper=5e9))],
    ),
    (
        "knap",
        "Aftalen giver knap 40 mio. kroner til forskning.",
        [("knap 40 mio. kroner", amount(4e7, upper=4e7, approximate=True, subject="forskning"))],
    ),
    (
        "number-word-mia",
        "Indsatsen får tre mia. kr. over fire år.",
        [("tre mia. kr.", amount(3e9, subject="indsats"))],
    ),
    (
        "lidt-over",
        "Der er afsat lidt over 2 mia. kr. til området.",
        [("lidt over 2 mia. kr.", amount(2e9, lower=2e9, approximate=True, subject="område"))],
    ),
    (
        "table-line",
        "Aabenraa Kommune 1.150.000 kr. 4,2 pct.",
        [("1.150.000 kr.", amount(1150000.0))],
    ),
    (
        "t-kr",
        "Fonden uddeler i alt 500 t. kr. til unge iværksættere.",
        [("500 t. kr.", amount(500000.0, subject="iværksætter"))],
    ),
    (
        "sentence-initial-subject",
        "Rammen på 18,3 mio. kr. dækker hele 2024.",
        [("18,3 mio. kr.", amount(18.3e6, subject="ramme"))],
    ),
    (
        "two-currencies",
        "USA har lovet 10 mio. dollars, og Storbritannien giver 3 millioner pund.",
        [("10 mio. dollars", amount(1e7, "USD")), ("3 millioner pund", amount(3e6, "GBP"))],
    ),
    (
        "halvanden-million",
        "Regeringen afsætter halvanden million kroner til et nyt videncenter.",
        [("halvanden million kroner", amount(1.5e6, subject="videncenter"))],
    ),
    (
        "change-is-two-amounts",
        "Budgettet stiger fra 2 mia. kr. til 3 mia. kr.",
        [("2 mia. kr.", amount(2e9, subject="budget")), ("3 mia. kr.", amount(3e9, subject="budget"))],
    ),
    (
        "en-halv-milliard",
        "Støtten udgør en halv milliard kroner.",
        [("en halv milliard kroner", amount(5e8, subject="støtte"))],
    ),
    (
        "relative-clause-verb",
        "Energinet står for forbindelsen, der forventes at koste omkring 2,5 mia. kr.",
        [("omkring 2,5 mia. kr.", amount(2.5e9, approximate=True, subject="forbindelse"))],
    ),
    (
        "i-after",
        "Region Midtjylland investerer 415 mio. kroner i nyt akuthus i Randers.",
        [("415 mio. kroner", amount(4.15e8, subject="akuthus"))],
    ),
    (
        "pr-after",
        "Der er afsat maksimalt 40 mio. kr. pr. kommune.",
        [("maksimalt 40 mio. kr.", amount(4e7, upper=4e7, subject="kommune"))],
    ),
    (
        "fact-box-label",
        "Fakta\n- Tilskud: 3,5 mio. kr.\n- Ansøgningsfrist: 1. marts",
        [("3,5 mio. kr.", amount(3.5e6, subject="tilskud"))],
    ),
    (
        "time-adverbial-then-til",
        "Planen afsætter 2-3 mia. kr. frem til 2030 til opkøb af jord.",
        [("2-3 mia. kr.", amount(None, lower=2e9, upper=3e9, subject="opkøb"))],
    ),
    (
        "value-af",
        "Pakken har en samlet værdi af ca. 4,4 mia. kr.",
        [("ca. 4,4 mia. kr.", amount(4.4e9, approximate=True, subject="værdi"))],
    ),
    (
        "glued-scale-currency",
        "Puljen på 2,5 mia.kr. er opbrugt.",
        [("2,5 mia.kr.", amount(2.5e9, subject="pulje"))],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_amounts(amounts_nlp: Language, text: str, expected: list[tuple[str, dict[str, Any]]]) -> None:
    doc = amounts_nlp(text)
    want = [(t, text.index(t), text.index(t) + len(t), value) for t, value in expected]
    assert rows(doc) == want


NEGATIVES = [
    ("table-header-years", "Resultat i mio. kr. 2015 2014"),
    ("phone", "Ring til pressevagten på tlf. 33 92 33 20 eller +45 41 23 45 67."),
    ("law-paragraph", "Lovforslaget behandles efter § 7 i lov nr. 123."),
    ("time-date", "Mødet begynder kl. 14.30 den 24.3.2022."),
    ("ordinal-word", "Det er fjerde gang, at landene mødes."),
    ("ordinal-digit", "Lovforslaget går nu til 2. behandling."),
    ("model-names", "Danmark sender fire F-16 og et C-130J-fly."),
    ("goal-name", "2030-målet er ambitiøst."),
    ("vague-amount", "Udgiften er et trecifret millionbeløb."),
    ("count-not-money", "Der deltog 150 soldater og 3 millioner besøgende."),
    ("cvr", "Virksomheden har CVR-nr. 12345678."),
    ("year", "I 2017 vil Danmark yde et markant bidrag."),
]


@pytest.mark.parametrize("text", [t for _, t in NEGATIVES], ids=[i for i, _ in NEGATIVES])
def test_no_amounts(amounts_nlp: Language, text: str) -> None:
    doc = amounts_nlp(text)
    assert rows(doc) == []


def test_spans_never_overlap(amounts_nlp: Language) -> None:
    doc = amounts_nlp("Puljen er på 2-3 mia. kr., kr. 1.500,- og 40 mio.kr. i alt.")
    spans = list(doc.spans["amounts"])
    assert [s.text for s in spans] == ["2-3 mia. kr.", "kr. 1.500,-", "40 mio.kr."]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def test_seed_release_matches_gold(amounts_nlp: Language, seed_datadir: LazyDataDir) -> None:
    text = (seed_datadir / f"{SEED}.txt").read_text(encoding="utf-8")
    gold = json.loads((seed_datadir / f"{SEED}.gold.json").read_text(encoding="utf-8"))["amounts"]
    doc = amounts_nlp(text)
    got = [{"text": s.text, "span": [s.start_char, s.end_char], **s._.amount} for s in doc.spans["amounts"]]
    keys = ("value", "currency", "lower", "upper", "approximate", "subject")
    want = [
        {"text": g["text"], "span": g["span"], **{k: g.get(k, False if k == "approximate" else None) for k in keys}}
        for g in gold
    ]
    assert len(gold) == 1
    assert got == want


TEXTS = [text for _, text, _ in CASES]


def test_values_survive_to_disk_and_load(amounts_nlp: Language, tmp_path: Path) -> None:
    amounts_nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert loaded.pipe_names == ["extract/amounts"]
    assert [rows(loaded(t)) for t in TEXTS] == [rows(amounts_nlp(t)) for t in TEXTS]


def test_values_survive_multiprocessing(amounts_nlp: Language) -> None:
    expected = [rows(amounts_nlp(t)) for t in TEXTS]
    got = [rows(doc) for doc in amounts_nlp.pipe(TEXTS, n_process=2, batch_size=4)]
    assert got == expected
    assert sum(len(r) for r in got) == sum(len(c[2]) for c in CASES)


def test_config_turns_off_implicit_currency() -> None:
    nlp = spacy.blank("da")
    nlp.add_pipe("extract/amounts", config={"implicit_currency": None, "spans_key": "money"})
    doc = nlp("Kommunen får 3.4 millioner til cykelstier og 2 mio. kr. til stier")
    assert [s.text for s in doc.spans["money"]] == ["2 mio. kr."]
