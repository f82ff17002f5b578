"""Score our table of Danish date expressions for pressextract, Duckling and dateparser in one run.

Usage: python bench/date_expressions.py [TABLE]

TABLE is a JSONL file of expressions written by us (default `tests/data/date_expressions.jsonl`): each row
has `text`, `published`, `tense` (or null), the expected `start`, `end` and `granularity`, and a `family`.
Each system reads each expression alone, anchored on its publication date:

- pressextract: `extract.parse.dates.parse_date(text, published, tense)`;
- Duckling (`pyduckling-native-phihos`, locale da_DK, reference time noon of the publication day): of the
  time entities it finds, the one covering most of the text, its instant-with-grain or interval read as
  our inclusive period (as in `bench/dates_compare.py`);
- dateparser (`DateDataParser(languages=["da"])`, RELATIVE_BASE the publication date): its date widened
  to the period it says it read (day, week, month, year).

A value is right when start, end and granularity all equal the expected ones. Rows marked `xfail` (shapes
we decided not to read) are scored apart, in a last row of their own. The peers have no notion of tense, so
the few rows that carry one count for them as for us. Prints one markdown table: per family, the share
of right values.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from dates_compare import _duckling_period  # noqa: E402  (the same reading of Duckling's values)

Value = tuple[str | None, str | None, str] | None
System = Callable[[dict[str, Any]], Value]


def make_ours() -> System:
    from extract.parse.dates import parse_date

    def read(row: dict[str, Any]) -> Value:
        value = parse_date(row["text"], row["published"], row["tense"])
        if value is None:
            return None
        found = value.as_dict()
        return found["start"], found["end"], value.granularity  # type: ignore[return-value]

    return read


def make_duckling() -> System:
    import duckling

    zones = duckling.load_time_zones("/usr/share/zoneinfo")
    language = duckling.parse_lang("DA")
    locale = duckling.parse_locale("DA_DK", duckling.default_locale_lang(language))
    dimensions = duckling.parse_dimensions(["time"])

    def read(row: dict[str, Any]) -> Value:
        anchor = date.fromisoformat(row["published"])
        noon = datetime(anchor.year, anchor.month, anchor.day, 12, tzinfo=timezone.utc)
        context = duckling.Context(duckling.parse_ref_time(zones, "Europe/Copenhagen", int(noon.timestamp())), locale)
        found = duckling.parse(row["text"], context, dimensions, False)
        if not found:
            return None
        best = max(found, key=lambda item: (item["end"] - item["start"], -item["start"]))
        return _duckling_period(best["value"])

    return read


def make_dateparser() -> System:
    from dateparser.date import DateDataParser

    parsers: dict[str, DateDataParser] = {}

    def read(row: dict[str, Any]) -> Value:
        if row["published"] not in parsers:
            base = datetime.fromisoformat(row["published"])
            parsers[row["published"]] = DateDataParser(languages=["da"], settings={"RELATIVE_BASE": base})
        data = parsers[row["published"]].get_date_data(row["text"])
        if data.date_obj is None:
            return None
        day, period = data.date_obj.date(), data.period or "day"
        if period == "week":
            start, end = day - timedelta(days=day.weekday()), day + timedelta(days=6 - day.weekday())
        elif period == "month":
            following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
            start, end = day.replace(day=1), following - timedelta(days=1)
        elif period == "year":
            start, end = date(day.year, 1, 1), date(day.year, 12, 31)
        else:
            start, end, period = day, day, "day"
        return start.isoformat(), end.isoformat(), period

    return read


def expected(row: dict[str, Any]) -> Value:
    return row["start"], row["end"], row["granularity"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("table", nargs="?", type=Path, default=ROOT / "tests" / "data" / "date_expressions.jsonl")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.table.read_text(encoding="utf-8").splitlines() if line.strip()]

    systems: list[tuple[str, System]] = []
    notes: list[str] = []
    for label, make in (
        ("pressextract", make_ours),
        ("Duckling", make_duckling),
        ("dateparser", make_dateparser),
    ):
        try:
            systems.append((label, make()))
        except Exception as err:  # ImportError, or a native library that does not load
            notes.append(f"- {label}: not run ({type(err).__name__}: {err})")

    right: dict[str, dict[str, int]] = {label: defaultdict(int) for label, _ in systems}
    seconds: dict[str, float] = {}
    for label, read in systems:
        read(rows[0])  # warm up: lazy loading is not what we measure
        started = time.perf_counter()
        for row in rows:
            try:
                got = read(row)
            except Exception:  # a peer failing on one expression is a wrong value, not the end of the run
                got = None
            right[label]["xfail" if "xfail" in row else row["family"]] += got == expected(row)
        seconds[label] = time.perf_counter() - started

    sizes: dict[str, int] = defaultdict(int)
    for row in rows:
        sizes["xfail" if "xfail" in row else row["family"]] += 1
    read_by_design = len(rows) - sizes["xfail"]
    labels = [label for label, _ in systems]
    print(f"Right values (start, end and granularity) on {len(rows)} expressions of `{args.table.name}`\n")
    print("| family | expressions | " + " | ".join(f"{label} %" for label in labels) + " |")
    print("|---|---:|" + "---:|" * len(labels))

    def share(label: str, families: list[str]) -> str:
        return f"{100 * sum(right[label][f] for f in families) / sum(sizes[f] for f in families):.1f}"

    families = sorted((f for f in sizes if f != "xfail"), key=lambda f: (-sizes[f], f))
    for family in families:
        print(f"| {family} | {sizes[family]} | " + " | ".join(share(label, [family]) for label in labels) + " |")
    totals = [f"**{share(label, families)}**" for label in labels]
    print(f"| **all we read** | **{read_by_design}** | " + " | ".join(totals) + " |")
    if sizes["xfail"]:
        cells = [share(label, ["xfail"]) for label in labels]
        print(f"| shapes we decided not to read (`xfail`) | {sizes['xfail']} | " + " | ".join(cells) + " |")
    print(
        "\nExpressions per second: "
        + ", ".join(f"{label} {len(rows) / seconds[label]:,.0f}" for label in labels if seconds[label])
    )
    if notes:
        print("\n" + "\n".join(notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
