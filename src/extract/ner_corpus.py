"""Read NER gold data in UNER's IOB2 format into texts with character-offset entities.

UNER Danish-DDT (`da_ddt-ud-{train,dev,test}.iob2`) gives each sentence as a `# text = …` line and one token a
line (id, token, IOB2 tag, …). Tokens are found in the text in order, so the entities become character spans
of the original text, independent of any tokenizer: training retokenises with ours, scoring compares offsets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LABELS = ("PER", "LOC", "ORG")


@dataclass(frozen=True)
class Sentence:
    sent_id: str
    text: str
    entities: tuple[tuple[int, int, str], ...]  # (start_char, end_char, label)


def _spans(text: str, tokens: list[tuple[str, str]], where: str) -> tuple[tuple[int, int, str], ...]:
    offsets: list[tuple[int, int]] = []
    pos = 0
    for token, _ in tokens:
        start = text.find(token, pos)
        if start < 0:
            raise ValueError(f"{where}: token {token!r} not found in the sentence text")
        offsets.append((start, start + len(token)))
        pos = start + len(token)
    spans: list[tuple[int, int, str]] = []
    open_label: str | None = None
    for (start, end), (_, tag) in zip(offsets, tokens, strict=True):
        prefix, _, label = tag.partition("-")
        if prefix == "I" and open_label == label:
            s, _, lab = spans[-1]
            spans[-1] = (s, end, lab)
        elif prefix in {"B", "I"}:
            spans.append((start, end, label))
            open_label = label
        else:
            open_label = None
    return tuple(spans)


def read_iob2(path: Path) -> Iterator[Sentence]:
    """Sentences of a UNER `.iob2` file (an I- tag without its B- opens a new entity, as conlleval reads it)."""
    sent_id = text = ""
    tokens: list[tuple[str, str]] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for lineno, line in enumerate([*lines, ""], 1):
        if line.startswith("# sent_id = "):
            sent_id = line.removeprefix("# sent_id = ")
        elif line.startswith("# text = "):
            text = line.removeprefix("# text = ")
        elif line.strip():
            cols = line.split("\t")
            tokens.append((cols[1], cols[2]))
        elif tokens:
            yield Sentence(sent_id, text, _spans(text, tokens, f"{path}:{lineno}"))
            sent_id = text = ""
            tokens = []
