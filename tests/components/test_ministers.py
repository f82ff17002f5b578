"""Ministers: title + name, foreign ministers' countries, and later mentions tied to the full name."""

from __future__ import annotations

import pandas as pd
import pytest

import extract

# (id, text, expected rows as (text, name, title, country))
CASES = [
    (
        "plain",
        "Forsvarsminister Troels Lund Poulsen besøger i dag Ålborg.",
        [("Troels Lund Poulsen", "Troels Lund Poulsen", "forsvarsminister", "DK")],
    ),
    (
        "lower-case",
        "Det oplyser justitsminister Peter Hummelgaard.",
        [("Peter Hummelgaard", "Peter Hummelgaard", "justitsminister", "DK")],
    ),
    (
        "statsminister",
        "Statsminister Mette Frederiksen holder pressemøde kl. 14.",
        [("Mette Frederiksen", "Mette Frederiksen", "statsminister", "DK")],
    ),
    (
        "comma-after-title",
        "Forsvarsminister, Troels Lund Poulsen, er i Kyiv.",
        [("Troels Lund Poulsen", "Troels Lund Poulsen", "forsvarsminister", "DK")],
    ),
    (
        "party-letter",
        "Udviklingsminister Dan Jørgensen (S) åbner konferencen.",
        [("Dan Jørgensen", "Dan Jørgensen", "udviklingsminister", "DK")],
    ),
    (
        "compound-title",
        "Det siger beskæftigelses- og ligestillingsminister Peter Hummelgaard.",
        [("Peter Hummelgaard", "Peter Hummelgaard", "beskæftigelses- og ligestillingsminister", "DK")],
    ),
    (
        "three-part-title",
        "Uddannelses-, forsknings- og innovationsminister Anne Hansen takker.",
        [("Anne Hansen", "Anne Hansen", "uddannelses-, forsknings- og innovationsminister", "DK")],
    ),
    (
        "minister-for",
        "Minister for byer og landdistrikter Morten Dahlin besøgte Skive.",
        [("Morten Dahlin", "Morten Dahlin", "minister for byer og landdistrikter", "DK")],
    ),
    (
        "title-after-name",
        "”Vi er tilfredse,” siger Ellen Trane Nørby, minister for børn, undervisning og ligestilling, og fortsætter.",
        [("Ellen Trane Nørby", "Ellen Trane Nørby", "minister for børn, undervisning og ligestilling", "DK")],
    ),
    (
        "title-after-name-plain",
        "Det siger Mette Frederiksen, statsminister, efter mødet.",
        [("Mette Frederiksen", "Mette Frederiksen", "statsminister", "DK")],
    ),
    (
        "title-after-name-belongs-to-next",  # the title names the person after it, not the one before
        "Til stede var Anne Hansen, udenrigsminister Lars Løkke Rasmussen og flere andre.",
        [("Lars Løkke Rasmussen", "Lars Løkke Rasmussen", "udenrigsminister", "DK")],
    ),
    (
        "foreign-title-then-name",  # "for at" starts no "minister for ..." post; the country carries over
        "Løkke møder Ungarns udenrigsminister for at drøfte Ukraine. Han tager imod sin kollega Péter Szijjártó. "
        "Mødet med udenrigsminister Szijjártó er godt.",
        [
            ("udenrigsminister", "Péter Szijjártó", "udenrigsminister", "HU"),
            ("Péter Szijjártó", "Péter Szijjártó", "udenrigsminister", "HU"),
            ("Szijjártó", "Péter Szijjártó", "udenrigsminister", "HU"),
        ],
    ),
    (
        "curly-genitive-country",
        "USA’s udenrigsminister Mike Pompeo besøger Grønland.",
        [("Mike Pompeo", "Mike Pompeo", "udenrigsminister", "US")],
    ),
    (
        "adviser-of-the-minister",  # the name after "Presserådgiver for udenrigsministeren," is the adviser's
        "Udenrigsminister Anders Samuelsen tager imod. Kontakt: Presserådgiver for udenrigsministeren, Kasper Olsen.",
        [
            ("Anders Samuelsen", "Anders Samuelsen", "udenrigsminister", "DK"),
            ("udenrigsministeren", "Anders Samuelsen", "udenrigsminister", "DK"),
        ],
    ),
    (
        "american",
        "Han mødte den amerikanske forsvarsminister Lloyd Austin.",
        [("Lloyd Austin", "Lloyd Austin", "forsvarsminister", "US")],
    ),
    (
        "current-american",
        "Det er sidste møde for den nuværende amerikanske forsvarsminister Ash Carter.",
        [("Ash Carter", "Ash Carter", "forsvarsminister", "US")],
    ),
    (
        "british-pm",
        "Den britiske premierminister Keir Starmer ankom i går.",
        [("Keir Starmer", "Keir Starmer", "premierminister", "GB")],
    ),
    (
        "genitive-country",
        "Ukraines forsvarsminister Rustem Umerov takkede for støtten.",
        [("Rustem Umerov", "Rustem Umerov", "forsvarsminister", "UA")],
    ),
    (
        "usa-genitive",
        "USA's udenrigsminister Antony Blinken var også til stede.",
        [("Antony Blinken", "Antony Blinken", "udenrigsminister", "US")],
    ),
    (
        "later-full-name",
        'Udenrigsminister Lars Løkke Rasmussen rejser. "Det er vigtigt," siger Lars Løkke Rasmussen.',
        [
            ("Lars Løkke Rasmussen", "Lars Løkke Rasmussen", "udenrigsminister", "DK"),
            ("Lars Løkke Rasmussen", "Lars Løkke Rasmussen", "udenrigsminister", "DK"),
        ],
    ),
    (
        "later-surname",
        "Skatteminister Jeppe Bruus fremlagde planen. Bruus forventer et flertal.",
        [("Jeppe Bruus", "Jeppe Bruus", "skatteminister", "DK"), ("Bruus", "Jeppe Bruus", "skatteminister", "DK")],
    ),
    (
        "definite-later",
        "Kulturminister Jakob Engel-Schmidt åbnede museet. Kulturministeren roste byen.",
        [
            ("Jakob Engel-Schmidt", "Jakob Engel-Schmidt", "kulturminister", "DK"),
            ("Kulturministeren", "Jakob Engel-Schmidt", "kulturminister", "DK"),
        ],
    ),
    (
        "ministeren-later",
        "Sundhedsminister Sophie Løhde besøgte Rigshospitalet, hvor ministeren talte med personalet.",
        [
            ("Sophie Løhde", "Sophie Løhde", "sundhedsminister", "DK"),
            ("ministeren", "Sophie Løhde", "sundhedsminister", "DK"),
        ],
    ),
    (
        "definite-before-name",
        "Statsministeren rejser i dag til Bruxelles. Statsminister Mette Frederiksen skal mødes med EU.",
        [
            ("Statsministeren", "Mette Frederiksen", "statsminister", "DK"),
            ("Mette Frederiksen", "Mette Frederiksen", "statsminister", "DK"),
        ],
    ),
    (
        "definite-minister-for",
        "Minister for udviklingssamarbejde og global klimapolitik Dan Jørgensen rejser. Udviklingsministeren "
        "besøger Kenya.",
        [
            ("Dan Jørgensen", "Dan Jørgensen", "minister for udviklingssamarbejde og global klimapolitik", "DK"),
            ("Udviklingsministeren", "Dan Jørgensen", "minister for udviklingssamarbejde og global klimapolitik", "DK"),
        ],
    ),
    (
        "definite-no-name",
        "Statsministeren rejser i dag til Bruxelles.",
        [("Statsministeren", None, "statsminister", "DK")],
    ),
    (
        "two-ministers",
        "Forsvarsminister Troels Lund Poulsen og hans norske kollega, forsvarsminister Bjørn Arild Gram, "
        "underskrev aftalen.",
        [
            ("Troels Lund Poulsen", "Troels Lund Poulsen", "forsvarsminister", "DK"),
            ("Bjørn Arild Gram", "Bjørn Arild Gram", "forsvarsminister", "NO"),
        ],
    ),
    (
        "genitive-name",
        "Erhvervsminister Morten Bødskov har talt. Bødskovs forslag vedtages.",
        [
            ("Morten Bødskov", "Morten Bødskov", "erhvervsminister", "DK"),
            ("Bødskov", "Morten Bødskov", "erhvervsminister", "DK"),
        ],
    ),
    (
        "nationality-of-colleague",
        "I dag mødtes hun med sin svenske kollega, udenrigsminister Anna Berg, i Stockholm.",
        [("Anna Berg", "Anna Berg", "udenrigsminister", "SE")],
    ),
    (
        "country-before-two-offices",
        "Han mødes med den schweiziske forbundspræsident og finansminister, Kaspar Villiger, i København.",
        [("Kaspar Villiger", "Kaspar Villiger", "finansminister", "CH")],
    ),
    (
        "title-colleague-compound",
        "I dag mødes han med sin polske udenrigsministerkollega Zbigniew Rau i Warszawa.",
        [("Zbigniew Rau", "Zbigniew Rau", "udenrigsminister", "PL")],
    ),
    (
        "country-of-a-list",
        "Han mødte Finlands præsident Aino Virtanen, statsminister Mikko Laine, i Helsinki.",
        [("Mikko Laine", "Mikko Laine", "statsminister", "FI")],
    ),
    (
        "list-of-posts",
        "Det siger kulturminister, minister for ligestilling og minister for nordisk samarbejde Ida Holm.",
        [
            (
                "Ida Holm",
                "Ida Holm",
                "kulturminister, minister for ligestilling og minister for nordisk samarbejde",
                "DK",
            )
        ],
    ),
    (
        "for-phrase-before-next-post",
        "Minister for byer og landdistrikter, kirkeminister og minister for nordisk samarbejde Ole Lind "
        "besøgte Ribe. Kirkeministeren var glad.",
        [
            (
                "Ole Lind",
                "Ole Lind",
                "minister for byer og landdistrikter, kirkeminister og minister for nordisk samarbejde",
                "DK",
            ),
            (
                "Kirkeministeren",
                "Ole Lind",
                "minister for byer og landdistrikter, kirkeminister og minister for nordisk samarbejde",
                "DK",
            ),
        ],
    ),
    (
        "colleague-nationality-and-den-title",
        "Han mødes med migrationsminister Eva van der Berg. Efter mødet med den nederlandske "
        "migrationsminister siger han: Jeg takker min nederlandske ministerkollega Eva van der Berg.",
        [
            ("Eva van der Berg", "Eva van der Berg", "migrationsminister", "NL"),
            ("migrationsminister", "Eva van der Berg", "migrationsminister", "NL"),
            ("Eva van der Berg", "Eva van der Berg", "migrationsminister", "NL"),
        ],
    ),
    (
        "middle-name-as-surname",
        "Dybvad til møde i Haag. Integrationsminister Kaare Dybvad Bek rejser i dag.",
        [
            ("Dybvad", "Kaare Dybvad Bek", "integrationsminister", "DK"),
            ("Kaare Dybvad Bek", "Kaare Dybvad Bek", "integrationsminister", "DK"),
        ],
    ),
    (
        "genitive-of-a-known-name",
        "Klimaminister Lars Aagaard deltog. Klimaminister Lars Aagaards oplæg tog hul på debatten.",
        [
            ("Lars Aagaard", "Lars Aagaard", "klimaminister", "DK"),
            ("Lars Aagaard", "Lars Aagaard", "klimaminister", "DK"),  # the genitive s is not part of the name
        ],
    ),
    (
        "surname-before-the-full-name",
        "Udenrigsminister Kofod tager imod gæster. Udenrigsminister Jeppe Kofod siger, at det er godt.",
        [
            ("Kofod", "Jeppe Kofod", "udenrigsminister", "DK"),
            ("Jeppe Kofod", "Jeppe Kofod", "udenrigsminister", "DK"),
        ],
    ),
    (
        "title-after-a-genitive-country",
        "Statsminister Lars Holm modtog i dag Georgiens udenrigsminister, som er på besøg.",
        [
            ("Lars Holm", "Lars Holm", "statsminister", "DK"),
            ("udenrigsminister", None, "udenrigsminister", "GE"),
        ],
    ),
    (
        "honorific-before-the-name",
        "Han mødte Tysklands forbundsminister for transport, byggeri og byudvikling, Dr. Peter Ramsauer.",
        [("Peter Ramsauer", "Peter Ramsauer", "forbundsminister for transport, byggeri og byudvikling", "DE")],
    ),
    (
        "coordination-without-hyphen",
        "Miljø-, fødevare og fiskeriminister Jens Dahl besøgte Thyborøn. Ministeren var glad.",
        [
            ("Jens Dahl", "Jens Dahl", "miljø-, fødevare og fiskeriminister", "DK"),
            ("Ministeren", "Jens Dahl", "miljø-, fødevare og fiskeriminister", "DK"),
        ],
    ),
    (
        "genitive-after-den",
        "Under den polske forsvarsministers besøg i Karup blev aftalen underskrevet.",
        [("forsvarsministers", None, "forsvarsminister", "PL")],
    ),
    (
        "genitive-surname-in-sen",
        "Beskæftigelsesminister Ane Halsboe-Jørgensens kommentar til tallene.",
        [("Ane Halsboe-Jørgensen", "Ane Halsboe-Jørgensen", "beskæftigelsesminister", "DK")],
    ),
    ("no-minister-secretary", "Han mødte U.S. Secretary of Defense Lloyd Austin.", []),
    ("no-ministry", "Forsvarsministeriet oplyser, at ministeriet har modtaget brevet.", []),
    ("plural-not-minister", "Ministrene mødes i Bruxelles.", []),
    ("not-minister-chancellor", "Tysklands forbundskansler Olaf Scholz deltog.", []),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_ministers(nlp, text: str, expected: list[tuple]) -> None:
    df = extract.extract([text], nlp=nlp).ministers
    got = [(r.text, None if pd.isna(r.name) else r.name, r.title, r.country) for r in df.itertuples()]
    assert got == expected
    for r in df.itertuples():
        assert text[r.start_char : r.end_char] == r.text


def test_minister_name_is_person_without_title(nlp) -> None:
    text = "Den amerikanske forsvarsminister Lloyd Austin besøger Karup."
    ents = extract.extract([text], nlp=nlp).entities
    assert [(r.text, r.label, r.start_char, r.end_char) for r in ents.itertuples()] == [
        ("Lloyd Austin", "PERSON", 33, 45),
        ("Karup", "CITY", 54, 59),
    ]
