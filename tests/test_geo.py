"""extract.geo: GeoNames coordinates for the gazetteer's cities, joined onto CITY entities."""

from __future__ import annotations

import pandas as pd
import pytest

from extract.geo import city_coordinates, with_coordinates
from extract.resources import data_path, read_jsonl


@pytest.mark.parametrize(
    ("kb_id", "latitude", "longitude"),
    [("2618425", 55.676, 12.566), ("2624652", 56.157, 10.211), ("3413829", 64.135, -21.895), ("99072", 36.335, 43.119)],
    ids=["København", "Aarhus", "Reykjavik", "Mosul"],
)
def test_city_coordinates(kb_id: str, latitude: float, longitude: float) -> None:
    row = city_coordinates().set_index("kb_id").loc[kb_id]
    assert row["latitude"] == pytest.approx(latitude, abs=0.01)
    assert row["longitude"] == pytest.approx(longitude, abs=0.01)


def test_every_geonames_city_has_coordinates_and_only_those() -> None:
    geonames_ids = {c["id"] for c in read_jsonl("cities.jsonl") if c["id"].isdigit()}
    coordinates = city_coordinates()
    assert set(coordinates["kb_id"]) == geonames_ids
    assert coordinates["latitude"].between(-90, 90).all() and coordinates["longitude"].between(-180, 180).all()
    assert data_path("city_coordinates.csv").stat().st_size < 500_000  # a small file: id and two numbers


def test_with_coordinates_keeps_cities_and_leaves_unknown_ones_empty() -> None:
    entities = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a"],
            "label": ["CITY", "COUNTRY", "CITY"],
            "canonical": ["København", "Danmark", "Søborg"],
            "kb_id": ["2618425", "DK", "DK-Søborg"],
        }
    )
    got = with_coordinates(entities)
    assert got["canonical"].tolist() == ["København", "Søborg"]
    assert got["latitude"].iloc[0] == pytest.approx(55.676, abs=0.01)
    assert pd.isna(got["latitude"].iloc[1])
