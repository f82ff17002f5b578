"""Throughput of the whole pipeline against bare `spacy.blank("da")` tokenisation, measured in one run.

    python bench/pipeline_speed.py [FOLDER] [--repeat N]

Reads every NAME.txt under FOLDER (default corpus/), repeats the list N times (default 20) so that each
timing covers enough text, and prints words/second for the tokenizer alone, for our pipeline with one
process and with two, the rules only (`load(ner=False)`), and per component, as a markdown table with ratios
to the bare tokenizer.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

import extract
from extract.batch import make_doc
from extract.readers import read_paths


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=str(Path(__file__).resolve().parent.parent / "corpus"))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    records = [r for r in read_paths([args.folder]) if r.error is None] * args.repeat
    words = sum(len((r.text or "").split()) for r in records)
    blank = spacy.blank("da")
    nlp = extract.load()
    rules = extract.load(ner=False)
    t_load = timed(extract.load)

    t_blank = timed(lambda: list(blank.pipe(r.text for r in records)))
    t_pipe = timed(lambda: list(nlp.pipe(make_doc(nlp, r) for r in records)))
    t_rules = timed(lambda: list(rules.pipe(make_doc(rules, r) for r in records)))
    t_pipe2 = timed(lambda: list(nlp.pipe((make_doc(nlp, r) for r in records), n_process=2, batch_size=16)))
    docs = [make_doc(nlp, r) for r in records]
    per_component = {}
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        docs = [proc(d) for d in docs]
        per_component[name] = time.perf_counter() - start

    print(f"{len(records)} releases ({len(records) // args.repeat} distinct x {args.repeat}), {words:,} words")
    print(f"pipeline load: {t_load:.2f} s\n")
    print("| what | seconds | words/s | releases/s | time vs blank tokenizer |")
    print("|---|---:|---:|---:|---:|")
    rows = (
        ('spacy.blank("da") tokenizer', t_blank),
        ("pressextract pipeline", t_pipe),
        ("pressextract rules only, `load(ner=False)`", t_rules),
        ("pressextract pipeline, n_process=2", t_pipe2),
    )
    for label, t in rows:
        print(f"| {label} | {t:.2f} | {words / t:,.0f} | {len(records) / t:,.1f} | {t / t_blank:.1f}x |")
    for name, t in per_component.items():
        print(f"| component `{name}` | {t:.2f} | {words / t:,.0f} | {len(records) / t:,.1f} | {t / t_blank:.1f}x |")


if __name__ == "__main__":
    main()
