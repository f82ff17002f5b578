"""The gazetteer data: every municipality seat is a city, exonyms resolve, countries carry ISO codes."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

import extract
from extract.resources import read_jsonl

ROOT = Path(__file__).resolve().parent.parent
with open(ROOT / "scripts" / "sources" / "municipalities.csv", encoding="utf-8") as fh:
    MUNICIPALITIES = list(csv.DictReader(fh))


def test_98_municipalities() -> None:
    assert len(MUNICIPALITIES) == 98
    assert {m["region"] for m in MUNICIPALITIES} == {
        "Hovedstaden",
        "Sjælland",
        "Syddanmark",
        "Midtjylland",
        "Nordjylland",
    }


def test_every_municipality_seat_is_a_city(nlp) -> None:
    texts = [f"Mødet blev holdt i {m['seat']} i går." for m in MUNICIPALITIES]
    ents = extract.extract(texts, nlp=nlp).entities
    found = {(r.text, r.label, r.country) for r in ents.itertuples()}
    missing = [m["seat"] for m in MUNICIPALITIES if (m["seat"], "CITY", "DK") not in found]
    assert not missing


def test_every_municipality_is_an_organisation(nlp) -> None:
    orgs = {o["canonical"] for o in read_jsonl("organisations.jsonl") if o["kind"] == "municipality"}
    assert "Københavns Kommune" in orgs and "Aarhus Kommune" in orgs and "Bornholms Regionskommune" in orgs
    assert len(orgs) >= 98


@pytest.mark.parametrize(
    ("name", "canonical", "country"),
    [
        ("København", "København", "DK"),
        ("Copenhagen", "København", "DK"),
        ("Bruxelles", "Bruxelles", "BE"),
        ("Moskva", "Moskva", "RU"),
        ("Haag", "Haag", "NL"),
        ("Kijev", "Kyiv", "UA"),
        ("Kyiv", "Kyiv", "UA"),
        ("Århus", "Aarhus", "DK"),
        ("Nuuk", "Nuuk", "GL"),
        ("Tórshavn", "Tórshavn", "FO"),
        ("Søborg", "Søborg", "DK"),
    ],
)
def test_exonyms_resolve(nlp, name: str, canonical: str, country: str) -> None:
    [row] = list(extract.extract([f"Ministeren var i {name} i sidste uge."], nlp=nlp).entities.itertuples())
    assert (row.text, row.label, row.canonical, row.country) == (name, "CITY", canonical, country)
    if name == "Søborg":
        assert pd.isna(row.kb_id)  # no GeoNames id for towns GeoNames lacks
    else:
        assert row.kb_id.isdigit()


def test_countries_have_iso_codes_and_danish_names() -> None:
    countries = {c["iso"]: c for c in read_jsonl("countries.jsonl")}
    assert len(countries) >= 200
    for iso, form in [
        ("US", "USA"),
        ("GB", "Storbritannien"),
        ("NL", "Holland"),
        ("IQ", "Irak"),
        ("SY", "Syrien"),
        ("DE", "Tyskland"),
        ("RU", "Rusland"),
        ("GL", "Grønland"),
    ]:
        assert form in countries[iso]["forms"], iso
