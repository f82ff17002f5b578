"""Speed of the rules pipeline against bare tokenisation and the date peers, measured in one run.

    python bench/speed.py [--chars 5000000] [--budget 30] [--corpus corpus/]

Every measurement runs in a fresh subprocess (so that peak memory, `ru_maxrss`, is its own) over the
same texts: the releases of `corpus/` replicated to about `--chars` characters. Measured:

- throughput (words/s, releases/s, peak memory) of (a) `spacy.blank("da")` tokenisation, (b) our rules
  pipeline (`extract.load()`, tokenisation included), (d) `dateparser.search_dates` and (e) Duckling
  (`pyduckling-native-phihos`, the `bench` extra; skipped with a message when it cannot be loaded) over
  each release. The peers are slow, so they run over the releases in order until `--budget` seconds
  are spent and their rate is taken from that sample;
- the ratios b/a, b/d, b/e of words per second;
- scaling: the pipeline over the corpus replicated 1, 4 and 16 times, and over single releases of
  10,000, 100,000 and 1,000,000 characters (cost per character relative to the 10k release; linear
  code keeps the 1000k/10k ratio near 1);
- load time: `import extract` and `extract.load()` in a fresh interpreter.

Times are CPU seconds of the measuring process (`time.process_time`), not wall-clock: on a shared
machine other processes stretch wall-clock time unevenly between rows, which would make the ratios
meaningless; the code measured runs on one thread, so its CPU time is its running time on an idle
machine. Prints markdown tables.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def read_corpus(folder: Path) -> list[tuple[str, str | None]]:
    """(text, publication date) of every NAME.txt under folder, in name order."""
    out = []
    for path in sorted(folder.rglob("*.txt")):
        meta = path.with_suffix(".meta.json")
        published = json.loads(meta.read_text(encoding="utf-8")).get("published") if meta.exists() else None
        out.append((path.read_text(encoding="utf-8"), published))
    return out


def replicated(releases: list[tuple[str, str | None]], chars: int) -> list[tuple[str, str | None]]:
    """The releases repeated in order until they hold about `chars` characters."""
    out: list[tuple[str, str | None]] = []
    total = 0
    while total < chars:
        for release in releases:
            out.append(release)
            total += len(release[0])
            if total >= chars:
                break
    return out


def single_release(releases: list[tuple[str, str | None]], chars: int) -> list[tuple[str, str | None]]:
    """One release of exactly `chars` characters: the corpus texts joined and cut."""
    text = ""
    while len(text) < chars:
        text += "\n\n".join(t for t, _ in releases) + "\n\n"
    return [(text[:chars], "2024-05-02")]


# --- workers: each runs in its own process and prints one JSON line -----------------------------------


# Each returns (releases done, seconds); set-up (imports, loading) is not timed.
Result = tuple[int, float]


def _run_blank(texts: list[tuple[str, str | None]], budget: float) -> Result:
    import spacy

    nlp = spacy.blank("da")
    nlp.max_length = 10**8
    start = time.process_time()
    for _ in nlp.pipe((t for t, _ in texts), batch_size=64):
        pass
    return len(texts), time.process_time() - start


def _run_rules(texts: list[tuple[str, str | None]], budget: float) -> Result:
    import extract

    nlp = extract.load()

    def docs():  # type: ignore[no-untyped-def]
        for text, published in texts:
            doc = nlp.make_doc(text)
            doc._.published = published
            yield doc

    start = time.process_time()
    for _ in nlp.pipe(docs(), batch_size=64):
        pass
    return len(texts), time.process_time() - start


def _run_dateparser(texts: list[tuple[str, str | None]], budget: float) -> Result:
    from dateparser.search import search_dates

    start = time.process_time()
    done = 0
    for text, published in texts:
        base = datetime.fromisoformat(published) if published else datetime(2024, 5, 2)
        search_dates(text, languages=["da"], settings={"RELATIVE_BASE": base})
        done += 1
        if time.process_time() - start > budget:
            break
    return done, time.process_time() - start


def _run_duckling(texts: list[tuple[str, str | None]], budget: float) -> Result:
    import duckling

    zones = duckling.load_time_zones("/usr/share/zoneinfo")
    language = duckling.parse_lang("DA")
    locale = duckling.parse_locale("DA_DK", duckling.default_locale_lang(language))
    dimensions = duckling.parse_dimensions(["time"])
    start = time.process_time()
    done = 0
    for text, published in texts:
        day = date.fromisoformat(published[:10]) if published else date(2024, 5, 2)
        noon = datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc)
        context = duckling.Context(duckling.parse_ref_time(zones, "Europe/Copenhagen", int(noon.timestamp())), locale)
        duckling.parse(text, context, dimensions, False)
        done += 1
        if time.process_time() - start > budget:
            break
    return done, time.process_time() - start


WORKERS = {"blank": _run_blank, "rules": _run_rules, "dateparser": _run_dateparser, "duckling": _run_duckling}


def _texts(args: argparse.Namespace) -> list[tuple[str, str | None]]:
    releases = read_corpus(Path(args.corpus))
    if args.single:
        return single_release(releases, args.single)
    return replicated(releases, args.chars) if args.chars else releases * args.copies


def worker(args: argparse.Namespace) -> None:
    texts = _texts(args)
    done, seconds = WORKERS[args.worker](texts, args.budget)
    sample = texts[:done]
    print(
        json.dumps(
            {
                "seconds": seconds,
                "releases": done,
                "words": sum(len(t.split()) for t, _ in sample),
                "chars": sum(len(t) for t, _ in sample),
                "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def load_worker() -> None:
    start = time.process_time()
    import extract

    imported = time.process_time()
    extract.load()
    print(json.dumps({"import": imported - start, "load": time.process_time() - imported}))


# --- the parent: runs the workers and prints the tables ------------------------------------------------


def measure(kind: str, args: argparse.Namespace, **texts: int) -> dict[str, Any] | None:
    command = [sys.executable, __file__, "--worker", kind, "--corpus", args.corpus, "--budget", str(args.budget)]
    command += [f"--{k}={v}" for k, v in {"chars": 0, "copies": 1, "single": 0, **texts}.items()]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"<!-- {kind}: skipped, the worker failed: {last} -->", file=sys.stderr)
        return None
    row: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--chars", type=int, default=5_000_000)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--single", type=int, default=0)
    parser.add_argument("--budget", type=float, default=30.0, help="seconds for each slow peer's sample")
    parser.add_argument("--worker", choices=[*WORKERS, "load"])
    args = parser.parse_args()
    if args.worker == "load":
        load_worker()
        return
    if args.worker:
        worker(args)
        return

    total = args.chars
    print(f"Texts: corpus/ releases replicated to {total:,} characters; each row a fresh process; CPU seconds.\n")
    print("| what | seconds | words/s | releases/s | peak memory MB |")
    print("|---|---:|---:|---:|---:|")
    rates: dict[str, float] = {}
    labels = {
        "blank": '(a) spacy.blank("da") tokenisation',
        "rules": "(b) pressextract rules pipeline",
        "dateparser": '(d) dateparser search_dates (languages=["da"])',
        "duckling": "(e) Duckling (pyduckling-native-phihos, da_DK)",
    }
    for kind, label in labels.items():
        row = measure(kind, args, chars=total)
        if row is None:
            print(f"| {label} | skipped (not installable here) | | | |")
            continue
        rates[kind] = row["words"] / row["seconds"]
        sampled = "" if row["chars"] >= total * 0.99 else f" (sample of {row['releases']:,} releases)"
        print(
            f"| {label}{sampled} | {row['seconds']:.2f} | {rates[kind]:,.0f} | {row['releases'] / row['seconds']:,.1f}"
            f" | {row['maxrss_mb']:,.0f} |"
        )
    print()
    for peer, name in (("blank", "b/a"), ("dateparser", "b/d"), ("duckling", "b/e")):
        if "rules" in rates and peer in rates:
            print(f"- throughput ratio {name}: {rates['rules'] / rates[peer]:.3f}")

    print("\nScaling of the rules pipeline (cost per character relative to the first row):\n")
    print("| input | characters | seconds | µs per character | relative |")
    print("|---|---:|---:|---:|---:|")
    for title, rows in (
        ("corpus x{}", [("copies", n) for n in (1, 4, 16)]),
        ("one release of {:,} chars", [("single", n) for n in (10_000, 100_000, 1_000_000)]),
    ):
        first: float | None = None
        for key, n in rows:
            row = measure("rules", args, **{key: n})
            if row is None:
                continue
            per_char = row["seconds"] / row["chars"] * 1e6
            first = first or per_char
            cells = [title.format(n), f"{row['chars']:,}", f"{row['seconds']:.2f}", f"{per_char:.2f}"]
            print("| " + " | ".join(cells) + f" | {per_char / first:.2f} |")

    loads = []
    for _ in range(3):
        result = subprocess.run([sys.executable, __file__, "--worker", "load"], capture_output=True, text=True)
        loads.append(json.loads(result.stdout.strip().splitlines()[-1]))
    best = min(loads, key=lambda r: r["import"] + r["load"])
    print(f"\nLoad (best of 3 fresh processes): `import extract` {best['import']:.2f} s,", end=" ")
    print(f"`extract.load()` {best['load']:.2f} s")


if __name__ == "__main__":
    main()
