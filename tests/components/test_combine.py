"""`extract/combine`: how the model's spans join the rules' entities.

Each case gives a sentence, the spans the model is made to find (text, label; the first occurrence), and every
entity that must result as (text without genitive, label, canonical, kb_id). The model's output is set by hand,
so these cases test the combination step alone. `rules=False` clears the rules' entities and ministers first,
to show a mapping the rules would otherwise pre-empt.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

import extract
from extract.components.combine import EntityCombiner


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The pipeline with our NER model (the default, `extract.load()`, is the rules only)."""
    return extract.load(ner=True)


RULE_BEATS_MODEL = [
    (
        "model-fills-a-gap",
        "Mødet med Zygmunt Brandt fandt sted i Bruxelles.",
        [("Zygmunt Brandt", "PER")],
        [("Zygmunt Brandt", "PERSON", "Zygmunt Brandt", ""), ("Bruxelles", "CITY", "Bruxelles", "2800866")],
    ),
    (
        "rule-org-beats-overlapping-model-loc",
        "Han arbejder på Aarhus Universitet.",
        [("Aarhus", "LOC")],
        [("Aarhus Universitet", "ORG", "Aarhus Universitet", "")],
    ),
    (
        "model-org-around-a-rule-city-is-the-organisation",
        "Udstillingen vises på Horsens Kunstmuseum.",
        [("Horsens Kunstmuseum", "ORG")],
        [("Horsens Kunstmuseum", "ORG", "Horsens Kunstmuseum", "")],
    ),
    (
        "model-loc-around-a-rule-city-does-not-replace-it",
        "Han bor i Horsens Nord.",
        [("Horsens Nord", "LOC")],
        [("Horsens", "CITY", "Horsens", "2619771")],
    ),
    (
        "rule-city-beats-model-org-on-same-tokens",
        "Mødet fandt sted i Bruxelles.",
        [("Bruxelles", "ORG")],
        [("Bruxelles", "CITY", "Bruxelles", "2800866")],
    ),
    (
        "rule-person-beats-longer-model-span",
        "Sundhedsminister Zygmunt Brandt åbnede klinikken.",
        [("Sundhedsminister Zygmunt Brandt", "PER")],
        [("Zygmunt Brandt", "PERSON", "Zygmunt Brandt", "")],
    ),
]

LABEL_MAPPING = [
    (
        "loc-known-city-ambiguous-without-evidence",
        "Også Greve får en ny svømmehal.",
        [("Greve", "LOC")],
        [("Greve", "CITY", "Greve", "2621215")],
    ),
    (
        "loc-unknown-stays-loc",
        "Turen gik langs Vadehavet.",
        [("Vadehavet", "LOC")],
        [("Vadehavet", "LOC", "Vadehavet", "")],
    ),
    (
        "loc-known-country",
        "Sverige vandt kampen.",
        [("Sverige", "LOC")],
        [("Sverige", "COUNTRY", "SE", "SE")],
    ),
    (
        "org-known-takes-canonical",
        "FE advarer om truslen.",
        [("FE", "ORG")],
        [("FE", "ORG", "Forsvarets Efterretningstjeneste", "")],
    ),
    (
        "org-unknown-keeps-its-text",
        "Vestkysten Byg har fået ordren.",
        [("Vestkysten Byg", "ORG")],
        [("Vestkysten Byg", "ORG", "Vestkysten Byg", "")],
    ),
    (
        "bullet-and-title-trimmed",
        "Bestyrelsen:\n• Næstformand Lise Bech Hald",
        [("• Næstformand Lise Bech Hald", "PER")],
        [("Lise Bech Hald", "PERSON", "Lise Bech Hald", "")],
    ),
    (
        "street-is-no-person",
        "Mødet holdes på Juliane Mariesvej 12.",
        [("Juliane Mariesvej", "PER")],
        [("Juliane Mariesvej", "LOC", "Juliane Mariesvej", "")],
    ),
    (
        "per-genitive-apostrophe",
        "Han læste Zygmunt Brandt's bog.",
        [("Zygmunt Brandt's", "PER")],
        [("Zygmunt Brandt", "PERSON", "Zygmunt Brandt", "")],
    ),
    (
        "per-final-s-kept-without-evidence",
        "Hun talte med Jonas Hans.",
        [("Jonas Hans", "PER")],
        [("Jonas Hans", "PERSON", "Jonas Hans", "")],
    ),
]

