"""The Danish ministers data and its validator (scripts/check_ministers_data.py)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from spacy.language import Language

from extract.resources import data_path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("check_ministers_data", ROOT / "scripts" / "check_ministers_data.py")
assert _spec is not None and _spec.loader is not None
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)


def test_package_data_has_no_problems(nlp: Language) -> None:
    assert check.problems(data_path("dk_ministers.csv"), data_path("dk_governments.csv"), nlp) == []


def test_data_reaches_back_to_2011_and_every_government_has_a_prime_minister() -> None:
    text = data_path("dk_ministers.csv").read_text(encoding="utf-8")
    for gov in ("thorning1", "thorning2", "loekke2", "loekke3", "frederiksen1", "frederiksen2"):
        assert f"{gov}," in text
    lines = [line.split(",") for line in text.splitlines()[1:]]
    assert {row[0] for row in lines if row[4] == "statsminister"} >= {"fogh1", "loekke1", "frederiksen2"}


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (  # Bramsen's post made to run into Claus Hjort Frederiksen's
            "frederiksen1,trine-bramsen,Trine Bramsen,A,forsvarsminister,2019-06-27",
            "loekke3,trine-bramsen,Trine Bramsen,A,forsvarsminister,2019-06-01",
            "hold it at once",
        ),
        (
            "loekke2,carl-holst,Carl Holst,V,forsvarsminister,2015-06-28,2015-09-29",
            "loekke2,carl-holst,Carl Holst,V,forsvarsminister,2015-09-29,2015-06-28",
            "is not before end",
        ),
        (
            "loekke2,carl-holst,Carl Holst,V,forsvarsminister,2015-06-28",
            "loekke2,carl-holst,Carl Holst,V,forsvarsminister,2015-06-01",
            "outside the government",
        ),
        (
            "loekke2,carl-holst,Carl Holst,V,forsvarsminister,",
            "loekke2,carl-holst,Carl Holst,V,Forsvarsministeriets chef,",
            "our minister rules read",
        ),
        ("loekke2,carl-holst,Carl Holst,V,", "loekke2,carl-holst,Carl Holst,X,", "unknown party letter"),
        ("loekke2,carl-holst,Carl Holst,", "loekke2,holst,Carl Holst,", "person_id 'holst' should be 'carl-holst'"),
    ],
)
def test_validator_names_the_problem(tmp_path: Path, nlp: Language, old: str, new: str, problem: str) -> None:
    text = data_path("dk_ministers.csv").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "m.csv").write_text(text.replace(old, new, 1), encoding="utf-8")
    found = check.problems(tmp_path / "m.csv", data_path("dk_governments.csv"), nlp)
    assert any(problem in p for p in found), found


def test_validator_checks_governments_follow_each_other(tmp_path: Path) -> None:
    shutil.copy(data_path("dk_ministers.csv"), tmp_path / "m.csv")
    text = data_path("dk_governments.csv").read_text(encoding="utf-8")
    (tmp_path / "g.csv").write_text(text.replace("2014-02-03,2015-06-28", "2014-02-04,2015-06-28"), encoding="utf-8")
    found = check.problems(tmp_path / "m.csv", tmp_path / "g.csv")
    assert "government thorning1 ends 2014-02-03, but thorning2 starts 2014-02-04" in found


def test_script_exits_zero() -> None:
    assert check.main([]) == 0
