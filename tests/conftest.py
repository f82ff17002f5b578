"""Shared fixtures: the pipeline is built once per test session."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_datadir.plugin import LazyDataDir
from spacy.language import Language

import extract


@pytest.fixture(scope="session")
def nlp() -> Language:
    return extract.load()


@pytest.fixture
def seed_datadir(tmp_path: Path) -> LazyDataDir:
    """pytest-datadir's shared_datadir over tests/data/, where the seed release is kept once for all tests."""
    return LazyDataDir(Path(__file__).resolve().parent / "data", tmp_path)


# --- PostgreSQL (tests/test_sinks.py, tests/test_batch.py) ---------------------------------------------
# The URL of a server the tests may create schemas in (`.ci/postgres.sh` prints one). Without it the
# PostgreSQL tests skip on a developer's machine and fail in CI, where they must run.
PG_URL_VARIABLE = "PRESSEXTRACT_PG_URL"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL whose search_path is a fresh schema, dropped afterwards: tests do not see each other's tables."""
    url = os.environ.get(PG_URL_VARIABLE)
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{PG_URL_VARIABLE} is not set: .ci/run must start PostgreSQL with .ci/postgres.sh")
        pytest.skip(f"{PG_URL_VARIABLE} is not set")
    import sqlalchemy as sa

    schema = f"test_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in url else "?"
    yield f"{url}{sep}options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()
