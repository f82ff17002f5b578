"""`extract/model_ner`: our trained model ships with the package, loads, and finds names no rule knows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import extract
from extract.components.model_ner import model_path


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The pipeline with our NER model (the default, `extract.load()`, is the rules only)."""
    return extract.load(ner=True)


ROOT = Path(__file__).resolve().parents[2]


def test_model_is_package_data() -> None:
    path = model_path()
    assert path.parent == Path(extract.__file__).parent / "models"
    assert (path / "config.cfg").is_file() and (path.parent / "LICENSE").is_file()
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    assert size < 50_000_000


def test_model_labels() -> None:
    model = spacy.load(model_path())
    assert model.pipe_names == ["ner"]
    assert sorted(model.get_pipe("ner").labels) == ["LOC", "ORG", "PER"]


def test_load_without_ner_has_no_model(nlp) -> None:
    assert "model_ner" in nlp.pipe_names and "combine" in nlp.pipe_names
    rules = extract.load(ner=False)
    assert "model_ner" not in rules.pipe_names and "combine" not in rules.pipe_names


def test_model_spans_leave_tags_and_rule_ents_alone(nlp) -> None:
    doc = nlp("Statsminister Mette Frederiksen mødtes med Olaf Scholz i Berlin.")
    assert [t.tag_ for t in doc] == [""] * len(doc)
    assert {(s.text, s.label_) for s in doc.spans["model"]} >= {("Olaf Scholz", "PER")}
    assert ("Mette Frederiksen", "PERSON") in [(e.text, e.label_) for e in doc.ents]


def test_installed_wheel_ships_and_loads_the_model(tmp_path: Path) -> None:
    """`pip install .` (not editable): the installed package finds its model without this checkout."""
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(ROOT)], check=True, cwd=tmp_path)
    wheel = next(wheels.glob("pressextract-*.whl"))
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True, cwd=tmp_path)
    code = (
        "import extract\n"
        "from extract.components.model_ner import model_path\n"
        "nlp = extract.load(ner=True)\n"
        "doc = nlp('Olaf Scholz talte i går.')\n"
        "print(extract.__file__)\n"
        "print(model_path())\n"
        "print([(s.text, s.label_) for s in doc.spans['model']])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path, env=env
    )
    module, path, spans = out.stdout.strip().splitlines()
    assert module.startswith(str(target)) and path.startswith(str(target))
    assert spans == "[('Olaf Scholz', 'PER')]"


# Sentences written by us with names no cue or gazetteer gives the rules: (text, entities load() must find
# that load(ner=False) does not).
MODEL_FINDS = [
    ("place-without-a-gazetteer-entry", "Koncerten i Tivoli var udsolgt.", [("Tivoli", "LOC")]),
    ("beside-rule-persons", "Kim Larsen spillede i Tivoli, og Larsen blev hyldet.", [("Tivoli", "LOC")]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in MODEL_FINDS], ids=[c[0] for c in MODEL_FINDS])
def test_the_model_finds_names_the_rules_miss(nlp, text, expected) -> None:
    found = [(e.text, e.label_) for e in nlp(text).ents]
    rules = [(e.text, e.label_) for e in extract.load(ner=False)(text).ents]
    for entity in expected:
        assert entity in found and entity not in rules
