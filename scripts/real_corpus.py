"""The real-release corpus (corpus/real): save restored texts, build gold files from specs, check the index.

The texts are third-party pages and are never committed: they live in the git-ignored `corpus/real/texts/`.
What is committed is, per release, `SPLIT/NAME.meta.json`, `SPLIT/NAME.spec.json` (the annotation as
surface strings), `SPLIT/NAME.gold.json` (built from the spec by this script: offsets are never typed by
hand) and a line of `corpus/real/index.tsv` (name, split, url, query, sha256 and length of the exact text).

    python scripts/real_corpus.py save NAME --split dev --literal FILE --url URL --query Q \
        --publisher P [--published YYYY-MM-DD] [--title T]
        FILE holds the excerpt exactly as the search tool returned it: a JSON string literal ("...").
    python scripts/real_corpus.py gold corpus/real/dev/NAME.spec.json [...]   # spec -> gold (offsets)
    python scripts/real_corpus.py restore NAME --literal FILE                 # an indexed text back (sha256 checked)
    python scripts/real_corpus.py check                                         # restored texts vs index

Spec format (like a gold file, with surface strings instead of offsets):
- ministers/entities: `mentions` is a list of surfaces. A surface is `"Forsvarsministeriet"` (its first
  occurrence not yet used by this item), `["NATO", 2]` (the third whole-word occurrence, counting from 0),
  or `{"all": "NATO"}` (every whole-word occurrence).
- quantities/amounts/dates: each item has `text` (the surface) and optionally `occurrence` (default 0);
  the script adds `span`.
A whole-word occurrence is one not preceded or followed by a letter or digit ("FN" in "FN's" counts,
"FN" in "FNs" does not: name such a mention by its full surface instead).
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent / "corpus" / "real"
TEXTS = ROOT / "texts"
INDEX = ROOT / "index.tsv"
INDEX_COLUMNS = ("name", "split", "url", "query", "sha256", "length")
SPLITS = ("dev", "test")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_literal(path: str) -> str:
    """The text of a file holding one excerpt as a JSON string literal."""
    text = json.loads(Path(path).read_text(encoding="utf-8").strip())
    if not isinstance(text, str):
        raise SystemExit(f"{path}: not a JSON string literal")
    return text


def is_indexed_text(text: str, row: dict[str, str]) -> bool:
    """The text is exactly the one an index row describes (sha256 and length)."""
    return sha256(text) == row["sha256"] and len(text) == int(row["length"])


def read_index() -> list[dict[str, str]]:
    if not INDEX.exists():
        return []
    lines = INDEX.read_text(encoding="utf-8").splitlines()
    return [dict(zip(INDEX_COLUMNS, line.split("\t"), strict=True)) for line in lines[1:] if line.strip()]


def append_index(row: dict[str, str]) -> None:
    """Append one line under a lock, so helpers saving in parallel never interleave."""
    INDEX.parent.mkdir(parents=True, exist_ok=True)
    with open(INDEX, "a+", encoding="utf-8") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        fh.seek(0)
        existing = fh.read()
        if not existing:
            fh.write("\t".join(INDEX_COLUMNS) + "\n")
        names = {line.split("\t", 1)[0] for line in existing.splitlines()[1:]}
        urls = {line.split("\t")[2] for line in existing.splitlines()[1:] if line.count("\t") >= 2}
        if row["name"] in names:
            raise SystemExit(f"{row['name']}: already in {INDEX}")
        if row["url"] in urls:
            raise SystemExit(f"{row['url']}: already in {INDEX} (each release must be a different page)")
        fh.write("\t".join(row[c].replace("\t", " ").replace("\n", " ") for c in INDEX_COLUMNS) + "\n")


def excluded_urls() -> set[str]:
    path = ROOT.parent.parent.parent / "shared" / "eval-exclude.txt"
    if not path.exists():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and line[0] != "#"}


def cmd_save(args: argparse.Namespace) -> None:
    text = read_literal(args.literal)
    if args.url in excluded_urls():
        raise SystemExit(f"{args.url} is reserved for the independent evaluation (shared/eval-exclude.txt)")
    if not re.fullmatch(r"[a-z0-9_]+", args.name):
        raise SystemExit(f"{args.name}: use lower-case letters, digits and _ only")
    TEXTS.mkdir(parents=True, exist_ok=True)
    append_index(
        {
            "name": args.name,
            "split": args.split,
            "url": args.url,
            "query": args.query,
            "sha256": sha256(text),
            "length": str(len(text)),
        }
    )
    (TEXTS / f"{args.name}.txt").write_text(text, encoding="utf-8")
    meta: dict[str, Any] = {"id": args.name, "publisher": args.publisher, "url": args.url}
    if args.published:
        meta["published"] = args.published
    if args.title:
        meta["title"] = args.title
    folder = ROOT / args.split
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{args.name}.meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"saved {TEXTS / (args.name + '.txt')} ({len(text)} chars, sha256 {sha256(text)[:12]})")


def cmd_restore(args: argparse.Namespace) -> None:
    """Write back one indexed text, refusing any excerpt that is not byte-for-byte the indexed one."""
    rows = {row["name"]: row for row in read_index()}
    if args.name not in rows:
        raise SystemExit(f"{args.name}: not in {INDEX}")
    text, row = read_literal(args.literal), rows[args.name]
    if not is_indexed_text(text, row):
        raise SystemExit(
            f"{args.name}: excerpt differs from the index ({len(text)} chars, sha256 {sha256(text)[:12]}; "
            f"want {row['length']} chars, sha256 {row['sha256'][:12]})"
        )
    TEXTS.mkdir(parents=True, exist_ok=True)
    (TEXTS / f"{args.name}.txt").write_text(text, encoding="utf-8")
    print(f"restored {TEXTS / (args.name + '.txt')} ({len(text)} chars)")


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    pattern = r"(?<![^\W_])" + re.escape(surface) + r"(?![^\W_])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


class SpecError(ValueError):
    pass


def locate(text: str, surface: Any, used: set[tuple[int, int]], where: str) -> list[tuple[int, int]]:
    """The span(s) a mention surface names (see the module docstring)."""
    if isinstance(surface, dict):
        found = occurrences(text, surface["all"])
        if not found:
            raise SpecError(f"{where}: {surface['all']!r} does not occur")
        return found
    if isinstance(surface, list):
        string, n = surface
        found = occurrences(text, string)
        if n >= len(found):
            raise SpecError(f"{where}: {string!r} occurs {len(found)} times, not {n + 1}")
        return [found[n]]
    found = [span for span in occurrences(text, surface) if span not in used]
    if not found:
        raise SpecError(f"{where}: {surface!r} does not occur (or every occurrence is used)")
    return [found[0]]


def build_gold(spec: dict[str, Any], text: str, where: str) -> dict[str, Any]:
    gold: dict[str, Any] = {
        "doc_id": spec["doc_id"],
        "source": spec["doc_id"] + ".txt",
        "published": spec.get("published"),
        "publisher": spec.get("publisher"),
    }
    for table in ("ministers", "entities"):
        items = []
        for i, item in enumerate(spec.get(table, [])):
            used: set[tuple[int, int]] = set()
            spans: list[tuple[int, int]] = []
            for j, surface in enumerate(item.get("mentions", [])):
                for span in locate(text, surface, used, f"{where}: {table}[{i}].mentions[{j}]"):
                    if span not in used:
                        used.add(span)
                        spans.append(span)
            items.append({**item, "mentions": [list(s) for s in sorted(spans)]})
        gold[table] = items
    for table in ("quantities", "amounts", "dates"):
        items = []
        for i, item in enumerate(spec.get(table, [])):
            found = occurrences(text, item["text"])
            n = int(item.get("occurrence", 0))
            if n >= len(found):
                raise SpecError(f"{where}: {table}[{i}]: {item['text']!r} occurs {len(found)} times, not {n + 1}")
            values = {k: v for k, v in item.items() if k != "occurrence"}
            items.append(
                {"text": item["text"], "span": list(found[n]), **{k: v for k, v in values.items() if k != "text"}}
            )
        gold[table] = sorted(items, key=lambda x: x["span"])
    return gold


def cmd_gold(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT.parent.parent / "src"))
    from extract.gold import validate_gold

    failed = False
    for name in args.specs:
        path = Path(name)
        spec = json.loads(path.read_text(encoding="utf-8"))
        text_path = TEXTS / f"{spec['doc_id']}.txt"
        text = text_path.read_text(encoding="utf-8")
        try:
            gold = build_gold(spec, text, str(path))
        except SpecError as err:
            print(err, file=sys.stderr)
            failed = True
            continue
        problems = validate_gold(gold, text, str(path))
        if problems:
            print("\n".join(problems), file=sys.stderr)
            failed = True
            continue
        out = path.with_name(path.name.removesuffix(".spec.json") + ".gold.json")
        out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    if failed:
        raise SystemExit(1)


def check_texts() -> tuple[list[str], list[str], list[str]]:
    """(present and exact, missing, altered) release names from the index."""
    ok, missing, altered = [], [], []
    for row in read_index():
        path = TEXTS / f"{row['name']}.txt"
        if not path.exists():
            missing.append(row["name"])
            continue
        text = path.read_text(encoding="utf-8")
        (ok if is_indexed_text(text, row) else altered).append(row["name"])
    return ok, missing, altered


def cmd_check(_args: argparse.Namespace) -> None:
    ok, missing, altered = check_texts()
    print(f"{len(ok)} texts restored exactly, {len(missing)} missing, {len(altered)} altered")
    for name in altered:
        print(f"altered: {name}")
    if altered:
        raise SystemExit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    save = sub.add_parser("save", help="decode an excerpt literal into texts/NAME.txt and index it")
    save.add_argument("name")
    save.add_argument("--split", choices=SPLITS, required=True)
    save.add_argument("--literal", required=True, help="file holding the excerpt's JSON string literal")
    save.add_argument("--url", required=True)
    save.add_argument("--query", required=True, help="the search query that returns the excerpt")
    save.add_argument("--publisher", required=True)
    save.add_argument("--published")
    save.add_argument("--title")
    save.set_defaults(func=cmd_save)
    restore = sub.add_parser("restore", help="write back an indexed text from its excerpt literal (sha256 checked)")
    restore.add_argument("name")
    restore.add_argument("--literal", required=True, help="file holding the excerpt's JSON string literal")
    restore.set_defaults(func=cmd_restore)
    gold = sub.add_parser("gold", help="build NAME.gold.json from NAME.spec.json")
    gold.add_argument("specs", nargs="+")
    gold.set_defaults(func=cmd_gold)
    check = sub.add_parser("check", help="check restored texts against the index")
    check.set_defaults(func=cmd_check)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
