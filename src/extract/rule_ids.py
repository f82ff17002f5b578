"""The id a gazetteer or person rule gives its spans: `KEY[|gen][|amb]`.

KEY is the GeoNames id (CITY), ISO code (COUNTRY), canonical name (ORG, PERSON), or `*` when the
matched text is its own canonical name. `gen` marks a genitive form ("Danmarks", "FN's"), whose
ending is not part of the entity; `amb` a place name that is also a person's name or too small a town
to trust ("Greve", "Holm", "Tapa"): a CITY only with evidence; `word` a place name that is also a
Danish word ("Skive", "Hals"): a CITY unless it starts a sentence without evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

ANY_KEY = "*"


@dataclass(frozen=True)
class RuleId:
    key: str
    genitive: bool = False
    ambiguous: bool = False
    word: bool = False

    def __str__(self) -> str:
        flags = [f for f, on in (("gen", self.genitive), ("amb", self.ambiguous), ("word", self.word)) if on]
        return "|".join([self.key, *flags])


@lru_cache(maxsize=65536)  # a few thousand distinct ids, parsed hundreds of times per release
def parse_rule_id(value: str) -> RuleId:
    key, *flags = value.split("|")
    return RuleId(key, genitive="gen" in flags, ambiguous="amb" in flags, word="word" in flags)


def strip_genitive(text: str) -> str:
    """Drop a Danish genitive ending: "FN's" -> "FN", "Danmarks" -> "Danmark", "Paris'" -> "Paris"."""
    for ending in ("'s", "’s", "'", "’", "s"):
        if text.endswith(ending) and len(text) > len(ending) + 1:
            return text[: -len(ending)]
    return text
