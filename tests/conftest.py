"""Shared fixtures: the pipeline is built once per test session."""

from __future__ import annotations

import pytest
from spacy.language import Language

import extract


@pytest.fixture(scope="session")
def nlp() -> Language:
    return extract.load()
