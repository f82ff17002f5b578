"""Score pressextract's entities on UNER Danish-DDT (general Danish news): rules only, our model alone, both.

    python bench/uner.py                     # test split, a Markdown table
    python bench/uner.py --split dev --json

Our labels map onto UNER's: PERSON -> PER, CITY/COUNTRY/LOC -> LOC, ORG -> ORG. A match is the same label and
exact character span, except that a trailing genitive may differ ("Ruslands" ~ "Rusland"). Each sentence is
run as its own text. The rules' spans end where the entities table ends them (without the genitive).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

import extract
from extract.ner_corpus import LABELS, Sentence, read_iob2
from extract.rule_ids import strip_genitive

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ner"
OUR_LABELS = {"PERSON": "PER", "CITY": "LOC", "COUNTRY": "LOC", "LOC": "LOC", "ORG": "ORG", **{k: k for k in LABELS}}
# Published NER F1 of other Danish systems on DaNE test (the same sentences, another annotation): for reference.
PUBLISHED = [
    ("da_core_news_sm 3.5 (published, DaNE test)", 0.644),
    ("da_core_news_md 3.5 (published, DaNE test)", 0.712),
    ("da_core_news_lg 3.5 (published, DaNE test)", 0.746),
    ("DaCy large (published, DaNE test)", 0.854),
]

Span3 = tuple[int, int, str]


def doc_entities(doc: Doc) -> list[Span3]:
    """doc.ents as (start_char, end_char, UNER label), ending where the entities table ends them."""
    extra = doc._.ent_extra or {}
    out = []
    for ent in doc.ents:
        end = int(extra.get(f"{ent.start_char}:{ent.end_char}", {}).get("end_char", ent.end_char))
        out.append((ent.start_char, end, OUR_LABELS[ent.label_]))
    return out


def model_entities(doc: Doc) -> list[Span3]:
    return [(s.start_char, s.end_char, OUR_LABELS[s.label_]) for s in doc.spans.get("model", [])]


def same(text: str, gold: Span3, pred: Span3) -> bool:
    if gold[0] != pred[0] or gold[2] != pred[2]:
        return False
    if gold[1] == pred[1]:
        return True
    long, short = (gold, pred) if gold[1] > pred[1] else (pred, gold)
    return strip_genitive(text[long[0] : long[1]]) == text[short[0] : short[1]]


def count(sentences: list[Sentence], predictions: list[list[Span3]]) -> Counter[tuple[str, str]]:
    """(label, tp/fp/fn) counts; label "ALL" sums them."""
    c: Counter[tuple[str, str]] = Counter()
    for sent, pred in zip(sentences, predictions, strict=True):
        unmatched = list(pred)
        for g in sent.entities:
            hit = next((p for p in unmatched if same(sent.text, g, p)), None)
            if hit is None:
                c[(g[2], "fn")] += 1
            else:
                unmatched.remove(hit)
                c[(g[2], "tp")] += 1
        for p in unmatched:
            c[(p[2], "fp")] += 1
    for kind in ("tp", "fp", "fn"):
        c[("ALL", kind)] = sum(c[(label, kind)] for label in LABELS)
    return c


def prf(c: Counter[tuple[str, str]], label: str) -> dict[str, float]:
    tp, fp, fn = c[(label, "tp")], c[(label, "fp")], c[(label, "fn")]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f": round(2 * p * r / (p + r) if p + r else 0.0, 3)}


def score(sentences: list[Sentence]) -> dict[str, dict[str, dict[str, float]]]:
    texts = [s.text for s in sentences]
    rules_docs = list(extract.load(ner=False).pipe(texts))
    full_docs = list(extract.load(ner=True).pipe(texts))
    systems = {
        "pressextract rules only (`load(ner=False)`)": [doc_entities(d) for d in rules_docs],
        'our model alone (`doc.spans["model"]`)': [model_entities(d) for d in full_docs],
        "pressextract rules + model (`load(ner=True)`)": [doc_entities(d) for d in full_docs],
    }
    return {
        name: {label: prf(count(sentences, preds), label) for label in ("ALL", *LABELS)}
        for name, preds in systems.items()
    }


def table(scores: dict[str, dict[str, dict[str, float]]]) -> str:
    lines = ["| system | ALL F1 (P / R) | PER F1 | LOC F1 | ORG F1 |", "|---|---:|---:|---:|---:|"]
    for name, s in scores.items():
        a = s["ALL"]
        lines.append(
            f"| {name} | {a['f']:.3f} ({a['p']:.2f} / {a['r']:.2f}) | {s['PER']['f']:.3f} | {s['LOC']['f']:.3f} "
            f"| {s['ORG']['f']:.3f} |"
        )
    lines += [f"| {name} | {f:.3f} | | | |" for name, f in PUBLISHED]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=["train", "dev", "test"], default="test")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sentences = list(read_iob2(args.data / "UNER_Danish-DDT" / f"da_ddt-ud-{args.split}.iob2"))
    scores = score(sentences)
    gold = Counter(e[2] for s in sentences for e in s.entities)
    if args.json:
        print(json.dumps({"split": args.split, "sentences": len(sentences), "gold": gold, "scores": scores}, indent=1))
    else:
        print(
            f"UNER Danish-DDT {args.split}: {len(sentences)} sentences, gold "
            + ", ".join(f"{k} {v}" for k, v in sorted(gold.items()))
        )
        print(table(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
