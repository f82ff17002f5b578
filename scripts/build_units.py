"""Build src/extract/data/units.csv (form, lemma, category) from scripts/sources/units.txt.

The curated source keeps one lemma a line with its inflections; the CSV has one surface form a row so the
quantities component can look a token up directly. The output is sorted, so rebuilding is reproducible:

    python scripts/build_units.py           # write the CSV
    python scripts/build_units.py --check   # exit 1 if the CSV is not what the source gives
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "scripts" / "sources" / "units.txt"
TARGET = ROOT / "src" / "extract" / "data" / "units.csv"
CATEGORIES = ("personnel", "other")


def read_source(path: Path) -> list[tuple[str, str, str]]:
    """(form, lemma, category) rows; fails loudly on a bad category or a form claimed by two lemmas."""
    rows: dict[str, tuple[str, str]] = {}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        fields = line.split()
        if len(fields) < 2:
            raise ValueError(f"{path}:{lineno}: expected LEMMA CATEGORY FORM...")
        lemma, category, *forms = fields
        if category not in CATEGORIES:
            raise ValueError(f"{path}:{lineno}: category {category!r} not in {CATEGORIES}")
        for form in (lemma, *forms):
            if form != form.lower():
                raise ValueError(f"{path}:{lineno}: {form!r} must be lower case")
            if form in rows and rows[form] != (lemma, category):
                raise ValueError(f"{path}:{lineno}: {form!r} already belongs to {rows[form][0]!r}")
            rows[form] = (lemma, category)
    return sorted((form, lemma, category) for form, (lemma, category) in rows.items())


def render(rows: list[tuple[str, str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["form", "lemma", "category"])
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only verify that the CSV is up to date")
    args = parser.parse_args(argv)
    content = render(read_source(SOURCE))
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != content:
            print(f"{TARGET} is out of date; run python scripts/build_units.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(content, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({content.count(chr(10)) - 1} forms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
