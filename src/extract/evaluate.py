"""Score the pipeline against gold files: precision, recall and F1 per table and per entity label.

Three levels per table:
- `strict`: label and exact span (a span that differs only by a trailing genitive counts, as DESIGN.md says);
- `lenient`: label and overlapping span;
- `values`: overlapping span *and* equal values (ministers: name, title, country; quantities:
  value/lower/upper/unit/category, the unit without regard to case; amounts: value/lower/upper/currency;
  dates: start/end/granularity).
  A minister's name here is the name as the text gives it: a row whose name came from our data of
  office holders (`linked_by = "office"`) counts as nameless, as the gold's `name: null` says.
- `subject` (quantities and amounts): over the pairs of the `lenient` level, the subject column (what the
  money or count is for). A pair whose prediction gives a subject is a true positive when the gold has one
  with the same head noun (`extract.parse.subjects.same_head`: equal lemmas, or one a compound ending in
  the other), else a false positive; a gold subject the prediction misses or gets wrong is a false
  negative. So precision is the share of the subjects given that are right, recall the share of the gold
  subjects found. A gold subject that only repeats the count's unit noun ("op til ca. 20 stabsofficerer"
  -> "stabsofficerer", the older annotation rule) counts as no subject: the unit is never the subject.
- `linked` (ministers only): overlapping span and the person after linking, i.e. the row's `name`,
  equal to the gold's `holder` (for a title-only item) or its `name`. Gold items naming no person in
  either key are left out of this level, and so are the predictions that overlap them.
Gold items marked `optional` are neither required nor penalised: a prediction overlapping one is ignored.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.language import Language

from extract.gold import Gold, MissingText, gold_files, load_gold
from extract.parse.lemmas import noun_lemma
from extract.parse.subjects import same_head
from extract.readers import Record, record_from_mapping
from extract.tables import MENTION_TABLES, Tables

VALUE_KEYS = {
    "ministers": ("name", "title", "country"),
    "quantities": ("value", "lower", "upper", "unit", "category"),
    "amounts": ("value", "lower", "upper", "currency"),
    "dates": ("start", "end", "granularity"),
    "entities": (),
}
LEVELS = ("strict", "lenient", "values", "subject", "linked")
SUBJECT_TABLES = ("quantities", "amounts")
GENITIVE_ENDINGS = ("s", "'s", "’s", "'")


@dataclass(frozen=True)
class Mention:
    doc_id: str
    table: str
    label: str
    start: int
    end: int
    text: str
    values: tuple[tuple[str, Any], ...] = ()
    optional: bool = False
    person: str | None = None  # ministers: the person after linking (see the `linked` level)
    subject: str | None = None  # quantities and amounts: what the count or money is for (`subject` level)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Problem:
    kind: str  # "FP", "FN", "VALUE", "SUBJ" (a subject missed or wrong) or "LINK"
    mention: Mention
    sentence: str
    detail: str = ""


@dataclass
class Report:
    documents: int = 0
    # (table, label, level) -> counts; label "ALL" is the table's micro average
    counts: dict[tuple[str, str, str], Counts] = field(default_factory=lambda: defaultdict(Counts))
    problems: list[Problem] = field(default_factory=list)
    missing_texts: int = 0  # gold files left out because their release text is not here

    def f1(self, table: str, level: str = "strict", label: str = "ALL") -> float:
        return self.counts[(table, label, level)].f1

    def to_dict(self) -> dict[str, Any]:
        scores = [
            {
                "table": t,
                "label": lab,
                "level": lev,
                **asdict(c),
                "precision": round(c.precision, 4),
                "recall": round(c.recall, 4),
                "f1": round(c.f1, 4),
            }
            for (t, lab, lev), c in sorted(self.counts.items())
        ]
        return {"documents": self.documents, "scores": scores}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)


def _norm_key(key: str, value: Any) -> Any:
    """A value compared as `_norm` does; a unit without regard to case (annotators wrote both "TV-kanal"
    and "tv-station": the lemma is the unit, its capitals are not)."""
    normed = _norm(value)
    return normed.lower() if key == "unit" and isinstance(normed, str) else normed


def _norm(value: Any) -> Any:
    """Comparable values: numbers as floats, missing as None, dates as ISO text."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return round(float(value), 6)
    return value


