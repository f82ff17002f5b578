"""`extract run --jobs 1` against `--jobs 2` (worker processes sending back rows), in one run.

    python bench/jobs.py [--copies N]

Writes the releases of corpus/ (our own) N times (default 70: about 5 million characters, as bench/speed.py
reads) as one .jsonl with distinct ids, runs the
batch into a fresh SQLite file with 1 and with 2 jobs, and prints the wall time, releases/s and the
speed-up; the two databases must hold the same rows.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from pathlib import Path

from extract.batch import run_batch

ROOT = Path(__file__).resolve().parent.parent


def releases(copies: int) -> list[dict[str, str]]:
    texts = [p for p in sorted((ROOT / "corpus").rglob("*.txt")) if "real" not in p.parts]
    return [
        {"id": f"{n}-{p.stem}", "text": p.read_text(encoding="utf-8"), "published": "2024-05-02"}
        for n in range(copies)
        for p in texts
    ]


def table_rows(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "entities", "dates")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=70)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "releases.jsonl"
        records = releases(args.copies)
        src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
        seconds, counts = {}, {}
        for jobs in (1, 2):
            db = Path(tmp) / f"jobs{jobs}.sqlite"
            start = time.perf_counter()
            run_batch([src], db, n_process=jobs, quiet=True)
            seconds[jobs] = time.perf_counter() - start
            counts[jobs] = table_rows(db)
        assert counts[1] == counts[2], counts
        print(f"{len(records)} releases, {sum(len(r['text']) for r in records):,} characters")
        print("| jobs | seconds | releases/s |\n|---:|---:|---:|")
        for jobs, s in seconds.items():
            print(f"| {jobs} | {s:.1f} | {len(records) / s:.1f} |")
        print(f"speed-up of 2 jobs over 1: {seconds[1] / seconds[2]:.2f}x (pipeline loads included)")


if __name__ == "__main__":
    main()
