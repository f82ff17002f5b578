"""Golden test: the user's seed release against its gold annotation (tests/data/, via pytest-datadir)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import extract
from extract.readers import read_paths

SEED = "000_35452d5bb9e7cfc4"


@pytest.fixture()
def seed(shared_datadir: Path, nlp):
    records = list(read_paths([shared_datadir / f"{SEED}.txt"]))
    gold = json.loads((shared_datadir / f"{SEED}.gold.json").read_text(encoding="utf-8"))
    return extract.extract(records, nlp=nlp), gold


def test_seed_metadata_comes_from_sidecar(seed) -> None:
    tables, gold = seed
    doc = tables.documents.iloc[0]
    assert doc["doc_id"] == gold["doc_id"]
    assert doc["published"] == pd.Timestamp(gold["published"])
    assert doc["publisher"] == gold["publisher"]
    assert doc["status"] == "ok"


def test_seed_ministers_exactly(seed) -> None:
    tables, gold = seed
    got = sorted((r.name, r.title, r.country, r.start_char, r.end_char) for r in tables.ministers.itertuples())
    want = sorted((m["name"], m["title"], m["country"], s, e) for m in gold["ministers"] for s, e in m["mentions"])
    assert got == want
    assert sorted({(r.name, r.country) for r in tables.ministers.itertuples()}) == [
        ("Ash Carter", "US"),
        ("Claus Hjort Frederiksen", "DK"),
    ]


def test_seed_entities_exactly(seed) -> None:
    tables, gold = seed
    optional = {(s, e) for item in gold["entities"] if item.get("optional") for s, e in item["mentions"]}
    want = sorted(
        (item["label"], s, e) for item in gold["entities"] if not item.get("optional") for s, e in item["mentions"]
    )
    got = sorted(
        (r.label, r.start_char, r.end_char)
        for r in tables.entities.itertuples()
        if (r.start_char, r.end_char) not in optional
    )
    assert got == want


def test_seed_entity_canonicals(seed) -> None:
    tables, gold = seed
    by_span = {(r.start_char, r.end_char): r for r in tables.entities.itertuples()}
    for item in gold["entities"]:
        if item.get("optional"):
            continue
        for s, e in item["mentions"]:
            row = by_span[(s, e)]
            assert row.canonical == item["canonical"]
            if "country" in item:
                assert row.country == item["country"]
