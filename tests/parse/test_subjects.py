"""Subjects found by patterns around a mention, without spaCy (a blank pipeline has no parser)."""

from __future__ import annotations

import pytest

from extract.parse.subjects import (
    AMOUNT_RULES,
    AMOUNT_VERBS,
    CHANGE_VERBS,
    COUNT_RULES,
    COUNT_VERBS,
    PERCENT_RULES,
    amount_subject,
    count_subject,
    label_subject,
    percent_subject,
    same_head,
    subject_after,
    subject_before,
    subject_lemma,
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
    ("size-of-the-nearest", "en forventning om et overskud på 17,3 mio. kr.", "17,3", ("på",), "overskud"),
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
    ("Der gives 2 mia. kr. til at styrke beredskabet", ("til",), "beredskabet"),  # the verb's object
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
    ("Ledighed: 7,7 pct.", "Ledighed"),
    ("Læs: 7,7 pct. flere ledige", None),  # layout, not a label
    ("Programmet godkendt: 7,7 pct. mere", None),  # a headline's participle
    ("Det er en stigning på: 7,7 pct.", None),
]


@pytest.mark.parametrize(("text", "expected"), LABELS, ids=[t.split(":")[0].split()[-1] for t, _ in LABELS])
def test_label_subject(text: str, expected: str | None) -> None:
    assert label_subject(text, text.index("7,7")) == expected


# The rule set: one named list per table, (id, sentence, the mention, expected subject lemma or None).
def _mention(text: str, mention: str) -> tuple[int, int]:
    start = text.index(mention)
    return start, start + len(mention)


