"""What the rule components know about each token, as one string the NER model embeds (its `TAG` input).

The model is trained and run on Docs whose `tag_` holds these strings, so it learns how far to trust each rule:
the resolved rule entity (`B-PERSON`, `I-ORG`, …), else a raw gazetteer match the resolver dropped
(`gCITY`, `gORG*` for an organisation matched by pattern only), plus `F` for a known first name.
"""

from __future__ import annotations

from spacy.tokens import Doc

from extract.resources import word_list
from extract.rule_ids import ANY_KEY, parse_rule_id

NO_FEATURE = "O"


def token_features(doc: Doc, gazetteer_key: str = "gazetteer") -> list[str]:
    """One feature string per token of a Doc the rule components have run over."""
    first_names = word_list("first_names.txt")
    ents = ["" for _ in doc]
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            ents[i] = ("B-" if i == ent.start else "I-") + ent.label_
    gaz = ["" for _ in doc]
    for span in doc.spans.get(gazetteer_key, []):
        pattern = "*" if parse_rule_id(span.id_).key == ANY_KEY else ""
        for i in range(span.start, span.end):
            if not ents[i] and not gaz[i]:
                gaz[i] = "g" + span.label_ + pattern
    features = []
    for tok, rule, g in zip(doc, ents, gaz, strict=True):
        parts = [p for p in (rule or g, "F" if tok.text in first_names else "") if p]
        features.append("|".join(parts) or NO_FEATURE)
    return features
