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
from functools import cache
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any

__all__ = ["ALPHABET", "PrefixGate", "Prefixes", "scan", "starts"]


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


class Prefixes:
    """The first `length` characters a compiled pattern's match can begin with, read from its parse tree.

    Why: with many patterns tried at the same candidate positions, most attempts fail within the first
    few characters ("150 soldater" before a "15. oktober" shape, "i" of "i alt" before "i dag"). Trying
    each pattern only where the text's next characters are one of its prefixes gives the same matches
    for a fraction of the attempts. The set is a superset: lookarounds are ignored, anything this reader
    does not know (back references, conditionals) leaves the rest of the prefix open, and text with a
    character outside `ALPHABET` (plain Latin with the Danish letters) is always admitted.
    """

    def __init__(self, pattern: re.Pattern[str], length: int = 3) -> None:
        self.length = length
        tree = _parser.parse(pattern.pattern, pattern.flags)
        self.fold = bool(pattern.flags & re.IGNORECASE) or _has_inline_fold(tree)
        reader = _PrefixReader(length, self.fold)
        live = reader.sequence(tree, {""})
        reader.close(live)
        self.exact = frozenset(reader.exact)  # prefixes of the full length
        self.open = frozenset(reader.open)  # shorter prefixes after which anything may follow

    def admits(self, window: str) -> bool:
        """Whether a match can begin with the text `window` (the next `length` characters, or fewer at
        the end of the text)."""
        if not _PLAIN.fullmatch(window):
            return True
        if self.fold:
            window = window.lower()
        # A window shorter than `length` is the end of the text: the whole match must fit in it.
        return window in self.exact or any(window[:i] in self.open for i in range(min(len(window) + 1, self.length)))


class PrefixGate:
    """Candidate positions sorted out per pattern by the characters there, each list ascending.

    Why: one lookup per distinct window of text (cached across Docs) decides for every pattern at once.
    """

    def __init__(self, patterns: Iterable[re.Pattern[str]], length: int = 3) -> None:
        self.prefixes = [Prefixes(p, length) for p in patterns]
        self.length = length
        self._cache: dict[str, tuple[int, ...]] = {}

    def positions(self, text: str, candidates: Iterable[int]) -> list[list[int]]:
        """For each pattern, the candidates where a match of it can begin."""
        chosen: list[list[int]] = [[] for _ in self.prefixes]
        cache, length = self._cache, self.length
        for p in candidates:
            window = text[p : p + length]
            admitted = cache.get(window)
            if admitted is None:
                if len(cache) > _CACHE_LIMIT:
                    cache.clear()
                admitted = cache[window] = tuple(i for i, pr in enumerate(self.prefixes) if pr.admits(window))
            for i in admitted:
                chosen[i].append(p)
        return chosen


_CACHE_LIMIT = 200_000
# The characters whose case folding and classes this reader models exactly; text with any other
# character is always admitted.
ALPHABET = "".join(map(chr, range(0x20, 0x7F))) + "\n\tæøåÆØÅéÉüÜöÖäÄ§–’½"
_PLAIN = re.compile(f"[{re.escape(ALPHABET)}]*")
_MAX_LIVE = 50_000  # prefixes followed at once; beyond, the rest is left open (a superset)


def _has_inline_fold(items: Iterable[tuple[Any, Any]]) -> bool:
    for op, av in items:
        if op == _constants.SUBPATTERN and (av[1] & re.IGNORECASE or _has_inline_fold(av[-1])):
            return True
        if op == _constants.BRANCH and any(_has_inline_fold(b) for b in av[1]):
            return True
        if op in _REPEATS and _has_inline_fold(av[2]):
            return True
        if op == getattr(_constants, "ATOMIC_GROUP", None) and _has_inline_fold(av):
            return True
    return False