AMOUNT_EXAMPLES = [
    (
        "VERB-pronoun-adverb-X-med",
        "Som led i medieaftalen øger vi også mediestøtten med 55 mio. kr. fra næste år.",
        "55 mio. kr.",
        "mediestøtte",
        "VERB X med N",
    ),
    (
        "VERB-genitive-X-med",
        "Derfor støtter Danmark WHO’s krisefond med 10 millioner kroner.",
        "10 millioner kroner",
        "krisefond",
        "VERB X med N",
    ),
    (
        "VERB-X-fra-N-til-M",
        "Samtidig reduceres den samlede folioramme fra 63 mia. kr. til 32 mia. kr. med virkning fra januar.",
        "32 mia. kr.",
        "folioramme",
        "VERB X med N",
    ),
    (
        "over-fire-aar-til",
        "Der er også afsat 26 mio. kr. over fire år til indsatser, der forebygger psykisk sygdom.",
        "26 mio. kr.",
        "indsats",
        "N til X",
    ),
    (
        "til-a-counted-phrase",
        "Der er udbetalt ca. 70 mio. kr. til de ca. 6.100 landmænd, der har sået.",
        "ca. 70 mio. kr.",
        "landmand",
        "N til X",
    ),
    (
        "til-after-a-second-amount",
        "Der er afsat 20 mio. kr. i 2021 og 20 mio. kr. i 2023 til at løse kapacitetsudfordringerne.",
        "20 mio. kr.",
        "kapacitetsudfordring",
        "N til X",
    ),
    (
        "mere-i-X",
        "Universiteterne har fået 2,1 mia. kr. mere i basisforskningsmidler siden 2002.",
        "2,1 mia. kr.",
        "basisforskningsmiddel",
        "N i X",
    ),
    (
        "af-after-an-adjective",
        "Med aftalen er partierne enige om udmøntningen af ca. 846 mio. kr. i 2009.",
        "ca. 846 mio. kr.",
        "udmøntning",
        "X på N",
    ),
    (
        "til-raadighed-for",
        "Frem til 2027 stiller EU ca. 2,6 mia. kr. til rådighed for erhvervsfremmeindsatser.",
        "ca. 2,6 mia. kr.",
        "erhvervsfremmeindsats",
        "N til X",
    ),
    (
        "til-genitive-name",
        "Danmark giver 30 mio. kr. til Verdensbankens Ebola-trustfond i Afrika.",
        "30 mio. kr.",
        "ebola-trustfond",
        "N til X",
    ),
    (
        "til-genitive-name-abbreviation",
        "Der gives 17 mio. kr. til Den Internationale Røde Kors Komités (ICRC) indsatser i Gaza.",
        "17 mio. kr.",
        "indsats",
        "N til X",
    ),
    (
        "til-adjective-adverb",
        "Der afsættes 150 millioner kroner i 2016 til et særligt løft af erhvervsuddannelserne.",
        "150 millioner kroner",
        "løft",
        "N til X",
    ),
    (
        "til-X-adverb-after",
        "Aftalen har afsat 13 millioner kroner til idrætsfaciliteter udenfor Holbæk by.",
        "13 millioner kroner",
        "idrætsfacilitet",
        "N til X",
    ),
    (
        "headline-pulje-med",
        "Flere nyheder\nPulje med 160 millioner kroner til grønne lastbiler4.2.2026 07:00:50 CET",
        "160 millioner kroner",
        "pulje",
        "et X med N",
    ),
    ("X-paa-N", "Regeringen opretter en pulje på 40 mio. kr. til cykelstier.", "40 mio. kr.", "pulje", "X på N"),
    (
        "X-for-N",
        "Kommunen køber et nyt rådhus for 120 mio. kr.",
        "120 mio. kr.",
        "rådhus",
        "X på N",
    ),
    ("N-til-X", "Staten afsætter 2 mia. kr. til nye sygehuse.", "2 mia. kr.", "sygehus", "N til X"),
    ("N-afsat-til-X", "Der er 35 mio. kr. afsat til efteruddannelse.", "35 mio. kr.", "efteruddannelse", "N til X"),
    ("N-i-X", "Regionen investerer 415 mio. kr. i et nyt akuthus.", "415 mio. kr.", "akuthus", "N i X"),
    ("N-af-X", "Over 3 mia. kr. af bistanden går til Afrika.", "3 mia. kr.", "bistand", "N af X"),
    ("bruge-N-paa-X", "Vi vil bruge 12 mio. kr. på legepladser.", "12 mio. kr.", "legeplads", "bruge N på X"),
    ("X-VERB-N", "Renoveringen koster 48 mio. kr.", "48 mio. kr.", "renovering", "X VERB N"),
    ("recipient", "Kommunerne i perioden 2025-2028 får tilført 2 mia. kr.", "2 mia. kr.", "kommune", "X VERB N"),
    ("N-pr-X", "Der er afsat 40 mio. kr. pr. region.", "40 mio. kr.", "region", "N pr. X"),
    ("label", "Nøgletal\n- Anlægstilskud: 3 mio. kr.", "3 mio. kr.", "anlægstilskud", "label: N"),
    (
        "et-X-med-N",
        "Ministeriet lancerer en forsøgsordning med 25 mio. kr.",
        "25 mio. kr.",
        "forsøgsordning",
        "et X med N",
    ),
    ("raekke-af", "Der gives 9 mio. kr. til en række natur- og skovprojekter.", "9 mio. kr.", "skovprojekt", "N til X"),
    ("til-side-i", "Ministeren lægger 50 mio. kr. til side i en nødpulje.", "50 mio. kr.", "nødpulje", "N til X"),
    ("foer-skat", "Selskabet fik et overskud før skat på 310 mio. kr.", "310 mio. kr.", "overskud", "X på N"),
    ("til-at-VERB-X", "Byrådet giver 12 mio. kr. til at bygge nye klubhuse.", "12 mio. kr.", "klubhus", "N til X"),
    ("N-gaar-til-X", "Halvdelen, 30 mio. kr., går til cykelstier.", "30 mio. kr.", "cykelsti", "N til X"),
    (
        "periode-before-til",
        "Der er afsat 4 mia. kr. i aftaleperioden til kystsikring.",
        "4 mia. kr.",
        "kystsikring",
        "N til X",
    ),
    ("name-genitive", "Danmark giver 20 mio. kr. til WHO's nye vaccinefond.", "20 mio. kr.", "vaccinefond", "N til X"),
    ("soegt-om", "I alt er der søgt om tilskud for 80 mio. kr.", "80 mio. kr.", "tilskud", "X på N"),
    ("fordobles-til", "Pendlerstøtten fordobles til 60 mio. kr.", "60 mio. kr.", "pendlerstøtte", "X VERB N"),
    ("VERB-X-med-N", "Samtidig forhøjes puljen med 15 mio. kr.", "15 mio. kr.", "pulje", "VERB X med N"),
    (
        "past-tense-ends-phrase",
        "Bazoum udtrykte taknemlighed over det ekstra stabiliseringsbidrag på 10 mio. kr.",
        "10 mio. kr.",
        "stabiliseringsbidrag",
        "X på N",
    ),
    (
        "participle-ends-phrase",
        "Tilskuddet stiger fra 71 til 73 procent svarende til et årligt løft på cirka 120 mio. kr.",
        "cirka 120 mio. kr.",
        "løft",
        "X på N",
    ),
]
COUNT_EXAMPLES = [
    ("action-af-N", "Der gives millioner til istandsættelse af ti kirker.", "ti kirker", "istandsættelse", "X af N"),
    ("indeholder-N", "Planen indeholder 39 anbefalinger.", "39 anbefalinger", "plan", "X VERB N"),
    ("fald-i-antallet-paa", "Det gav et fald i antallet af borgere på 87 personer.", "87 personer", "fald", "X på N"),
    (
        "bidrag-paa-op-til-N-soldater",
        "Danmark sender et bidrag på op til 150 soldater.",
        "op til 150 soldater",
        "bidrag",
        "X på N",
    ),
    (
        "bestaa-af",
        "Det samlede danske bidrag vil bestå af op til ca. 90 personer.",
        "op til ca. 90 personer",
        "bidrag",
        "X VERB N",
    ),
    ("taeller", "Bataljonen tæller i alt 800 soldater.", "800 soldater", "bataljon", "X VERB N"),
    ("label", "Fakta\n- Beskæftigelse: 2,9 mio. personer", "2,9 mio. personer", "beskæftigelse", "label: N"),
    ("et-X-med-N", "Politiet opretter et rejsehold med seks betjente.", "seks betjente", "rejsehold", "et X med N"),
    ("VERB-X-med-N", "Derfor udvides ledelsen med tre nye chefer.", "tre nye chefer", "ledelse", "VERB X med N"),
]
PERCENT_EXAMPLES = [
    ("X-VERB-N", "Arbejdsløsheden faldt med 1,2 procent.", "1,2 procent", "arbejdsløshed", "X VERB N"),
    ("X-er-steget-til-N", "Smitten er i uge 40 steget til 4 %.", "4 %", "smitte", "X VERB N"),
    (
        "share-of-a-determined-noun",
        "96 pct. af den danske befolkning ejer en mobiltelefon.",
        "96 pct.",
        "befolkning",
        "N af X",
    ),
    (
        "X-er-fx-faldet",
        "Tyverianmeldelser er fx faldet med 21,2 % i år.",
        "21,2 %",
        "tyverianmeldelse",
        "X VERB N",
    ),
    (
        "share-of-a-plural-noun",
        "96 procent af alle borgere benyttede DR ugentligt.",
        "96 procent",
        "borger",
        "N af X",
    ),
    (
        "X-staar-for-N",
        "Industrien står for omkring 20 pct. af Danmarks udledninger.",
        "omkring 20 pct.",
        "industri",
        "X VERB N",
    ),
    (
        "stigning-i-X",
        "Det svarer til en stigning i eksporten på 3 procent.",
        "3 procent",
        "eksport",
        "stigning i X på N",
    ),
    ("X-paa-N", "Der var et fald på 9 pct. i antallet.", "9 pct.", "fald", "X på N"),
    ("X-med-N", "Målet er at reducere udledningen af CO2 med 70 procent.", "70 procent", "udledning", "X med N"),
    ("N-af-X", "I alt 62 procent af borgerne er tilfredse.", "62 procent", "borger", "N af X"),
    ("label", "Prognose\n- Inflation: 3,1 pct.", "3,1 pct.", "inflation", "label: N"),
    ("N-flere-X", "Regeringen vil have 5 pct. flere ledige i job.", "5 pct.", "ledige", "N flere X"),
    (
        "antallet-af",
        "Antallet af PCR-tests, som har været stabilt, er steget med 8 % fra uge 37.",
        "8 %",
        "antal",
        "antallet af X ... N",
    ),
    (
        "Antal-X",
        "Antal solgte billetter er 4 procent højere end sidste år.",
        "4 procent",
        "antal",
        "antallet af X ... N",
    ),
    ("time-genitive", "Der er brugt 40 pct. af årets reserverede midler.", "40 pct.", "middel", "N af X"),
]
RULES = {"amount": AMOUNT_EXAMPLES, "count": COUNT_EXAMPLES, "percent": PERCENT_EXAMPLES}
_FINDERS = {
    "amount": amount_subject,
    "count": lambda text, s, e: count_subject(text, s, e, unit_words=(text[s:e].split()[-1],)),
    "percent": percent_subject,
}


