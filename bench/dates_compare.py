"""Compare our date mentions with dateparser's `search_dates` and Duckling's Danish time rules.

Usage: python bench/dates_compare.py [FOLDER]

FOLDER holds releases as NAME.txt + NAME.meta.json + NAME.gold.json (default: corpus/test if it exists,
else corpus/dev, else tests/data). Each system reads every release once, anchored on the release's
publication date; the script prints one markdown table:

- precision / recall: a predicted mention matches a gold one if their character spans overlap (one to
  one, in text order); gold items marked `optional` are neither required nor penalised;
- exact normalisation: of the matched pairs, the share whose start, end and granularity are equal;
- releases/s: releases per second of wall time for finding and normalising (models loaded beforehand).

dateparser returns a single datetime per mention, so its mentions count as days. Duckling comes from the
PyPI wheel `pyduckling-native-phihos` (locale da_DK); if it cannot be imported or loaded the script says
so and reports the others. Peers are bench dependencies only (`pip install dateparser
pyduckling-native-phihos`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VALUE_KEYS = ("start", "end", "granularity")


@dataclass(frozen=True)
class Release:
    name: str
    text: str
    published: date | None
    gold: list[dict[str, Any]]


@dataclass(frozen=True)
class Mention:
    start_char: int
    end_char: int
    start: str | None
    end: str | None
    granularity: str


Finder = Callable[[Release], list[Mention]]


def default_folder() -> Path:
    """corpus/test, else corpus/dev, else tests/data: the first that exists."""
    for candidate in (ROOT / "corpus" / "test", ROOT / "corpus" / "dev", ROOT / "tests" / "data"):
        if candidate.is_dir() and any(candidate.glob("*.gold.json")):
            return candidate
    raise SystemExit("no folder with releases and gold files found")


def read_releases(folder: Path) -> list[Release]:
    releases = []
    for text_path in sorted(folder.glob("*.txt")):
        base = text_path.with_suffix("")
        meta_path, gold_path = base.with_suffix(".meta.json"), base.with_suffix(".gold.json")
        if not (meta_path.exists() and gold_path.exists()):
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        published = meta.get("published") or gold.get("published")
        releases.append(
            Release(
                name=base.name,
                text=text_path.read_text(encoding="utf-8"),
                published=date.fromisoformat(published[:10]) if published else None,
                gold=gold.get("dates", []),
            )
        )
    return releases


# ---------------------------------------------------------------------------------------------- ours


def make_ours() -> Finder:
    import spacy

    import extract.components.dates  # noqa: F401  (registers the factory)

    nlp = spacy.blank("da")
    nlp.add_pipe("extract/dates")

    def find(release: Release) -> list[Mention]:
        doc = nlp.make_doc(release.text)
        doc._.published = release.published.isoformat() if release.published else None
        doc = nlp(doc)
        return [
            Mention(s.start_char, s.end_char, s._.date["start"], s._.date["end"], s._.date["granularity"])
            for s in doc.spans["dates"]
        ]

    return find


# ---------------------------------------------------------------------------------------- dateparser


def make_dateparser() -> Finder:
    from dateparser.search import search_dates

    def find(release: Release) -> list[Mention]:
        settings: dict[str, Any] = {}
        if release.published:
            settings["RELATIVE_BASE"] = datetime(*release.published.timetuple()[:3])
        found = search_dates(release.text, languages=["da"], settings=settings) or []
        mentions, cursor = [], 0
        for substring, value in found:  # strings only: find them in order
            at = release.text.find(substring, cursor)
            if at < 0:
                at = release.text.find(substring)
            if at < 0:
                continue
            cursor = at + len(substring)
            day = value.date().isoformat()
            mentions.append(Mention(at, at + len(substring), day, day, "day"))
        return mentions

    return find


# ------------------------------------------------------------------------------------------ Duckling

_GRAINS = {"week": "week", "month": "month", "quarter": "quarter", "year": "year"}


def _duckling_period(value: dict[str, Any]) -> tuple[str | None, str | None, str]:
    """Duckling's instant-with-grain or [from, to) interval as our inclusive period."""

    def day_of(stamp: str) -> date:
        return date.fromisoformat(stamp[:10])

    def last_day(start: date, grain: str) -> date:
        if grain == "week":
            return start + timedelta(days=6)
        months = {"month": 1, "quarter": 3, "year": 12}.get(grain)
        if months is None:
            return start
        y, m = divmod(start.month - 1 + months, 12)
        return date(start.year + y, m + 1, 1) - timedelta(days=1)

    if value.get("type") == "interval":
        start_part, end_part = value.get("from"), value.get("to")
        grain = (start_part or end_part or {}).get("grain", "day")
        start = day_of(start_part["value"]).isoformat() if start_part else None
        end = None
        if end_part:
            end_day = day_of(end_part["value"])  # exclusive for day grains and coarser
            is_coarse = end_part.get("grain") in ("day", *_GRAINS)
            end = (end_day - timedelta(days=1) if is_coarse else end_day).isoformat()
        return start, end, _GRAINS.get(grain, "day")
    grain = value.get("grain", "day")
    start_day = day_of(value["value"])
    return start_day.isoformat(), last_day(start_day, grain).isoformat(), _GRAINS.get(grain, "day")


