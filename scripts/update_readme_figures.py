"""Write the current micro-F1 into the README's floor tables (rounded down to 3 decimals).

- `corpus/test` (our own held-out releases) -> the block between `<!-- f1-floor:start -->` and `:end -->`;
- `corpus/real/test` (real releases, when their texts are restored) -> `<!-- real-floor:start -->` ... `:end -->`,
  per table and per entity label.

Run after a change that moves the figures, and commit the README with that change:

    python scripts/update_readme_figures.py
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from extract.evaluate import Report, evaluate_dir
from extract.gold import gold_files, text_path
from extract.tables import MENTION_TABLES

ROOT = Path(__file__).resolve().parent.parent
BLOCKS = {"corpus/test": "f1-floor", "corpus/real/test": "real-floor"}
ENTITY_LABELS = ("PERSON", "ORG", "CITY", "COUNTRY")


def floor3(x: float) -> str:
    return f"{math.floor(x * 1000 + 1e-9) / 1000:.3f}"


def floor_rows(report: Report, with_labels: bool) -> list[str]:
    rows = ["| table | strict F1 | values F1 |", "|---|---|---|"]
    for table in MENTION_TABLES:
        values = "-" if table == "entities" else floor3(report.f1(table, "values"))
        rows.append(f"| {table} | {floor3(report.f1(table, 'strict'))} | {values} |")
        if table == "entities" and with_labels:
            rows += [
                f"| entities {label} | {floor3(report.f1(table, 'strict', label))} | - |" for label in ENTITY_LABELS
            ]
    return rows


def replace_block(text: str, name: str, rows: list[str]) -> str:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    return re.sub(
        f"{re.escape(start)}.*?{re.escape(end)}", start + "\n" + "\n".join(rows) + "\n" + end, text, flags=re.S
    )


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    for corpus, block in BLOCKS.items():
        folder = ROOT / corpus
        if not all(text_path(p).exists() for p in gold_files(folder)):
            print(f"{corpus}: release texts missing, its figures left as they are")
            continue
        rows = floor_rows(evaluate_dir(folder), with_labels=block == "real-floor")
        text = replace_block(text, block, rows)
        print(corpus, *rows, sep="\n")
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