@pytest.mark.parametrize(
    ("kind", "text", "mention", "lemma", "rule"),
    [(kind, *case[1:]) for kind, cases in RULES.items() for case in cases],
    ids=[f"{kind}-{case[0]}" for kind, cases in RULES.items() for case in cases],
)
def test_rule_set(kind: str, text: str, mention: str, lemma: str, rule: str) -> None:
    found = _FINDERS[kind](text, *_mention(text, mention))
    assert found is not None
    assert (found.lemma, found.rule) == (lemma, rule)


def test_every_rule_has_an_example() -> None:
    tables = {"amount": AMOUNT_RULES, "count": COUNT_RULES, "percent": PERCENT_RULES}
    for kind, rules in tables.items():
        assert {r.name for r in rules} == {case[-1] for case in RULES[kind]}, kind


# Cases that must stay empty: a wrong subject is worse than none. (id, kind, sentence, mention)
EMPTY = [
    ("unit-itself", "count", "Danmark sender op til 40 soldater.", "op til 40 soldater"),
    ("antallet-til", "count", "Antallet af indlagte på intensiv er faldet til 4 tilfælde i uge 38.", "4 tilfælde"),
    ("idiom-af", "count", "Åbningerne kommer i forlængelse af 60 andre åbninger.", "60 andre åbninger"),
    ("her-er", "count", "Ordningen åbnede i december, og her er 123 fartøjer tilmeldt.", "123 fartøjer"),
    (
        "far-verb",
        "amount",
        "Regningen for etapen, der skal beskytte havnen, lyder på 43,5 millioner kroner.",
        "43,5 millioner kroner",
    ),
    ("unit-after-adjective", "count", "Hæren udsender ca. 150 danske soldater.", "ca. 150 danske soldater"),
    ("adjective-before-paa", "count", "Det militære på 30 personer rejser i dag.", "30 personer"),
    ("name-part", "count", "Herning Kommune har 48 skoler.", "48 skoler"),
    ("verb-before-paa", "count", "Politiet slog til på 17 adresser.", "17 adresser"),
    ("ifoelge-name", "count", "Ifølge DMI er 800 boliger oversvømmet.", "800 boliger"),
    ("verb-med", "count", "I planen lover rådet med 12 løfter at gøre noget.", "12 løfter"),
    ("pronoun", "amount", "Det er 2 mia. kr. mere end sidste år.", "2 mia. kr."),
    ("time", "amount", "Der gives 2 mia. kr. i de kommende år.", "2 mia. kr."),
    (
        "fewer-than",
        "percent",
        "I 2013 blev der anmeldt 106 røverier, og det er 17,2 procent færre end i 2012.",
        "17,2 procent",
    ),
    ("another-amount-after-til", "amount", "Grænsen blev sat ned fra 2 mio. kr. til 1 mio. kr. i april.", "2 mio. kr."),
    ("share-of-the-labour-force", "percent", "Ledigheden svarer til 3,7 procent af arbejdsstyrken.", "3,7 procent"),
    ("superlative", "count", "Tilstrømningen var på sit højeste med 21.316 asylansøgere.", "21.316 asylansøgere"),
    ("source-fra", "amount", "Kommunen har modtaget 25 mio. kr. fra puljen til udsatte kommuner.", "25 mio. kr."),
    ("participle-eret", "amount", "Med medfinansiering er der samlet investeret for i alt 3 mia. kr.", "3 mia. kr."),
    ("booked-on", "amount", "Der er brugt 4 mio. kr. på finansloven.", "4 mio. kr."),
    ("til-name", "amount", "Danmark giver 2 mia. kr. til Ukraine.", "2 mia. kr."),
    ("percent-unit", "percent", "Ledigheden som procent af arbejdsstyrken er nu 2,7 procent.", "2,7 procent"),
    ("andelen-other-percent", "percent", "Andelen steg fra 5 % til 7 procent i år.", "7 procent"),
    ("percent-and", "percent", "Prisen topper i maj og falder til 3 procent.", "3 procent"),
    ("share-of-base", "percent", "Danmark giver 0,7 pct. af BNI i bistand.", "0,7 pct."),
    ("adverb-before-verb", "percent", "Kravet bliver rent teknisk sænket til 8 procent.", "8 procent"),
    ("adverb-igt", "percent", "Bistanden er foreløbigt opgjort til 0,8 procent.", "0,8 procent"),
    ("har-participle-med", "amount", "Fonden har bidraget med 50 mio. kr.", "50 mio. kr."),
    ("name-no-genitive", "amount", "Der gives 1,5 mio. kr. til Danmarks Mediemuseum i Odense.", "1,5 mio. kr."),
    ("adverb-tidligere", "percent", "Det var 39 pct. i 2011, mens det to år tidligere bare var 28 pct.", "28 pct."),
    (
        "participle-blevet",
        "amount",
        "Det svarer til, at der er blevet opgjort omkring 5 mia. kr. for lidt.",
        "omkring 5 mia. kr.",
    ),
]


