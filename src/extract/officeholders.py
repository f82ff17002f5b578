"""Who held a Danish minister's office on a given day, from our data file `data/dk_ministers.csv`.

Pure functions and one register, no spaCy: the `extract/link_ministers` component calls `OfficeRegister.link`
for each `ministers` row. The data's facts and their sources are described in `data/README.md`.

A post runs from `start` (inclusive) to `end` (exclusive: the day its successor takes office), so on the day
of a change the incoming holder holds it. A boundary marked uncertain (`start_certain`/`end_certain` false)
is a best estimate: within `UNCERTAIN_DAYS` of it, nobody is linked by office and nothing is called a
conflict. Beyond a government's `known_until` (the last day our data describes) the same holds.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extract.resources import data_path

UNCERTAIN_DAYS = 60
MINISTERS_FILE = "dk_ministers.csv"
GOVERNMENTS_FILE = "dk_governments.csv"
# "og" that joins two posts ("vicestatsminister og forsvarsminister"), not two fields of one title
_POST_START = re.compile(r"^\S*minister\b")
# field separators inside one title: "klima-, energi- og forsynings", "fødevarer, landbrug og fiskeri"
_FIELD_SPLIT = re.compile(r"-?,\s*|-?\s+og\s+")


@dataclass(frozen=True)
class Government:
    key: str
    name: str
    start: dt.date
    end: dt.date | None  # None: still in office when the data was compiled
    known_until: dt.date  # last day the data describes


@dataclass(frozen=True)
class Post:
    government: str
    person_id: str
    name: str
    party: str
    title: str
    start: dt.date
    end: dt.date  # exclusive; an open post ends the day after its government's known_until
    start_certain: bool
    end_certain: bool
    note: str = ""

    def holds(self, day: dt.date, *, sure: bool) -> bool:
        """Whether the post covers `day`: `sure` narrows uncertain boundaries, otherwise they are widened."""
        margin = dt.timedelta(days=UNCERTAIN_DAYS)
        start = self.start if self.start_certain else (self.start + margin if sure else self.start - margin)
        end = self.end if self.end_certain else (self.end - margin if sure else self.end + margin)
        return start <= day < end


@dataclass(frozen=True)
class Link:
    """What linking decides for one `ministers` row (see OfficeRegister.link)."""

    name: str | None
    person_id: str | None = None
    linked_by: str | None = None  # "name", "office" or None
    conflict: bool = False


# ---- titles -------------------------------------------------------------------------------------------


def title_posts(title: str) -> list[str]:
    """The posts a written title names: "vicestatsminister og forsvarsminister" -> two posts, while
    "beskæftigelses- og ligestillingsminister" and "minister for byer og landdistrikter" are one each."""
    parts = title.split(" og ")
    posts, current = [], parts[0]
    for part in parts[1:]:
        if _POST_START.match(part) and not current.endswith("-"):
            posts.append(current)
            current = part
        else:
            current = f"{current} og {part}"
    posts.append(current)
    return posts


def title_fields(post: str) -> tuple[str, ...]:
    """The portfolio fields of one post: "klima-, energi- og forsyningsminister" -> (klima, energi,
    forsynings); "minister for fødevarer, landbrug og fiskeri" -> (fødevarer, landbrug, fiskeri);
    a bare "minister" -> () (it names no office)."""
    if post.startswith("minister for "):
        head = post.removeprefix("minister for ")
    else:
        head = post.removesuffix("minister")
    return tuple(f.strip() for f in _FIELD_SPLIT.split(head) if f.strip())


def _stem(field: str) -> str:
    return field.removesuffix("s")


def _same_field(written: str, held: str) -> bool:
    """ "sundheds" ~ "sundhed"; "fødevare" ~ "fødevarer"; "udviklings" ~ "udviklingssamarbejde"."""
    a, b = _stem(written), _stem(held)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short)


def post_matches(written: str, held: str) -> bool:
    """Whether one written post ("sundhedsminister") names a post of the data ("indenrigs- og
    sundhedsminister"): every field written is one of the post's fields. A bare "minister" names none."""
    if written == held:
        return True
    fields = title_fields(written)
    held_fields = title_fields(held)
    return bool(fields) and all(any(_same_field(f, h) for h in held_fields) for f in fields)


def normalise_name(name: str) -> str:
    return " ".join(name.split())


# ---- the register ---------------------------------------------------------------------------------------


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _bool(text: str, where: str) -> bool:
    if text not in ("true", "false"):
        raise ValueError(f"{where}: expected true or false, not {text!r}")
    return text == "true"


def read_governments(path: Path) -> dict[str, Government]:
    out: dict[str, Government] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            end = _date(row["end"])
            known = _date(row["known_until"]) or end
            if known is None:
                raise ValueError(f"{path}: government {row['government']} needs an end or known_until")
            out[row["government"]] = Government(row["government"], row["name"], _date(row["start"]), end, known)  # type: ignore[arg-type]
    return out


def read_posts(path: Path, governments: dict[str, Government]) -> list[Post]:
    posts = []
    with open(path, encoding="utf-8", newline="") as fh:
        for lineno, row in enumerate(csv.DictReader(fh), 2):
            where = f"{path.name}:{lineno}"
            gov = governments.get(row["government"])
            if gov is None:
                raise ValueError(f"{where}: unknown government {row['government']!r}")
            start = _date(row["start"])
            if start is None:
                raise ValueError(f"{where}: a post needs a start date")
            end = _date(row["end"]) or gov.known_until + dt.timedelta(days=1)
            posts.append(
                Post(
                    government=row["government"],
                    person_id=row["person_id"],
                    name=row["name"],
                    party=row["party"],
                    title=row["title"],
                    start=start,
                    end=end,
                    start_certain=_bool(row["start_certain"], where),
                    end_certain=_bool(row["end_certain"], where),
                    note=row.get("note") or "",
                )
            )
    return posts


class OfficeRegister:
    """Danish ministers' posts by day, and the linking rules for `ministers` rows."""

    def __init__(self, posts: Iterable[Post], governments: dict[str, Government]) -> None:
        self.posts = list(posts)
        self.governments = governments
        self.by_name = {normalise_name(p.name): p.person_id for p in self.posts}
        self.names = {p.person_id: p.name for p in self.posts}
        self.first_day = min(g.start for g in governments.values())
        self.last_day = max(g.known_until for g in governments.values())

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def holders(self, written_post: str, day: dt.date, *, sure: bool) -> set[str]:
        """person_ids holding a post that `written_post` names on `day`."""
        return {p.person_id for p in self.posts if p.holds(day, sure=sure) and post_matches(written_post, p.title)}

    def contradicts(self, person_id: str | None, written_posts: list[str], day: dt.date) -> bool:
        """Someone else surely held one of the posts on `day`, and the named person possibly did not."""
        for post in written_posts:
            if person_id is not None and person_id in self.holders(post, day, sure=False):
                continue
            if self.holders(post, day, sure=True):
                return True
        return False

    def link(self, name: str | None, title: str, country: str | None, day: dt.date | None) -> Link:
        """Link one row (name as written or None, indefinite title, ISO country, publication date).

        - Only Danish ministers are linked (our data has no others).
        - A name of our data gets its `person_id`, `linked_by = "name"`: the name identifies the person.
        - A name and title that contradict the data (someone else surely held that office on the day, and
          the named person possibly did not) is kept as written with `conflict = True`.
        - A title-only row gets the one person surely holding the office on the day, `linked_by = "office"`;
          never without a day, and never for a bare "minister".
        """
        if country not in (None, "DK"):
            return Link(name)
        posts = title_posts(title)
        if name:
            person_id = self.by_name.get(normalise_name(name))
            conflict = day is not None and self.covers(day) and self.contradicts(person_id, posts, day)
            return Link(name, person_id, "name" if person_id else None, conflict)
        if day is None or not self.covers(day):
            return Link(None)
        candidates: set[str] | None = None
        for p in posts:
            held = self.holders(p, day, sure=True)
            candidates = held if candidates is None else candidates & held
        if candidates and len(candidates) == 1:
            person_id = next(iter(candidates))
            return Link(self.names[person_id], person_id, "office", False)
        return Link(None)


def load_register(ministers: Path | None = None, governments: Path | None = None) -> OfficeRegister:
    """The register from the package's data files (or the files given, for tests and the validator)."""
    govs = read_governments(governments or data_path(GOVERNMENTS_FILE))
    return OfficeRegister(read_posts(ministers or data_path(MINISTERS_FILE), govs), govs)


@cache
def default_register() -> OfficeRegister:
    return load_register()
