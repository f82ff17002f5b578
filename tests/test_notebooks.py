"""The notebooks under notebooks/ are committed clean and named in the README (nbmake executes them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_the_two_notebooks_are_there() -> None:
    assert [p.name for p in NOTEBOOKS] == ["01_inspect_release.ipynb", "02_corpus_overview.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_no_outputs(path: Path) -> None:
    """Outputs are made by running the notebook, not committed (they would go stale, and grow the repository)."""
    book = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in book["cells"] if c["cell_type"] == "code"]
    assert code
    assert [c["outputs"] for c in code] == [[] for _ in code]
    assert {c["execution_count"] for c in code} == {None}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_reads_through_the_public_api(path: Path) -> None:
    source = "\n".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
    imports = {line.split()[1] for line in source.splitlines() if line.startswith(("from extract", "import extract"))}
    assert imports <= {
        "extract",
        "extract.highlight",
        "extract.readers",
        "extract.sinks",
        "extract.batch",
        "extract.geo",
    }


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_readme_names_the_notebook(path: Path) -> None:
    assert f"notebooks/{path.name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_notebooks_extra_opens_and_exports_them_and_the_test_extra_runs_them() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]

    def names(extra: str) -> set[str]:
        return {req.split(">")[0].split("<")[0].split("[")[0].strip() for req in extras[extra]}

    assert {"jupyterlab", "matplotlib", "nbconvert", "ipykernel"} <= names("notebooks")
    assert {"nbmake", "ipykernel", "matplotlib"} <= names("test")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'pip install -e ".[notebooks]"' in readme and "jupyter lab notebooks/" in readme
    assert "jupyter nbconvert --to html --execute notebooks/*.ipynb" in readme