@pytest.mark.parametrize(("kind", "text", "mention"), [e[1:] for e in EMPTY], ids=[e[0] for e in EMPTY])
def test_no_subject_when_no_rule_is_sure(kind: str, text: str, mention: str) -> None:
    assert _FINDERS[kind](text, *_mention(text, mention)) is None


LEMMAS = [
    ("Bidraget", "bidrag"),
    ("sygehuse", "sygehus"),
    ("CO2-udledningen", "CO2-udledning"),
    ("BNP", "BNP"),
    ("museer", "museum"),
]


@pytest.mark.parametrize(("head", "lemma"), LEMMAS, ids=[h for h, _ in LEMMAS])
def test_subject_lemma(head: str, lemma: str) -> None:
    assert subject_lemma(head) == lemma


# The lenient match of `extract evaluate`: (a, b, same head?)
SAME_HEAD = [
    ("bidrag", "Bidraget", True),
    ("sygehus", "sygehuse", True),
    ("stabiliseringsprogram", "programmet", True),
    ("BNP-vækst", "vækst", True),
    ("museum", "Danmarks Mediemuseum", True),
    ("soldater", "er", False),
    ("pulje", "program", False),
    ("ledighed", "beskæftigelse", False),
]


@pytest.mark.parametrize(("a", "b", "same"), SAME_HEAD, ids=[f"{a}~{b}" for a, b, _ in SAME_HEAD])
def test_same_head(a: str, b: str, same: bool) -> None:
    assert same_head(a, b) is same
    assert same_head(b, a) is same
