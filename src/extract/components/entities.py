"""Resolve candidate spans into `doc.ents`: the one tested step that decides what is an entity.

Candidates come from the gazetteer (`doc.spans["gazetteer"]`) and the person finder
(`doc.spans["persons"]`). Rules, in order:
1. a place name that is also a Danish word or name ("Greve", "Holm", "Rom", "Nice") is a CITY only with
   evidence: a locative word before it ("i Rom", "fra Greve") or a country after it ("Nice, Frankrig");
2. overlaps go to the longest span ("Aarhus Universitet" beats "Aarhus"; "Anders Holm" beats "Holm"),
   then to PERSON > ORG > COUNTRY > CITY, then to a known name over a pattern match.
Each entity gets `id_` = canonical name (ISO code for countries), `kb_id_` = GeoNames id / ISO code, and an
entry in `doc._.ent_extra` with the end of the name without a genitive ending and a city's country.
"""

from __future__ import annotations

from spacy.lang.da import Danish
from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.extensions import register_extensions
from extract.resources import city_records
from extract.rule_ids import ANY_KEY, parse_rule_id, strip_genitive

LOCATIVES = frozenset(
    "i fra til ved nær mod omkring gennem via udenfor indenfor nordfor sydfor byen hovedstaden havnebyen "
    "kommunen nord syd øst vest bl.a. besøg besøget besøger besøgte rejser rejste ankom".split()
)
LABEL_PRIORITY = {"PERSON": 4, "ORG": 3, "COUNTRY": 2, "CITY": 1, "LOC": 0}

register_extensions()


class EntityResolver:
    def __init__(self, nlp: Language, name: str, candidate_keys: list[str]) -> None:
        self.name = name
        self.candidate_keys = candidate_keys
        self.cities = city_records()

    def _has_evidence(self, doc: Doc, span: Span, countries: set[int]) -> bool:
        if span.start > 0 and doc[span.start - 1].lower_ in LOCATIVES:
            return True
        return span.end + 1 < len(doc) and doc[span.end].text == "," and span.end + 1 in countries

    def __call__(self, doc: Doc) -> Doc:
        candidates = [s for key in self.candidate_keys if key in doc.spans for s in doc.spans[key]]
        countries = {s.start for s in candidates if s.label_ == "COUNTRY"}
        kept = []
        for span in candidates:
            rid = parse_rule_id(span.id_)
            if span.label_ == "CITY" and rid.ambiguous and not self._has_evidence(doc, span, countries):
                continue
            kept.append(span)
        kept.sort(
            key=lambda s: (
                -(s.end - s.start),
                -LABEL_PRIORITY.get(s.label_, 0),
                parse_rule_id(s.id_).key == ANY_KEY,
                s.start,
            )
        )
        taken: set[int] = set()
        ents: list[Span] = []
        extra: dict[str, dict[str, object]] = {}
        for span in kept:
            if taken.intersection(range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            ent, info = self._entity(doc, span)
            ents.append(ent)
            extra[f"{ent.start_char}:{ent.end_char}"] = info
        doc.ents = sorted(ents, key=lambda s: s.start)
        doc._.ent_extra = extra
        return doc

    def _entity(self, doc: Doc, span: Span) -> tuple[Span, dict[str, object]]:
        rid = parse_rule_id(span.id_)
        text = span.text
        name = strip_genitive(text) if rid.genitive else text
        if text.endswith(".") and span.label_ == "ORG" and not name.endswith(".."):
            name = name.rstrip(".") if not rid.genitive else name  # "Novo Nordisk A/S." at a sentence end
        country: str | None = None
        kb_id = ""
        if span.label_ == "CITY":
            record = self.cities.get(rid.key, {})
            canonical = str(record.get("name", name))
            country = record.get("country")
            kb_id = rid.key
        elif span.label_ == "COUNTRY":
            canonical = kb_id = rid.key
        elif rid.key == ANY_KEY or not rid.key:
            canonical = name
        else:
            canonical = rid.key
        ent = Span(doc, span.start, span.end, label=span.label_, kb_id=kb_id, span_id=canonical)
        return ent, {"end_char": span.start_char + len(name), "country": country}


@Danish.factory(
    "extract/entities",
    assigns=["doc.ents"],
    requires=["doc.spans"],
    default_config={"candidate_keys": ["persons", "gazetteer"]},
)
def make_entities(nlp: Language, name: str, candidate_keys: list[str]) -> EntityResolver:
    return EntityResolver(nlp, name, candidate_keys)
