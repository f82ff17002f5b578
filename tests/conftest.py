"""Shared fixtures: the pipeline is built once per test session."""

from __future__ import annotations

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
