"""Gold files (`NAME.gold.json`): loading and validation, so every figure rests on checked annotations.

Format: see ../shared/DESIGN.md and corpus/ANNOTATION.md. `validate_gold` returns a list of problems,
each naming the file and the JSON path at fault; `load_gold` raises on the first list that is not empty.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ENTITY_LABELS = frozenset({"PERSON", "CITY", "COUNTRY", "ORG", "LOC"})
GRANULARITIES = frozenset({"day", "week", "month", "quarter", "half", "season", "year"})
# Value fields per mention table: name -> allowed types (None = may be null).
VALUE_FIELDS: dict[str, dict[str, tuple[type, ...]]] = {
    "quantities": {
        "value": (int, float),
        "lower": (int, float),
        "upper": (int, float),
        "approximate": (bool,),
        "unit": (str,),
        "category": (str,),
        "subject": (str,),
    },
    "amounts": {
        "value": (int, float),
        "currency": (str,),
        "lower": (int, float),
        "upper": (int, float),
        "approximate": (bool,),
        "subject": (str,),
    },
    "dates": {"start": (str,), "end": (str,), "granularity": (str,), "relative": (bool,)},
}


@dataclass(frozen=True)
class Gold:
    path: Path
    text: str
    data: dict[str, Any]


class GoldError(ValueError):
    pass


def _span_ok(span: Any, n: int) -> bool:
    return (
        isinstance(span, list)
        and len(span) == 2
        and all(isinstance(x, int) and not isinstance(x, bool) for x in span)
        and 0 <= span[0] < span[1] <= n
    )


def _iso_date(value: Any) -> bool:
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def validate_gold(data: dict[str, Any], text: str, where: str) -> list[str]:
    """Problems in one gold file: spans outside the text, span text unequal to `text`, wrong types."""
    problems: list[str] = []
    n = len(text)

    def bad(path: str, msg: str) -> None:
        problems.append(f"{where}: {path}: {msg}")

    if not isinstance(data.get("doc_id"), str):
        bad("doc_id", "must be a string")
    if data.get("published") is not None and not _iso_date(data.get("published")):
        bad("published", "must be an ISO date or null")
    for i, m in enumerate(data.get("ministers", [])):
        p = f"ministers[{i}]"
        if m.get("name") is not None and not isinstance(m.get("name"), str):
            bad(p + ".name", "must be a string or null")
        if m.get("holder") is not None and (not isinstance(m.get("holder"), str) or m.get("name") is not None):
            bad(p + ".holder", "must be a string, and only on an item whose name is null")
        if not isinstance(m.get("title"), str) or "minister" not in m["title"]:
            bad(p + ".title", "must be a string containing 'minister'")
        if not (isinstance(m.get("country"), str) and len(m["country"]) == 2):
            bad(p + ".country", "must be an ISO alpha-2 code")
        for j, span in enumerate(m.get("mentions", [])):
            if not _span_ok(span, n):
                bad(f"{p}.mentions[{j}]", f"{span!r} is not a span inside the text ({n} chars)")
    for i, ent in enumerate(data.get("entities", [])):
        p = f"entities[{i}]"
        if ent.get("label") not in ENTITY_LABELS:
            bad(p + ".label", f"{ent.get('label')!r} is not one of {sorted(ENTITY_LABELS)}")
        if not isinstance(ent.get("canonical"), str):
            bad(p + ".canonical", "must be a string")
        if "optional" in ent and not isinstance(ent["optional"], bool):
            bad(p + ".optional", "must be a boolean")
        if not ent.get("mentions"):
            bad(p + ".mentions", "must list at least one span")
        for j, span in enumerate(ent.get("mentions", [])):
            if not _span_ok(span, n):
                bad(f"{p}.mentions[{j}]", f"{span!r} is not a span inside the text ({n} chars)")
    for table, fields in VALUE_FIELDS.items():
        seen: set[tuple[int, int]] = set()
        for i, item in enumerate(data.get(table, [])):
            p = f"{table}[{i}]"
            span = item.get("span")
            if not _span_ok(span, n):
                bad(p + ".span", f"{span!r} is not a span inside the text ({n} chars)")
                continue
            if text[span[0] : span[1]] != item.get("text"):
                bad(p + ".text", f"{item.get('text')!r} != text at span {text[span[0] : span[1]]!r}")
            if tuple(span) in seen:
                bad(p + ".span", f"{span!r} appears twice")
            seen.add(tuple(span))
            for name, types in fields.items():
                value = item.get(name)
                if value is None:
                    continue
                if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
                    bad(f"{p}.{name}", f"{value!r} is not of type {'/'.join(t.__name__ for t in types)}")
            if table == "dates":
                for name in ("start", "end"):
                    if item.get(name) is not None and not _iso_date(item[name]):
                        bad(f"{p}.{name}", f"{item[name]!r} is not an ISO date")
                if item.get("granularity") not in GRANULARITIES:
                    bad(p + ".granularity", f"{item.get('granularity')!r} is not one of {sorted(GRANULARITIES)}")
    return problems


class MissingText(GoldError):
    """A gold file whose release text is not here (third-party texts are not redistributed)."""


def text_path(path: Path, texts: Path | None = None) -> Path:
    """Where a gold file's release text is: NAME.txt beside it, else in `texts`, else in ../texts/.

    The real-release corpus keeps its texts apart (corpus/real/texts/, git-ignored), its gold files in
    corpus/real/dev and corpus/real/test.
    """
    name = path.name.removesuffix(".gold.json") + ".txt"
    for folder in (path.parent, texts, path.parent.parent / "texts"):
        if folder is not None and (folder / name).exists():
            return folder / name
    return path.with_name(name)


def load_gold(path: Path, texts: Path | None = None) -> Gold:
    """A gold file with its release text (see `text_path`); GoldError lists every problem."""
    txt = text_path(path, texts)
    if not txt.exists():
        raise MissingText(f"{path}: no release text {txt.name} beside it or in a texts folder")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        text = txt.read_text(encoding="utf-8")
    except (OSError, ValueError) as err:
        raise GoldError(f"{path}: {err}") from err
    problems = validate_gold(data, text, str(path))
    if problems:
        raise GoldError("\n".join(problems))
    return Gold(path, text, data)


def gold_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.gold.json"))
