"""Write the current micro-F1 on corpus/test into the README's floor table (rounded down to 3 decimals).

Run after a change that moves the figures, and commit the README with that change:

    python scripts/update_readme_figures.py
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from extract.evaluate import evaluate_dir
from extract.tables import MENTION_TABLES

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- f1-floor:start -->", "<!-- f1-floor:end -->"


def floor3(x: float) -> str:
    return f"{math.floor(x * 1000 + 1e-9) / 1000:.3f}"


def main() -> None:
    report = evaluate_dir(ROOT / "corpus" / "test")
    rows = ["| table | strict F1 | values F1 |", "|---|---|---|"]
    for table in MENTION_TABLES:
        values = "-" if table == "entities" else floor3(report.f1(table, "values"))
        rows.append(f"| {table} | {floor3(report.f1(table, 'strict'))} | {values} |")
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = re.sub(f"{START}.*?{END}", START + "\n" + "\n".join(rows) + "\n" + END, text, flags=re.S)
    readme.write_text(new, encoding="utf-8")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
