"""Matcher-style token patterns, matched through one bit mask per distinct word.

spaCy's `Matcher` checks `REGEX`, `IN` and `NOT_IN` predicates in Python at every token of every Doc, which
made the gazetteer's 36 organisation patterns cost three times the tokenizer. Every predicate here reads
only the word itself, so each distinct word is tested once (its bit mask is cached by ORTH hash), and a
pattern is only tried at a token whose mask fits the pattern's first token: most tokens are lower-case
words that begin no pattern.

The matches are spaCy's non-greedy ones: every (start, end) a pattern can match, overlapping ones included,
empty ones left out. The subset of the pattern language understood is the one our data use; anything else
is refused when the patterns are compiled, never silently ignored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

Test = Callable[[str], bool]

_ATTRIBUTES: dict[str, Callable[[str], str]] = {"ORTH": str, "TEXT": str, "LOWER": str.lower}
_FLAGS: dict[str, Test] = {"IS_TITLE": str.istitle, "IS_DIGIT": str.isdigit}
_OPS = {"1", "?", "*", "+"}
_MAX_CACHED_WORDS = 1_000_000  # a long batch meets new words forever: start the cache afresh past this


def _value_test(getter: Callable[[str], str], value: Any) -> Test:
    """A test of one attribute: an exact string, or a dict of REGEX / IN / NOT_IN (all must hold)."""
    if isinstance(value, str):
        return lambda word: getter(word) == value
    if not isinstance(value, dict) or not value:
        raise ValueError(f"unsupported attribute value {value!r}")
    tests = [_predicate(getter, key, arg) for key, arg in value.items()]
    return lambda word: all(test(word) for test in tests)


def _predicate(getter: Callable[[str], str], key: str, arg: Any) -> Test:
    if key == "REGEX":
        pattern = re.compile(arg)
        return lambda word: pattern.search(getter(word)) is not None
    if key in {"IN", "NOT_IN"}:
        members, wanted = frozenset(arg), key == "IN"
        return lambda word: (getter(word) in members) is wanted
    raise ValueError(f"unsupported predicate {key!r}")


def _flag_test(flag: Test, value: bool) -> Test:
    return lambda word: flag(word) is value


def token_test(spec: dict[str, Any]) -> Test:
    """The test one token spec makes of a word (all of its attributes must hold)."""
    tests: list[Test] = []
    for key, value in spec.items():
        if key == "OP":
            continue
        if key in _ATTRIBUTES:
            tests.append(_value_test(_ATTRIBUTES[key], value))
        elif key in _FLAGS and isinstance(value, bool):
            tests.append(_flag_test(_FLAGS[key], value))
        else:
            raise ValueError(f"unsupported token attribute {key!r}")
    return lambda word: all(test(word) for test in tests)


@dataclass(frozen=True)
class _Pattern:
    steps: tuple[tuple[int, str], ...]  # (bit of the token spec, operator)
    first: int  # bits of every spec the first token of a match can satisfy
    second: int  # bits the token after the first must fit, when the first is required (0: no check)
    label: str
    pattern_id: str


class TokenPatterns:
    """Token patterns (`{"label", "pattern", "id"}` rows, as for spaCy's SpanRuler) and their matches."""

    def __init__(self, rows: Iterable[dict[str, Any]]) -> None:
        # A word's mask is built from three kinds of test, cheapest first: the specs that only name words
        # (ORTH/TEXT/LOWER equal to or IN a list) as one dict lookup each; the specs that need a capital
        # letter (IS_TITLE, or a REGEX opening on a capital), tried only on words that have one; the rest.
        self._exact: dict[str, int] = {}
        self._lower: dict[str, int] = {}
        self._capital_tests: list[tuple[int, Test]] = []
        self._other_tests: list[tuple[int, Test]] = []
        bits: dict[str, int] = {}
        self._patterns: list[_Pattern] = []
        for row in rows:
            steps: list[tuple[int, str]] = []
            for spec in row["pattern"]:
                op = spec.get("OP", "1")
                if op not in _OPS:
                    raise ValueError(f"unsupported operator {op!r} in {row!r}")
                key = json.dumps({k: v for k, v in spec.items() if k != "OP"}, sort_keys=True)
                if key not in bits:
                    bits[key] = 1 << len(bits)
                    self._add_test(spec, bits[key])
                steps.append((bits[key], op))
            first = 0
            for bit, op in steps:
                first |= bit
                if op not in {"?", "*"}:
                    break
            self._patterns.append(_Pattern(tuple(steps), first, _second(steps), row["label"], row.get("id", "")))
        self._any_first = 0
        for pattern in self._patterns:
            self._any_first |= pattern.first
        self._masks: dict[int, int] = {}
        self._openers: dict[int, tuple[_Pattern, ...]] = {}  # a word's mask -> the patterns it can open

    def _add_test(self, spec: dict[str, Any], bit: int) -> None:
        attrs = {k: v for k, v in spec.items() if k != "OP"}
        words = _named_words(attrs)
        if words is not None:
            table = self._lower if "LOWER" in attrs else self._exact
            for word in words:
                table[word] = table.get(word, 0) | bit
        elif _needs_capital(attrs):
            self._capital_tests.append((bit, token_test(spec)))
        else:
            self._other_tests.append((bit, token_test(spec)))

    def __len__(self) -> int:
        return len(self._patterns)

    def _mask(self, orth: int, doc: Doc) -> int:
        word = doc.vocab.strings[orth]
        if len(self._masks) >= _MAX_CACHED_WORDS:
            self._masks.clear()
        lower = word.lower()
        mask = self._exact.get(word, 0) | self._lower.get(lower, 0)
        for bit, test in self._capital_tests if lower != word else ():
            if test(word):
                mask |= bit
        for bit, test in self._other_tests:
            if test(word):
                mask |= bit
        self._masks[orth] = mask
        return mask

    def matches(self, doc: Doc) -> Iterator[tuple[int, int, str, str]]:
        """(start, end, label, id) of every non-empty match."""
        orths = doc.to_array(ORTH).tolist()
        cache = self._masks
        masks = [cache[o] if o in cache else self._mask(o, doc) for o in orths]
        any_first, openers = self._any_first, self._openers
        for start, mask in enumerate(masks):
            if not mask & any_first:
                continue
            patterns = openers.get(mask)
            if patterns is None:
                patterns = openers[mask] = tuple(p for p in self._patterns if mask & p.first)
            following = masks[start + 1] if start + 1 < len(masks) else 0
            for pattern in patterns:
                if pattern.second and not following & pattern.second:
                    continue  # most tries end at the second token: no walk for them
                for end in _ends(pattern.steps, masks, start):
                    if end > start:
                        yield start, end, pattern.label, pattern.pattern_id

    def spans(self, doc: Doc) -> list[Span]:
        return [Span(doc, s, e, label=label, span_id=pid) for s, e, label, pid in self.matches(doc)]


def _named_words(attrs: dict[str, Any]) -> list[str] | None:
    """The words a spec of one ORTH/TEXT/LOWER attribute accepts, when it only names them (else None)."""
    if len(attrs) != 1:
        return None
    [(key, value)] = attrs.items()
    if key not in _ATTRIBUTES:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and list(value) == ["IN"]:
        return list(value["IN"])
    return None


def _needs_capital(attrs: dict[str, Any]) -> bool:
    """A spec no word without a capital letter can satisfy: IS_TITLE, or a TEXT/ORTH regex opening on one."""
    if attrs.get("IS_TITLE") is True:
        return True
    for key in ("TEXT", "ORTH"):
        value = attrs.get(key)
        if isinstance(value, dict) and str(value.get("REGEX", "")).startswith("^[A-ZÆØÅ]"):
            return True
    return False


def _second(steps: Sequence[tuple[int, str]]) -> int:
    """What the token after a required first token must fit: the specs up to the next required one.

    0 when there is nothing to check: an optional first token, or nothing required after the first.
    """
    if len(steps) < 2 or steps[0][1] != "1":
        return 0
    bits = 0
    for bit, op in steps[1:]:
        bits |= bit
        if op not in {"?", "*"}:
            return bits
    return 0


def _ends(steps: Sequence[tuple[int, str]], masks: list[int], start: int) -> set[int]:
    """Every token position where a match of `steps` begun at token `start` can end (a depth-first walk)."""
    n, last = len(masks), len(steps)
    ends: set[int] = set()
    stack = [(0, start)]
    while stack:
        k, i = stack.pop()
        while k < last and steps[k][1] == "1":  # the common case: one required token after another
            if i >= n or not masks[i] & steps[k][0]:
                break
            k, i = k + 1, i + 1
        else:
            if k == last:
                ends.add(i)
                continue
            bit, op = steps[k]
            if op != "+":  # "?" and "*" may match nothing
                stack.append((k + 1, i))
            if op == "?":
                if i < n and masks[i] & bit:
                    stack.append((k + 1, i + 1))
                continue
            while i < n and masks[i] & bit:  # "*" or "+": every run of one or more matching tokens
                i += 1
                stack.append((k + 1, i))
    return ends
