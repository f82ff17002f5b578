"""Validate the Danish ministers data: src/extract/data/dk_ministers.csv and dk_governments.csv.

The data is compiled by hand (see src/extract/data/README.md), so this script is its build step:

    python scripts/check_ministers_data.py        # exit 1 and list the problems, if any

Checks: governments follow each other without gaps; every post lies inside its government with its dates in
order; no two people hold the same office at the same time; one person_id per name and the id spelled from
the name; a party letter we know; and every title read back, as written, by our minister rules (the
`extract/ministers` component finds "TITLE NAME" with exactly that title).
"""

from __future__ import annotations

import argparse
import sys
from itertools import combinations
from pathlib import Path

from spacy.language import Language

from extract.officeholders import Government, Post, load_register, read_governments, read_posts
from extract.resources import data_path

PARTIES = frozenset("A B C D F I K M O V Æ Ø Å".split())
_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ö": "oe", "ä": "ae", "é": "e", "ü": "ue"})


def person_id_of(name: str) -> str:
    """ "Lars Løkke Rasmussen" -> "lars-loekke-rasmussen"."""
    out = []
    for ch in name.lower().translate(_ASCII):
        out.append(ch if ch.isascii() and ch.isalnum() else "-")
    return "-".join(part for part in "".join(out).split("-") if part)


def government_problems(governments: dict[str, Government]) -> list[str]:
    problems = []
    ordered = sorted(governments.values(), key=lambda g: g.start)
    for g in ordered:
        if g.end is not None and g.end <= g.start:
            problems.append(f"government {g.key}: end {g.end} is not after start {g.start}")
        if g.known_until < g.start:
            problems.append(f"government {g.key}: known_until {g.known_until} is before its start")
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.end != b.start:
            problems.append(f"government {a.key} ends {a.end}, but {b.key} starts {b.start}")
    if any(g.end is None for g in ordered[:-1]):
        problems.append("only the last government may be open (end empty)")
    return problems


def post_problems(posts: list[Post], governments: dict[str, Government]) -> list[str]:
    problems = []
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    for p in posts:
        where = f"{p.government} {p.title} {p.name}"
        gov = governments[p.government]
        gov_end = gov.end or gov.known_until
        if not p.start < p.end:
            problems.append(f"{where}: start {p.start} is not before end {p.end}")
        if p.start < gov.start or (gov.end is not None and p.end > gov_end):
            problems.append(f"{where}: {p.start}..{p.end} is outside the government's {gov.start}..{gov_end}")
        if p.person_id != person_id_of(p.name):
            problems.append(f"{where}: person_id {p.person_id!r} should be {person_id_of(p.name)!r}")
        if ids.setdefault(p.name, p.person_id) != p.person_id:
            problems.append(f"{where}: the name has two person_ids ({ids[p.name]}, {p.person_id})")
        if names.setdefault(p.person_id, p.name) != p.name:
            problems.append(f"{where}: person_id {p.person_id} names two people ({names[p.person_id]}, {p.name})")
        if p.party not in PARTIES:
            problems.append(f"{where}: unknown party letter {p.party!r}")
        if p.title != p.title.lower().strip():
            problems.append(f"{where}: a title is written in lower case without outer spaces")
    for a, b in combinations(posts, 2):
        if a.title == b.title and a.start < b.end and b.start < a.end:
            if a.person_id == b.person_id:
                problems.append(f"{a.title}: {a.name} holds it twice at once ({a.government}, {b.government})")
            else:
                problems.append(
                    f"{a.title}: {a.name} ({a.start}..{a.end}) and {b.name} ({b.start}..{b.end}) hold it at once"
                )
    return problems


def title_problems(posts: list[Post], nlp: Language) -> list[str]:
    """Each title as our rules read it in a plain sentence: "Det oplyser TITLE NAME i dag."."""
    problems = []
    for title, name in sorted({(p.title, p.name) for p in posts}):
        doc = nlp(f"Det oplyser {title} {name} i dag.")
        found = [(s.id_, s.label_) for s in doc.spans.get("ministers", [])]
        if (name, title) not in found:
            problems.append(f"{title!r}: our minister rules read 'Det oplyser {title} {name}' as {found}")
    return problems


def problems(ministers: Path, governments_path: Path, nlp: Language | None = None) -> list[str]:
    governments = read_governments(governments_path)
    posts = read_posts(ministers, governments)
    found = government_problems(governments) + post_problems(posts, governments)
    if nlp is not None:
        found += title_problems(posts, nlp)
    load_register(ministers, governments_path)  # the register itself must build
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ministers", type=Path, default=data_path("dk_ministers.csv"))
    parser.add_argument("--governments", type=Path, default=data_path("dk_governments.csv"))
    args = parser.parse_args(argv)
    import extract

    found = problems(args.ministers, args.governments, extract.load())
    for line in found:
        print(line, file=sys.stderr)
    if found:
        return 1
    posts = read_posts(args.ministers, read_governments(args.governments))
    people = len({p.person_id for p in posts})
    print(f"{args.ministers.name}: {len(posts)} posts of {people} ministers, no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