def make_duckling() -> Finder:
    import duckling

    zones = duckling.load_time_zones("/usr/share/zoneinfo")
    language = duckling.parse_lang("DA")
    locale = duckling.parse_locale("DA_DK", duckling.default_locale_lang(language))
    dimensions = duckling.parse_dimensions(["time"])

    def find(release: Release) -> list[Mention]:
        anchor = release.published or date.today()
        noon = datetime(anchor.year, anchor.month, anchor.day, 12, tzinfo=timezone.utc)
        context = duckling.Context(
            duckling.parse_ref_time(zones, "Europe/Copenhagen", int(noon.timestamp())), locale
        )
        mentions = []
        for item in duckling.parse(release.text, context, dimensions, False):
            start, end, granularity = _duckling_period(item["value"])
            mentions.append(Mention(item["start"], item["end"], start, end, granularity))
        return mentions

    return find


# -------------------------------------------------------------------------------------------- scoring


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    true_predicted: int = 0  # predicted mentions that match a gold one (optional ones included)
    found_gold: int = 0  # required gold mentions found
    exact: int = 0
    matched: int = 0
    errors: int = 0
    seconds: float = 0.0


def score_release(score: Score, release: Release, predicted: list[Mention]) -> None:
    """Greedy one-to-one matching by overlap, in text order."""
    gold = sorted(release.gold, key=lambda g: g["span"][0])
    used: set[int] = set()
    ignored = 0
    for item in gold:
        s, e = item["span"]
        match = next(
            (i for i, p in enumerate(predicted) if i not in used and p.start_char < e and s < p.end_char),
            None,
        )
        if item.get("optional"):
            if match is not None:
                used.add(match)
                ignored += 1
            continue
        score.gold += 1
        if match is None:
            continue
        used.add(match)
        score.found_gold += 1
        score.matched += 1
        got = predicted[match]
        score.exact += all(getattr(got, k) == item.get(k) for k in VALUE_KEYS)
    score.predicted += len(predicted) - ignored
    score.true_predicted += len(used) - ignored


def evaluate(find: Finder, releases: Iterable[Release]) -> Score:
    score = Score()
    releases = list(releases)
    outputs: list[list[Mention]] = []
    started = time.perf_counter()
    for release in releases:
        try:
            outputs.append(find(release))
        except Exception:  # a peer failing on one release must not end the comparison
            score.errors += 1
            outputs.append([])
    score.seconds = time.perf_counter() - started
    for release, predicted in zip(releases, outputs, strict=True):
        score_release(score, release, predicted)
    return score


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}" if whole else "–"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, help="releases with .meta.json and .gold.json")
    args = parser.parse_args(argv)
    folder = args.folder or default_folder()
    releases = read_releases(folder)
    if not releases:
        print(f"no releases with meta and gold files in {folder}", file=sys.stderr)
        return 1

    systems: list[tuple[str, Finder]] = []
    notes: list[str] = []
    for label, make in (
        ("pressextract (extract/dates)", make_ours),
        ('dateparser search_dates (languages=["da"])', make_dateparser),
        ("Duckling (pyduckling-native-phihos, da_DK)", make_duckling),
    ):
        try:
            find = make()
            find(releases[0])  # warm up: lazy loading is not what we measure
        except Exception as err:  # ImportError, or a native library that does not load
            notes.append(f"- {label}: not run ({type(err).__name__}: {err})")
            continue
        systems.append((label, find))

    n_gold = sum(1 for r in releases for g in r.gold if not g.get("optional"))
    print(f"Dates on {len(releases)} releases in `{folder}` ({n_gold} required gold mentions)\n")
    print("| system | predicted | precision % | recall % | F1 % | exact normalisation % | releases/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, find in systems:
        s = evaluate(find, releases)
        precision = s.true_predicted / s.predicted if s.predicted else 0.0
        recall = s.found_gold / s.gold if s.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rate = len(releases) / s.seconds if s.seconds else float("inf")
        errors = f" ({s.errors} releases failed)" if s.errors else ""
        exact = f"{percent(s.exact, s.matched)} ({s.exact}/{s.matched})"
        print(
            f"| {label}{errors} | {s.predicted} | {100 * precision:.1f} | {100 * recall:.1f} "
            f"| {100 * f1:.1f} | {exact} | {rate:.1f} |"
        )
    if notes:
        print("\n" + "\n".join(notes))
    print(
        "\nMatching is by span overlap; exact normalisation compares start, end and granularity of matched"
        " pairs (dateparser returns one datetime per mention, read as a day)."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
