"""Run a regex only where a match can start: what `finditer` gives, at a fraction of the cost.

Python's `re` tries a pattern at every position of the text; patterns that open with lookbehinds and
long alternations (dates, numbers, money) spend most of their time failing at positions where no
mention can begin. One cheap pass finds the positions where one can (a digit, or a word that opens a
shape), and the pattern is tried only there, from left to right, resuming after each match as
`finditer` does. The start pattern must find a superset of the real starts; the tests check each
pattern against a full `finditer` on the corpus and on generated word salad.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any

__all__ = ["FirstCharacters", "bucket_positions", "scan", "starts"]


def starts(start_pattern: re.Pattern[str], text: str) -> list[int]:
    """The positions where `start_pattern` (zero-width) matches, ascending."""
    return [m.start() for m in start_pattern.finditer(text)]


def scan(pattern: re.Pattern[str], text: str, positions: list[int]) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` yields, trying only `positions` (ascending, a superset of the starts).

    Matches must not be empty (every pattern this serves consumes at least a digit or a word).
    """
    pos = 0
    for start in positions:
        if start >= pos and (m := pattern.match(text, start)):
            yield m
            pos = m.end()


class FirstCharacters:
    """The characters a compiled pattern's match can begin with, read from the pattern's parse tree.

    Why: with many patterns tried at the same candidate positions, most attempts fail on the first
    character ("5" before a month-name shape, "u" before a day shape). Bucketing the positions by their
    character and trying each pattern only on the buckets it can begin with gives the same matches for a
    fraction of the attempts. The set is a superset: lookarounds are ignored, and anything this reader
    does not know (back references, conditionals, negated classes) admits every character.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        chars, classes, nullable = _first_of_sequence(_parser.parse(pattern.pattern, pattern.flags))
        self.any = nullable or "any" in classes
        self.fold = bool(pattern.flags & re.IGNORECASE) or "fold" in classes  # (?i:...) inside counts too
        self.chars = frozenset(chars)
        self.classes = frozenset(classes)
        self._cache: dict[str, bool] = {}

    def admits(self, char: str) -> bool:
        """Whether a match can begin with `char` (its case variants too, where the pattern ignores case)."""
        known = self._cache.get(char)
        if known is None:
            forms = _case_forms(char) if self.fold else (char,)
            known = self._cache[char] = self.any or any(self._admits_exactly(c) for c in forms)
        return known

    def _admits_exactly(self, char: str) -> bool:
        return (
            char in self.chars
            or ("digit" in self.classes and char.isdecimal())
            or ("word" in self.classes and (char.isalnum() or char == "_"))
            or ("space" in self.classes and char.isspace())
        )

    def positions(self, by_char: dict[str, list[int]]) -> list[int]:
        """The positions (from `bucket_positions`) whose character a match can begin with, ascending."""
        chosen = [p for char, ps in by_char.items() if self.admits(char) for p in ps]
        chosen.sort()
        return chosen


def bucket_positions(text: str, positions: list[int]) -> dict[str, list[int]]:
    """Candidate positions grouped by the character there, each group ascending."""
    by_char: dict[str, list[int]] = {}
    for p in positions:
        by_char.setdefault(text[p], []).append(p)
    return by_char


def _case_forms(char: str) -> set[str]:
    return {char, char.lower(), char.upper(), char.casefold()}


_ZERO_WIDTH = {_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT}
_REPEATS = {_constants.MAX_REPEAT, _constants.MIN_REPEAT, getattr(_constants, "POSSESSIVE_REPEAT", None)}
_CATEGORIES = {
    _constants.CATEGORY_DIGIT: "digit",
    _constants.CATEGORY_WORD: "word",
    _constants.CATEGORY_SPACE: "space",
}

# (characters, classes, nullable): what a (sub)pattern can begin with, and whether it can match empty.
_First = tuple[set[str], set[str], bool]


def _first_of_sequence(items: Iterable[tuple[Any, Any]]) -> _First:
    chars: set[str] = set()
    classes: set[str] = set()
    for op, av in items:
        c, k, nullable = _first_of_item(op, av)
        chars |= c
        classes |= k
        if not nullable:
            return chars, classes, False
    return chars, classes, True


def _first_of_item(op: Any, av: Any) -> _First:
    if op == _constants.LITERAL:
        return {chr(av)}, set(), False
    if op == _constants.IN:
        return _first_of_class(av)
    if op in _ZERO_WIDTH:
        return set(), set(), True
    if op == _constants.SUBPATTERN:
        chars, classes, nullable = _first_of_sequence(av[-1])
        return chars, classes | ({"fold"} if av[1] & re.IGNORECASE else set()), nullable
    if op == getattr(_constants, "ATOMIC_GROUP", None):
        return _first_of_sequence(av)
    if op in _REPEATS:
        low, _, body = av
        chars, classes, nullable = _first_of_sequence(body)
        return chars, classes, nullable or low == 0
    if op == _constants.BRANCH:
        chars, classes, any_nullable = set(), set(), False
        for branch in av[1]:
            c, k, nullable = _first_of_sequence(branch)
            chars |= c
            classes |= k
            any_nullable = any_nullable or nullable
        return chars, classes, any_nullable
    return set(), {"any"}, False  # ANY, NOT_LITERAL, back references, conditionals ...


def _first_of_class(items: list[tuple[Any, Any]]) -> _First:
    chars: set[str] = set()
    classes: set[str] = set()
    for op, av in items:
        if op == _constants.LITERAL:
            chars.add(chr(av))
        elif op == _constants.RANGE and av[1] - av[0] <= 512:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op == _constants.CATEGORY and av in _CATEGORIES:
            classes.add(_CATEGORIES[av])
        else:  # NEGATE, wide ranges, negated categories: anything
            return set(), {"any"}, False
    return chars, classes, False
