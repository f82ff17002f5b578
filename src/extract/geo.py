"""Where the cities we find are: GeoNames coordinates for the CITY entities' `kb_id`, for maps."""

from __future__ import annotations

from functools import cache

import pandas as pd

from extract.resources import data_path


@cache
def city_coordinates() -> pd.DataFrame:
    """`kb_id` (GeoNames id), `latitude`, `longitude` of every city in the gazetteer that GeoNames places.

    Built by scripts/build_gazetteers.py into `data/city_coordinates.csv`; the few Danish towns GeoNames
    lacks (keyed `DK-Name`) have no row.
    """
    df = pd.read_csv(data_path("city_coordinates.csv"), dtype={"id": str, "latitude": float, "longitude": float})
    return df.rename(columns={"id": "kb_id"})


def with_coordinates(entities: pd.DataFrame) -> pd.DataFrame:
    """The CITY rows of an entities table with their `latitude` and `longitude` (empty where unknown)."""
    cities = entities[entities["label"] == "CITY"]
    return cities.merge(city_coordinates(), on="kb_id", how="left")