def gold_mentions(gold: Gold) -> list[Mention]:
    data, text, doc_id = gold.data, gold.text, str(gold.data["doc_id"])
    out: list[Mention] = []
    for ent in data.get("entities", []):
        for s, e in ent["mentions"]:
            out.append(Mention(doc_id, "entities", ent["label"], s, e, text[s:e], (), bool(ent.get("optional"))))
    for m in data.get("ministers", []):
        values = tuple((k, _norm(m.get(k))) for k in VALUE_KEYS["ministers"])
        person = m.get("holder") or m.get("name")
        for s, e in m["mentions"]:
            out.append(
                Mention(doc_id, "ministers", "MINISTER", s, e, text[s:e], values, bool(m.get("optional")), person)
            )
    for table in ("quantities", "amounts", "dates"):
        for item in data.get(table, []):
            s, e = item["span"]
            values = tuple((k, _norm_key(k, item.get(k))) for k in VALUE_KEYS[table])
            subject = gold_subject(item, text[s:e]) if table in SUBJECT_TABLES else None
            optional = bool(item.get("optional"))
            out.append(Mention(doc_id, table, table.upper(), s, e, text[s:e], values, optional, subject=subject))
    return out


def gold_subject(item: dict[str, Any], span_text: str) -> str | None:
    """A gold item's subject, or None when it has none or only repeats the unit noun: "op til ca. 20
    stabsofficerer" -> "stabsofficerer" was the older rule of corpus/ANNOTATION.md, now no subject."""
    subject = item.get("subject") or None
    if subject is None:
        return None
    written = subject.split()[-1].lower()
    words = span_text.lower().split()
    unit = item.get("unit")
    if (words and written == words[-1]) or (unit and noun_lemma(written) == unit.lower()):
        return None
    return str(subject)


# Entity labels the gold files do not annotate (corpus/ANNOTATION.md): predictions of them are not scored.
UNANNOTATED_LABELS = frozenset({"LOC"})


def predicted_mentions(tables: Tables, doc_id_of: dict[str, str]) -> list[Mention]:
    out: list[Mention] = []
    for table in MENTION_TABLES:
        df = getattr(tables, table)
        for row in df.to_dict("records"):
            if table == "entities" and row["label"] in UNANNOTATED_LABELS:
                continue
            label = row["label"] if table == "entities" else ("MINISTER" if table == "ministers" else table.upper())
            person = _norm(row.get("name")) if table == "ministers" else None
            if table == "ministers" and row.get("linked_by") == "office":
                row = {**row, "name": None}  # the text names nobody: `values` compares the name as written
            values = tuple((k, _norm_key(k, row.get(k))) for k in VALUE_KEYS[table])
            doc_id = doc_id_of.get(row["doc_id"], row["doc_id"])
            start, end = int(row["start_char"]), int(row["end_char"])
            subject = (_norm(row.get("subject")) or None) if table in SUBJECT_TABLES else None
            out.append(Mention(doc_id, table, label, start, end, row["text"], values, person=person, subject=subject))
    return out


