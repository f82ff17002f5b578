"""The assembled pipeline: entry points, disk round trip, multiprocessing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import spacy

import extract
from extract.batch import make_doc
from extract.readers import Record

TEXT = "Forsvarsminister Troels Lund Poulsen mødte i dag Ukraines forsvarsminister Rustem Umerov i Kyiv."


def summary(doc) -> list[tuple]:
    return [(e.text, e.label_, e.id_, e.kb_id_) for e in doc.ents] + [
        (s.text, s.label_, s.id_, s.kb_id_) for s in doc.spans["ministers"]
    ]


def test_pipe_names(nlp) -> None:
    assert nlp.pipe_names[:4] == ["gazetteer", "ministers", "link_ministers", "entities"]


def test_round_trip_to_disk(nlp, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.pipe_names == nlp.pipe_names
    assert summary(loaded(TEXT)) == summary(nlp(TEXT))
    assert summary(loaded("Ordren gik til Terma A/S.")) == [("Terma A/S", "ORG", "Terma A/S", "")]


def test_n_process_2_gives_the_same_rows(nlp) -> None:
    texts = [TEXT, "Statsministeren rejser til Bruxelles.", "Københavns Politi efterforsker."] * 3
    one = extract.extract(texts, nlp=nlp)
    two = extract.extract(texts, nlp=nlp, n_process=2)
    for name, df in one:
        assert df.equals(getattr(two, name)), name


def test_published_reaches_the_doc(nlp) -> None:
    doc = make_doc(nlp, Record(id="x", text="I dag.", published="2016-12-14"))
    assert nlp(doc)._.published == "2016-12-14"


def test_factories_are_entry_points() -> None:
    """A blank Danish pipeline finds our factories without importing the package (as DaCy tests it)."""
    code = (
        "import spacy\n"
        "nlp = spacy.blank('da')\n"
        "for f in ('extract/gazetteer', 'extract/ministers', 'extract/link_ministers', 'extract/entities'):\n"
        "    nlp.add_pipe(f)\n"
        "doc = nlp('Udenrigsminister Lars Løkke Rasmussen rejser til Moskva.')\n"
        "print([(e.text, e.label_) for e in doc.ents])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[('Lars Løkke Rasmussen', 'PERSON'), ('Moskva', 'CITY')]"
