"""extract/link_ministers: ministers rows tied to the office holder on the publication date."""

from __future__ import annotations

import pandas as pd
import pytest
from spacy.language import Language

import extract

# (id, text, published, expected rows as (text, name, title, person_id, linked_by, conflict))
CASES = [
    (
        "title-only-before-change",
        "Forsvarsministeren deltager i dag i NATO-mødet i Bruxelles.",
        "2019-06-20",
        [
            (
                "Forsvarsministeren",
                "Claus Hjort Frederiksen",
                "forsvarsminister",
                "claus-hjort-frederiksen",
                "office",
                False,
            )
        ],
    ),
    (
        "title-only-after-change",
        "Forsvarsministeren deltager i dag i NATO-mødet i Bruxelles.",
        "2019-07-04",
        [("Forsvarsministeren", "Trine Bramsen", "forsvarsminister", "trine-bramsen", "office", False)],
    ),
    (
        "renamed-ministry",
        "Klimaministeren præsenterer i morgen regeringens udspil om havvind.",
        "2019-05-02",
        [("Klimaministeren", "Lars Christian Lilleholt", "klimaminister", "lars-christian-lilleholt", "office", False)],
    ),
    (
        "renamed-ministry-after",
        "Klimaministeren præsenterer i morgen regeringens udspil om havvind.",
        "2020-05-02",
        [("Klimaministeren", "Dan Jørgensen", "klimaminister", "dan-joergensen", "office", False)],
    ),
    (
        "named-fits",
        "Det siger justitsminister Peter Hummelgaard i en kommentar til aftalen.",
        "2023-03-01",
        [("Peter Hummelgaard", "Peter Hummelgaard", "justitsminister", "peter-hummelgaard", "name", False)],
    ),
    (
        "named-contradicts",
        "Forsvarsminister Claus Hjort Frederiksen besøger i dag soldaterne i Tapa.",
        "2021-03-01",
        [
            (
                "Claus Hjort Frederiksen",
                "Claus Hjort Frederiksen",
                "forsvarsminister",
                "claus-hjort-frederiksen",
                "name",
                True,
            )
        ],
    ),
    (
        "later-title-tied-to-the-name",
        "Statsminister Lars Løkke Rasmussen åbner mødet. Statsministeren taler om Grønland.",
        "2018-06-12",
        [
            ("Lars Løkke Rasmussen", "Lars Løkke Rasmussen", "statsminister", "lars-loekke-rasmussen", "name", False),
            ("Statsministeren", "Lars Løkke Rasmussen", "statsminister", "lars-loekke-rasmussen", "name", False),
        ],
    ),
    (
        "foreign-minister",
        "Han mødte i går den amerikanske forsvarsminister Lloyd Austin.",
        "2024-06-20",
        [("Lloyd Austin", "Lloyd Austin", "forsvarsminister", None, None, False)],
    ),
    (
        "bare-ministeren",
        "Ministeren udtaler, at aftalen er et godt skridt.",
        "2024-06-20",
        [("Ministeren", None, "minister", None, None, False)],
    ),
]


def rows(nlp: Language, text: str, published: str | None) -> list[tuple]:
    tables = extract.extract([{"id": "r", "text": text, "published": published}], nlp=nlp)
    cols = ["text", "name", "title", "person_id", "linked_by", "conflict"]
    return [
        tuple(None if v is None or v is pd.NA else v for v in r)
        for r in tables.ministers[cols].astype(object).itertuples(index=False)
    ]


@pytest.mark.parametrize(("text", "published", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_linking(nlp: Language, text: str, published: str, expected: list[tuple]) -> None:
    assert rows(nlp, text, published) == expected


def test_without_publication_date_nothing_is_linked_by_office(nlp: Language) -> None:
    assert rows(nlp, "Statsministeren rejser i dag til Bruxelles.", None) == [
        ("Statsministeren", None, "statsminister", None, None, False)
    ]


def test_a_name_is_linked_without_a_date(nlp: Language) -> None:
    got = rows(nlp, "Det siger finansminister Nicolai Wammen.", None)
    assert got == [("Nicolai Wammen", "Nicolai Wammen", "finansminister", "nicolai-wammen", "name", False)]


def test_links_survive_n_process_2(nlp: Language) -> None:
    records = [
        {"id": str(i), "text": "Statsministeren rejser til Bruxelles.", "published": "2022-03-24"} for i in range(4)
    ]
    two = extract.extract(records, nlp=nlp, n_process=2)
    assert two.ministers["name"].tolist() == ["Mette Frederiksen"] * 4
    assert two.ministers["linked_by"].tolist() == ["office"] * 4


def test_custom_data_files(tmp_path, nlp: Language) -> None:
    """The component reads other CSVs of the same shape (config `ministers`, `governments`)."""
    (tmp_path / "g.csv").write_text(
        "government,name,start,end,known_until,parties\nx,Regeringen X,2030-01-01,,2030-12-31,A\n", encoding="utf-8"
    )
    (tmp_path / "m.csv").write_text(
        "government,person_id,name,party,title,start,end,start_certain,end_certain,note\n"
        "x,anne-hansen,Anne Hansen,A,statsminister,2030-01-01,,true,true,\n",
        encoding="utf-8",
    )
    custom = extract.load()
    custom.replace_pipe(
        "link_ministers",
        "extract/link_ministers",
        config={"ministers": str(tmp_path / "m.csv"), "governments": str(tmp_path / "g.csv")},
    )
    assert rows(custom, "Statsministeren rejser til Bruxelles.", "2030-05-01")[0][1] == "Anne Hansen"