class _PrefixReader:
    """Walks a parse tree carrying the prefixes read so far (`live`, shorter than `length`)."""

    def __init__(self, length: int, fold: bool) -> None:
        self.length = length
        self.fold = fold
        self.exact: set[str] = set()
        self.open: set[str] = set()

    def close(self, live: set[str]) -> None:
        """The pattern may end here, or is not followed further: anything may come next."""
        self.open |= live

    def extend(self, live: set[str], chars: Iterable[str]) -> set[str]:
        folded = {c.lower() for c in chars} if self.fold else set(chars)
        grown: set[str] = set()
        for prefix in live:
            for c in folded:
                longer = prefix + c
                if len(longer) >= self.length:
                    self.exact.add(longer)
                else:
                    grown.add(longer)
        return grown

    def sequence(self, items: Iterable[tuple[Any, Any]], live: set[str]) -> set[str]:
        for op, av in items:
            if not live:
                break
            if len(live) > _MAX_LIVE:
                self.close(live)
                return set()
            live = self.item(op, av, live)
        return live

    def item(self, op: Any, av: Any, live: set[str]) -> set[str]:
        if op == _constants.LITERAL:
            return self.extend(live, chr(av))
        if op == _constants.IN:
            if any(o == _constants.CATEGORY and a not in _CATEGORY_TESTS for o, a in av):
                self.close(live)
                return set()
            return self.extend(live, _class_chars(tuple(av), self.fold))
        if op == _constants.ANY:
            return self.extend(live, ALPHABET.replace("\n", ""))
        if op == _constants.NOT_LITERAL:
            refused = {chr(av), chr(av).lower(), chr(av).upper()} if self.fold else {chr(av)}
            return self.extend(live, [c for c in ALPHABET if c not in refused])
        if op in _ZERO_WIDTH:
            return live
        if op == _constants.SUBPATTERN:
            return self.sequence(av[-1], live)
        if op == getattr(_constants, "ATOMIC_GROUP", None):
            return self.sequence(av, live)
        if op in _REPEATS:
            low, high, body = av
            repeated = set(live) if low == 0 else set()
            current = live
            for count in range(1, min(high, self.length) + 1):
                current = self.sequence(body, current)
                if count >= low:
                    repeated |= current
            if high > self.length and current:  # more repeats than the prefix can see
                self.close(current)
            return repeated
        if op == _constants.BRANCH:
            alternatives: set[str] = set()
            for branch in av[1]:
                alternatives |= self.sequence(branch, live)
            return alternatives
        self.close(live)  # ANY, NOT_LITERAL, back references, conditionals ...
        return set()


@cache
def _class_chars(items: tuple[tuple[Any, Any], ...], fold: bool) -> frozenset[str]:
    """The characters of the alphabet a class admits (others are outside `_PLAIN`, so always admitted)."""
    negated = bool(items) and items[0][0] == _constants.NEGATE
    body = items[1:] if negated else items

    def member(c: str) -> bool:
        for op, av in body:
            if op == _constants.LITERAL and c == chr(av):
                return True
            if op == _constants.RANGE and av[0] <= ord(c) <= av[1]:
                return True
            if op == _constants.CATEGORY and _CATEGORY_TESTS[av](c):
                return True
        return False

    chars = set()
    for c in ALPHABET:
        forms = {c, c.lower(), c.upper()} if fold else {c}
        if any(member(f) for f in forms) != negated:
            chars.add(c)
    return frozenset(chars)


_CATEGORY_TESTS = {
    _constants.CATEGORY_DIGIT: str.isdecimal,
    _constants.CATEGORY_NOT_DIGIT: lambda c: not c.isdecimal(),
    _constants.CATEGORY_SPACE: str.isspace,
    _constants.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    _constants.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    _constants.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}


_ZERO_WIDTH = {_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT}
_REPEATS = {_constants.MAX_REPEAT, _constants.MIN_REPEAT, getattr(_constants, "POSSESSIVE_REPEAT", None)}