REPEATED_MENTIONS = [
    (
        "surname-alone-later",
        "Zygmunt Brandt kom til byen i går. Brandt blev modtaget på havnen.",
        [("Zygmunt Brandt", "PER")],
        [("Zygmunt Brandt", "PERSON", "Zygmunt Brandt", ""), ("Brandt", "PERSON", "Zygmunt Brandt", "")],
    ),
    (
        "surname-genitive",
        "Zygmunt Brandt kom til byen. Brandts tale varede en time.",
        [("Zygmunt Brandt", "PER")],
        [("Zygmunt Brandt", "PERSON", "Zygmunt Brandt", ""), ("Brandt", "PERSON", "Zygmunt Brandt", "")],
    ),
    (
        "abbreviation-in-parentheses-and-later",
        "Nordisk Kajakforbund (NKF) holder generalforsamling. NKF har 400 medlemmer.",
        [("Nordisk Kajakforbund", "ORG")],
        [
            ("Nordisk Kajakforbund", "ORG", "Nordisk Kajakforbund", ""),
            ("NKF", "ORG", "Nordisk Kajakforbund", ""),
            ("NKF", "ORG", "Nordisk Kajakforbund", ""),
        ],
    ),
    (
        "same-words-again-with-genitive",
        "Turen gik langs Vadehavet. Vadehavets fugle blev talt.",
        [("Vadehavet", "LOC")],
        [("Vadehavet", "LOC", "Vadehavet", ""), ("Vadehavet", "LOC", "Vadehavet", "")],
    ),
    (
        "model-surname-takes-the-full-name",
        "Zygmunt Brandt kom til byen. Senere talte Brandt.",
        [("Zygmunt Brandt", "PER"), ("Brandt", "PER")],
        [("Zygmunt Brandt", "PERSON", "Zygmunt Brandt", ""), ("Brandt", "PERSON", "Zygmunt Brandt", "")],
    ),
    (
        "lower-case-word-is-not-a-surname",
        "Hans Olsen kom. De så olsen-banden.",
        [("Hans Olsen", "PER")],
        [("Hans Olsen", "PERSON", "Hans Olsen", "")],
    ),
]


@pytest.fixture(scope="module")
def rules() -> Language:
    return extract.load(ner=False)


@pytest.fixture(scope="module")
def combiner(rules: Language) -> EntityCombiner:
    return EntityCombiner(rules, "combine", model_key="model", gazetteer_key="gazetteer")


def combined(rules: Language, combiner: EntityCombiner, text: str, model: list[tuple[str, str]], keep=True) -> Doc:
    doc = rules(text)
    if not keep:
        doc.ents = []
        doc._.ent_extra = {}
        doc.spans["ministers"] = []
    spans = []
    for surface, label in model:
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
    doc.spans["model"] = spans
    return combiner(doc)


def entities(doc: Doc) -> list[tuple[str, str, str, str]]:
    extra = doc._.ent_extra
    return [
        (doc.text[e.start_char : extra[f"{e.start_char}:{e.end_char}"]["end_char"]], e.label_, e.id_, e.kb_id_)
        for e in doc.ents
    ]


@pytest.mark.parametrize(
    ("text", "model", "expected"), [c[1:] for c in RULE_BEATS_MODEL], ids=[c[0] for c in RULE_BEATS_MODEL]
)
def test_rule_beats_model(rules, combiner, text, model, expected) -> None:
    assert entities(combined(rules, combiner, text, model)) == expected


@pytest.mark.parametrize(
    ("text", "model", "expected"), [c[1:] for c in LABEL_MAPPING], ids=[c[0] for c in LABEL_MAPPING]
)
def test_label_mapping(rules, combiner, text, model, expected) -> None:
    assert entities(combined(rules, combiner, text, model, keep=False)) == expected


@pytest.mark.parametrize(
    ("text", "model", "expected"), [c[1:] for c in REPEATED_MENTIONS], ids=[c[0] for c in REPEATED_MENTIONS]
)
def test_repeated_mentions(rules, combiner, text, model, expected) -> None:
    assert entities(combined(rules, combiner, text, model)) == expected


