"""`extract/model_ner`: our trained Danish NER model, run over the tokens the rules already saw.

The model (`extract/models/da_ner`, trained by `scripts/train_ner.py` on UNER Danish-DDT) is a plain spaCy
pipeline (CNN tok2vec + ner, labels PER/LOC/ORG). It reads what the rule components found through each
token's `tag_` (see `extract/ner_features.py`), so it runs on a copy of the Doc in its own vocab: our Doc's
`tag_` and `doc.ents` are left alone. Its entities go to `doc.spans["model"]` unresolved; `extract/combine`
decides which of them become entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

import spacy
from spacy.lang.da import Danish
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from extract.ner_features import token_features

DEFAULT_MODEL = "da_ner"
# Beside the model: words its training text has in lower case (written by scripts/train_ner.py), for extract/combine.
COMMON_WORDS = "common_words.txt"
MAX_BATCH = 16


def model_path(model: str = DEFAULT_MODEL) -> Path:
    """A model shipped in the package's `models/` folder by name, or any spaCy pipeline folder by path."""
    if "/" in model or "\\" in model:
        return Path(model)
    return Path(str(resources.files("extract") / "models" / model))


class ModelNER:
    def __init__(self, nlp: Language, name: str, model: str, spans_key: str, gazetteer_key: str) -> None:
        self.name = name
        self.spans_key = spans_key
        self.gazetteer_key = gazetteer_key
        path = model_path(model)
        if not (path / "config.cfg").is_file():
            raise FileNotFoundError(f"no NER model at {path}: run scripts/train_ner.py, or load(ner=False)")
        self.model = spacy.load(path)

    def _model_doc(self, doc: Doc) -> Doc:
        return Doc(
            self.model.vocab,
            words=[t.text for t in doc],
            spaces=[bool(t.whitespace_) for t in doc],
            tags=token_features(doc, self.gazetteer_key),
        )

    def _write(self, doc: Doc, found: Doc) -> Doc:
        doc.spans[self.spans_key] = [Span(doc, e.start, e.end, label=e.label_) for e in found.ents]
        return doc

    def __call__(self, doc: Doc) -> Doc:
        found = self._model_doc(doc)
        for _, proc in self.model.pipeline:
            found = proc(found)
        return self._write(doc, found)

    def pipe(self, stream: Iterable[Doc], batch_size: int = MAX_BATCH) -> Iterator[Doc]:
        # releases are long Docs: the ner runs fastest on small batches (16: 12.2 s, 1000: 16.4 s on 215 releases)
        for batch in minibatch(stream, size=min(batch_size, MAX_BATCH)):
            found: Iterable[Doc] = [self._model_doc(doc) for doc in batch]
            for _, proc in self.model.pipeline:
                found = proc.pipe(found, batch_size=MAX_BATCH) if hasattr(proc, "pipe") else map(proc, found)
            for doc, model_doc in zip(batch, found, strict=True):
                yield self._write(doc, model_doc)


@Danish.factory(
    "extract/model_ner",
    assigns=["doc.spans"],
    requires=["doc.ents", "doc.spans"],
    default_config={"model": DEFAULT_MODEL, "spans_key": "model", "gazetteer_key": "gazetteer"},
)
def make_model_ner(nlp: Language, name: str, model: str, spans_key: str, gazetteer_key: str) -> ModelNER:
    return ModelNER(nlp, name, model, spans_key, gazetteer_key)