def _same_span(pred: Mention, gold: Mention, text: str) -> bool:
    if pred.start != gold.start:
        return False
    if pred.end == gold.end:
        return True
    short, long_ = sorted((pred.end, gold.end))
    return text[short:long_] in GENITIVE_ENDINGS


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _match(preds: list[Mention], golds: list[Mention], same: Any) -> list[tuple[Mention, Mention]]:
    """Greedy one-to-one pairs of (prediction, gold) with equal labels for which `same` holds."""
    pairs = []
    free = list(golds)
    for p in sorted(preds, key=lambda m: (m.start, m.end)):
        for g in free:
            if g.label == p.label and same(p, g):
                pairs.append((p, g))
                free.remove(g)
                break
    return pairs


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence around a span, for error listings."""
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1)
    right_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return " ".join(text[left:right].split())


def score(report: Report, preds: list[Mention], golds: list[Mention], text: str) -> None:
    """Add one document's mentions to the report."""
    for table in MENTION_TABLES:
        tp_golds = [g for g in golds if g.table == table]
        required = [g for g in tp_golds if not g.optional]
        optional = [g for g in tp_golds if g.optional]
        table_preds = [p for p in preds if p.table == table]
        lenient_pairs = _match(table_preds, required, _overlap)
        matched_preds = {id(p) for p, _ in lenient_pairs}
        # predictions that only overlap optional gold items are ignored
        ignored = {id(p) for p in table_preds if id(p) not in matched_preds and any(_overlap(p, g) for g in optional)}
        scored = [p for p in table_preds if id(p) not in ignored]
        strict_pairs = _match(scored, required, lambda p, g: _same_span(p, g, text))
        value_pairs = [(p, g) for p, g in lenient_pairs if p.values == g.values]
        labels = sorted({m.label for m in scored + required})
        for level, pairs in (("strict", strict_pairs), ("lenient", lenient_pairs), ("values", value_pairs)):
            if level == "values" and table == "entities":
                continue
            for label in [*labels, "ALL"] if table == "entities" else ["ALL"]:
                keep = (lambda m: True) if label == "ALL" else (lambda m, lab=label: m.label == lab)  # type: ignore[misc]
                n_pairs = sum(1 for p, _ in pairs if keep(p))
                c = report.counts[(table, label, level)]
                c.tp += n_pairs
                c.fp += sum(1 for p in scored if keep(p)) - n_pairs
                c.fn += sum(1 for g in required if keep(g)) - n_pairs
        if table == "ministers":
            _score_linked(report, scored, required, lenient_pairs, text)
        if table in SUBJECT_TABLES:
            _score_subjects(report, table, lenient_pairs, text)
        strict_p = {id(p) for p, _ in strict_pairs}
        strict_g = {id(g) for _, g in strict_pairs}
        for p in scored:
            if id(p) not in strict_p:
                report.problems.append(Problem("FP", p, sentence_of(text, p.start, p.end)))
        for g in required:
            if id(g) not in strict_g:
                report.problems.append(Problem("FN", g, sentence_of(text, g.start, g.end)))
        for p, g in lenient_pairs:
            if p.values != g.values and table != "entities":
                diff = ", ".join(
                    f"{k}: {pv!r} != gold {gv!r}"
                    for (k, pv), (_, gv) in zip(p.values, g.values, strict=True)
                    if pv != gv
                )
                report.problems.append(Problem("VALUE", p, sentence_of(text, p.start, p.end), diff))


def _score_linked(
    report: Report, scored: list[Mention], required: list[Mention], pairs: list[tuple[Mention, Mention]], text: str
) -> None:
    """The `linked` level of ministers: the person a row names after linking, against the gold's person."""
    unknown = {id(p) for p, g in pairs if g.person is None}
    preds = [p for p in scored if id(p) not in unknown]
    golds = [g for g in required if g.person is not None]
    right = [(p, g) for p, g in pairs if g.person is not None and p.person == g.person]
    c = report.counts[("ministers", "ALL", "linked")]
    c.tp += len(right)
    c.fp += len(preds) - len(right)
    c.fn += len(golds) - len(right)
    for p, g in pairs:
        if g.person is not None and p.person != g.person:
            detail = f"person: {p.person!r} != gold {g.person!r}"
            report.problems.append(Problem("LINK", p, sentence_of(text, p.start, p.end), detail))