def test_city_from_the_model_carries_its_country(rules, combiner) -> None:
    doc = combined(rules, combiner, "Også Greve får en ny svømmehal.", [("Greve", "LOC")], keep=False)
    assert doc._.ent_extra["5:10"] == {"end_char": 10, "country": "DK"}


def test_title_before_a_model_person_makes_a_minister(rules, combiner) -> None:
    """The rules found no minister here (cleared); the model's PERSON after the title becomes one, at each mention."""
    text = "Den svenske sundhedsminister Zygmunt Brandt åbnede klinikken. Brandt talte længe."
    doc = combined(rules, combiner, text, [("Zygmunt Brandt", "PER")], keep=False)
    rows = [(s.text, s.label_, s.id_, s.kb_id_) for s in doc.spans["ministers"]]
    assert rows == [
        ("Zygmunt Brandt", "sundhedsminister", "Zygmunt Brandt", "SE"),
        ("Brandt", "sundhedsminister", "Zygmunt Brandt", "SE"),
    ]


def test_no_minister_without_a_title(rules, combiner) -> None:
    doc = combined(rules, combiner, "Zygmunt Brandt åbnede klinikken.", [("Zygmunt Brandt", "PER")])
    assert list(doc.spans["ministers"]) == []


def test_a_rule_minister_is_not_doubled(rules, combiner) -> None:
    text = "Sundhedsminister Zygmunt Brandt åbnede klinikken."
    doc = combined(rules, combiner, text, [("Zygmunt Brandt", "PER")])
    assert [(s.text, s.label_) for s in doc.spans["ministers"]] == [("Zygmunt Brandt", "sundhedsminister")]


def test_model_spans_of_other_labels_are_ignored(rules, combiner) -> None:
    doc = rules("Mødet handlede om Vestkysten Byg.")
    doc.spans["model"] = [Span(doc, 3, 5, label="MISC")]
    assert list(combiner(doc).ents) == []


NOT_NAMES = [
    ("line-break-inside", "Kontakt\nPressechef Lise Bech", [("Kontakt\nPressechef", "ORG")]),
    ("trailing-hyphen", "Kultur- og fritidsudvalget mødes.", [("Kultur-", "ORG")]),
    ("common-word-starting-a-sentence", "Det er vedtaget. Aftalen gælder fra i dag.", [("Aftalen", "ORG")]),
    ("definite-compound-starting-a-sentence", "Lovforslaget vedtages i dag.", [("Lovforslaget", "ORG")]),
    ("role-noun-alone", "Han blev valgt. Formand for udvalget er hun.", [("Formand", "ORG")]),
    ("type-designation", "Danmark køber nye F-16-fly.", [("F-16-fly", "ORG")]),
    ("no-capital", "Det gælder nordisk samarbejde.", [("nordisk", "ORG")]),
    ("party-letter", "Det mener Jakob Ellemann-Jensen (V).", [("V", "ORG")]),
    ("company-form-letters", "Selskabet Nordvind K/S byggede parken.", [("K/S", "ORG")]),
    ("time-zone", "Opdateret kl. 10.15 CET i dag.", [("CET", "ORG")]),
    ("definite-noun-head-starting-a-line", "Status\nOmdrejningspunktet er prisen.", [("Omdrejningspunktet", "ORG")]),
    ("word-place-starting-a-sentence", "Rom og cola er ikke en del af menuen.", [("Rom", "LOC")]),
    ("word-place-as-a-person", "Det var en nice dag, men Nice var ikke nævnt.", [("Nice", "PER")]),
    ("lower-case-elsewhere", "Budgettet er vedtaget, og budgettet holder.", [("Budgettet", "ORG")]),
    ("person-of-common-words", "Kampagnen hedder Frit Lejde i år.", [("Frit Lejde", "PER")]),
]


@pytest.mark.parametrize(("text", "model"), [c[1:] for c in NOT_NAMES], ids=[c[0] for c in NOT_NAMES])
def test_model_spans_that_are_no_names_are_dropped(rules, combiner, text, model) -> None:
    rule_ents = [(e.text, e.label_) for e in rules(text).ents]
    assert [(e.text, e.label_) for e in combined(rules, combiner, text, model).ents] == rule_ents
