"""Singular lemmas of Danish nouns, from lemmy (a lemmatizer trained on the Danish Dependency Treebank).

Counts name their unit by its singular ("118 tilfælde" -> tilfælde, "17 adresser" -> adresse, "8 museer"
-> museum). Cutting endings gets such words wrong ("tilfæld", "adress", "muse"); lemmy has learnt the
Danish inflection classes, irregular plurals included, so the quantities component asks it for nouns
its own lexicon does not list.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _lemmatizer() -> Any:
    import lemmy  # imported here: loading its rules takes a fifth of a second, needed only for unknown nouns

    return lemmy.load("da")


@lru_cache(maxsize=4096)
def noun_lemma(word: str) -> str:
    """The singular indefinite form of the noun `word` (lower case): "indlæggelser" -> "indlæggelse"."""
    lower = word.lower()
    candidates = _lemmatizer().lemmatize("NOUN", lower)
    return str(candidates[0]) if candidates else lower