def _score_subjects(report: Report, table: str, pairs: list[tuple[Mention, Mention]], text: str) -> None:
    """The `subject` level: the subjects given against the gold's, over the lenient pairs."""
    c = report.counts[(table, "ALL", "subject")]
    for p, g in pairs:
        right = p.subject is not None and g.subject is not None and same_head(p.subject, g.subject)
        c.tp += right
        c.fp += p.subject is not None and not right
        c.fn += g.subject is not None and not right
        if not right and (p.subject is not None or g.subject is not None):
            detail = f"subject: {p.subject!r} != gold {g.subject!r}"
            report.problems.append(Problem("SUBJ", p, sentence_of(text, p.start, p.end), detail))


def gold_record(gold: Gold) -> Record:
    """The release a gold file annotates: its text, and metadata from NAME.meta.json beside the gold file
    (or the gold file's own `published` and `publisher`)."""
    meta_path = gold.path.with_name(gold.path.name.removesuffix(".gold.json") + ".meta.json")
    meta: dict[str, Any] = {"published": gold.data.get("published"), "publisher": gold.data.get("publisher")}
    if meta_path.exists():
        meta.update(json.loads(meta_path.read_text(encoding="utf-8")))
    return record_from_mapping({**meta, "id": str(gold.data["doc_id"]), "text": gold.text}, str(gold.path))


def evaluate_golds(golds: Iterable[Gold], nlp: Language | None = None) -> Report:
    """Run the pipeline over each gold file's release and score it."""
    import extract

    golds = list(golds)
    records = [gold_record(gold) for gold in golds]
    tables = extract.extract(records, nlp=nlp)
    doc_id_of = {r.id: str(g.data["doc_id"]) for r, g in zip(records, golds, strict=True)}
    preds = predicted_mentions(tables, doc_id_of)
    report = Report(documents=len(golds))
    for gold in golds:
        doc_id = str(gold.data["doc_id"])
        score(report, [p for p in preds if p.doc_id == doc_id], gold_mentions(gold), gold.text)
    return report


def evaluate_dir(folder: Path, nlp: Language | None = None, texts: Path | None = None) -> Report:
    """Score every gold file under `folder` whose release text is present (see gold.text_path).

    Gold files without their text (the real corpus on a machine that has not restored it) are left out
    and counted in `Report.missing_texts`; a folder with no text at all is an error.
    """
    paths = gold_files(Path(folder))
    if not paths:
        raise ValueError(f"{folder}: no NAME.gold.json files")
    golds, missing = [], 0
    for path in paths:
        try:
            golds.append(load_gold(path, texts))
        except MissingText:
            missing += 1
    if not golds:
        raise ValueError(
            f"{folder}: none of its {len(paths)} gold files has its release text (restore them first, see "
            "corpus/real/README.md, or pass --texts DIR)"
        )
    report = evaluate_golds(golds, nlp=nlp)
    report.missing_texts = missing
    return report


def format_report(report: Report) -> str:
    skipped = f" ({report.missing_texts} gold files without their text left out)" if report.missing_texts else ""
    lines = [
        f"{report.documents} releases{skipped}",
        "",
        f"{'table':<11} {'label':<10} {'level':<8} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}",
    ]
    order = {t: i for i, t in enumerate(MENTION_TABLES)}
    for (table, label, level), c in sorted(
        report.counts.items(), key=lambda kv: (order[kv[0][0]], kv[0][1] != "ALL", kv[0][1], LEVELS.index(kv[0][2]))
    ):
        lines.append(
            f"{table:<11} {label:<10} {level:<8} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} "
            f"{c.tp:5d} {c.fp:5d} {c.fn:5d}"
        )
    return "\n".join(lines)


def format_errors(report: Report) -> str:
    lines = []
    for p in sorted(report.problems, key=lambda p: (p.mention.doc_id, p.mention.table, p.mention.start)):
        m = p.mention
        head = f"{p.kind:<5} {m.doc_id} {m.table}/{m.label} [{m.start},{m.end}] {m.text!r}"
        lines.append(head + (f"  ({p.detail})" if p.detail else ""))
        lines.append(f"      … {p.sentence}")
    return "\n".join(lines)
