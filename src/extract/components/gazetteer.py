"""Gazetteer matching: cities, countries and organisations from data files, via spaCy's span_ruler.

The rules are data (`data/gazetteer_patterns.jsonl`, built by `scripts/build_gazetteers.py`): phrase
patterns for every known name and its genitive, plus token patterns for organisation names we do not
know ("…ministeriet", "X Kommune", "X A/S"). Matches go to `doc.spans["gazetteer"]` unfiltered; the
`extract/entities` component decides which of them become entities.
"""

from __future__ import annotations

from spacy.lang.da import Danish
from spacy.language import Language
from spacy.pipeline.span_ruler import SpanRuler

from extract.resources import read_jsonl

DEFAULT_PATTERNS = "gazetteer_patterns.jsonl"


@Danish.factory(
    "extract/gazetteer",
    assigns=["doc.spans"],
    default_config={"spans_key": "gazetteer", "patterns": "default"},
)
def make_gazetteer(nlp: Language, name: str, spans_key: str, patterns: str) -> SpanRuler:
    """A span_ruler loaded with our patterns ("default"), a JSONL file of patterns, or none ("")."""
    ruler = SpanRuler(
        nlp,
        name,
        spans_key=spans_key,
        spans_filter=None,
        annotate_ents=False,
        phrase_matcher_attr="ORTH",
        validate=False,
        overwrite=True,
    )
    if patterns:
        ruler.add_patterns(read_jsonl(DEFAULT_PATTERNS if patterns == "default" else patterns))
    return ruler
