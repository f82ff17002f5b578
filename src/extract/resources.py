"""Read the package's data files (gazetteers, lexicons) once per process.

Data lives in `extract/data/` and is built by `scripts/build_gazetteers.py`; see `data/README.md`.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

DATA_PACKAGE = "extract.data"


def data_path(name: str) -> Path:
    return Path(str(resources.files(DATA_PACKAGE) / name))


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Rows of a JSONL file; a bare name means a file of the package's data folder."""
    p = Path(path) if isinstance(path, Path) or "/" in str(path) else data_path(str(path))
    rows = []
    with open(p, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise ValueError(f"{p}:{lineno}: invalid JSON: {err.msg}") from err
    return rows


@cache
def word_list(name: str) -> frozenset[str]:
    """Whitespace-separated words of a data file, `#` lines being comments."""
    words: set[str] = set()
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


@cache
def party_letters() -> dict[str, str]:
    """A Danish party's letter or abbreviation ("S", "DF", "RV") -> the party's canonical name."""
    with open(data_path("party_letters.csv"), encoding="utf-8", newline="") as fh:
        return {row["letter"]: row["party"] for row in csv.DictReader(fh)}


@cache
def nationalities() -> dict[str, str]:
    """Nationality adjective (both forms, lower case) -> ISO 3166 alpha-2."""
    with open(data_path("nationalities.csv"), encoding="utf-8", newline="") as fh:
        return {row["form"]: row["iso"] for row in csv.DictReader(fh)}


@cache
def city_records() -> dict[str, dict[str, Any]]:
    """GeoNames id -> {name, country, population, ...} for every city of the gazetteer."""
    return {row["id"]: row for row in read_jsonl("cities.jsonl")}
