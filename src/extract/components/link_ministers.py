"""Ministers linked to our data of Danish ministers' posts by the release's publication date.

Runs after `extract/ministers`. For each span of `doc.spans["ministers"]` it asks the register
(`extract.officeholders`) who held the office on `doc._.published`, and rewrites the span: its id (the
`name` column) becomes the holder's name for a title-only mention linked by office, and
`span._.minister_link` holds `{"person_id", "linked_by", "conflict"}`. A name as written is never
changed; a name that contradicts the data is flagged `conflict`. Without a publication date nothing is
linked by office.
"""

from __future__ import annotations

from pathlib import Path

from spacy.lang.da import Danish
from spacy.language import Language
from spacy.tokens import Doc, Span

import extract.extensions  # noqa: F401  (registers Span._.minister_link)
from extract.officeholders import OfficeRegister, default_register, load_register
from extract.parse.dates import to_date


class MinisterLinker:
    def __init__(self, name: str, register: OfficeRegister, spans_key: str = "ministers") -> None:
        self.name = name
        self.register = register
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        if self.spans_key not in doc.spans:
            return doc
        day = to_date(doc._.published)
        linked = []
        for span in doc.spans[self.spans_key]:
            link = self.register.link(span.id_ or None, span.label_, span.kb_id_ or None, day)
            new = Span(doc, span.start, span.end, label=span.label_, kb_id=span.kb_id_, span_id=link.name or "")
            new._.minister_link = {"person_id": link.person_id, "linked_by": link.linked_by, "conflict": link.conflict}
            linked.append(new)
        doc.spans[self.spans_key] = linked
        return doc


@Danish.factory(
    "extract/link_ministers",
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={"ministers": "default", "governments": "default", "spans_key": "ministers"},
)
def make_link_ministers(nlp: Language, name: str, ministers: str, governments: str, spans_key: str) -> MinisterLinker:
    """`ministers`/`governments`: "default" for the package's data files, else paths to CSVs of that shape."""
    if ministers == "default" and governments == "default":
        register = default_register()
    else:
        register = load_register(
            None if ministers == "default" else Path(ministers),
            None if governments == "default" else Path(governments),
        )
    return MinisterLinker(name, register, spans_key=spans_key)
