"""Danish numbers as written in press releases: digits, scale words and number words.

Pure functions, no spaCy. Values are `Decimal` so that "332,5 millioner" is exactly 332500000; the
tables convert to float at the very end. Separators are stated, not guessed: Danish writes a decimal
comma and groups thousands with a period or a space ("1.500.000", "1 500", "332,5"). The one tolerated
exception is a period used as a decimal mark right before a scale word ("får 3.4 millioner"), where a
thousands reading is impossible because the group does not have three digits.

>>> parse_number("332,5 millioner").value
Decimal('332500000.0')
>>> parse_number("to milliarder").value
Decimal('2000000000')
>>> parse_digits("1.500,-")
Decimal('1500')
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from text_to_num import text2num

from extract.parse.scan import PrefixGate, scan

__all__ = [
    "DANISH",
    "NUMBER_CORE",
    "NUMBER_END",
    "NUMBER_FIRST_WORDS",
    "NUMBER_PATTERN",
    "NUMBER_START",
    "SCALE_PATTERN",
    "SCALE_WORDS",
    "NumberMatch",
    "ParsedNumber",
    "Separators",
    "Stretches",
    "blocked_spans",
    "find_numbers",
    "parse_digits",
    "parse_number",
    "parse_number_words",
    "parse_scale",
]


@dataclass(frozen=True)
class Separators:
    """Which character marks decimals and which ones group thousands; stated once, never guessed."""

    decimal: str = ","
    groups: tuple[str, ...] = (".", " ", "\u00a0")


DANISH = Separators()


@dataclass(frozen=True)
class ParsedNumber:
    """A number with its scale applied: `value == base * scale` ("2,5 mia." -> 2.5 * 10**9)."""

    value: Decimal
    base: Decimal
    scale: Decimal
    text: str


@dataclass(frozen=True)
class NumberMatch:
    """Where a number (with its optional scale word) was found in a text."""

    start: int
    end: int
    number: ParsedNumber


_MILLION = Decimal(10) ** 6
_MILLIARD = Decimal(10) ** 9

# Scale words, lower case. "t." (tusind) only counts in "t. kr."/"tkr.", which money.py handles.
SCALE_WORDS: dict[str, Decimal] = {
    "tusind": Decimal(1000),
    "tusinde": Decimal(1000),
    "t.": Decimal(1000),
    "mio.": _MILLION,
    "mio": _MILLION,
    "mill.": _MILLION,
    "mill": _MILLION,
    "million": _MILLION,
    "millioner": _MILLION,
    "mia.": _MILLIARD,
    "mia": _MILLIARD,
    "mrd.": _MILLIARD,
    "mrd": _MILLIARD,
    "milliard": _MILLIARD,
    "milliarder": _MILLIARD,
    # Danish "billion" is 10**12 (a million millions), not the English billion.
    "billion": Decimal(10) ** 12,
    "billioner": Decimal(10) ** 12,
}

# Longest alternatives first so "millioner" is not cut to "million"; abbreviations may keep their period.
SCALE_PATTERN = (
    r"(?i:(?:milliarder|milliard|millioner|million|billioner|billion|tusinde|tusind)(?!\w)"
    r"|(?:mio|mia|mill|mrd)(?:\.|(?!\w)))"
)

# Fractions that text2num does not know; only meaningful before a scale word ("halvanden million") or a
# percentage ("en halv procent", read by `extract.parse.money.find_measures`).
_FRACTION_WORDS: dict[str, Decimal] = {
    "halvanden": Decimal("1.5"),
    "en halv": Decimal("0.5"),
    "et halvt": Decimal("0.5"),
    "en kvart": Decimal("0.25"),
    "trekvart": Decimal("0.75"),
    "tre kvart": Decimal("0.75"),
    "½": Decimal("0.5"),  # "½ mio. kroner"
    "¼": Decimal("0.25"),
    "¾": Decimal("0.75"),
}

_UNITS = "en|et|én|ét|to|tre|fire|fem|seks|syv|otte|ni"
_TEENS = "ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|atten|nitten"
_TENS = "tyve|tredive|tredve|fyrretyve|fyrre|halvtreds|tres|halvfjerds|firs|halvfems"
_ONE_WORD = (
    rf"(?:(?:{_UNITS})og)?(?:{_TENS})"  # femogtyve, tyve
    rf"|(?:to|tre|fire|fem|seks|syv|otte|ni)?hundrede?"  # hundrede, tohundrede
    r"|tusinde?"
    rf"|{_TEENS}"
    rf"|{_UNITS}"
)
_WORDS = rf"(?:{_ONE_WORD})(?:\s+(?:og\s+)?(?:{_ONE_WORD}))*"
_FRACTIONS = r"halvanden|en\s+halv|et\s+halvt|en\s+kvart|tre\s*kvart|[½¼¾]"

# Digits the Danish way: "1.500.000", "1 500", "332,5", "1.500,-"; never a date ("24.3.2022"), a time
# ("14.30"), part of a model or compound ("F-16", "C-130J", "2030-målet") or of a fraction ("3/10").
_DIGITS = (
    r"(?:\d{1,3}(?:\.\d{3})+|\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,\d+)?(?:,[-–]{1,2})?(?![.,]\d)"
    rf"|\d+\.\d+(?=\s*{SCALE_PATTERN})"
)

# One number: digits, fractions before a scale word, or number words. No groups, so the pieces can be
# reused by money.py: NUMBER_START and NUMBER_END fence a number that stands alone, while the two sides of
# a range ("20-25") use NUMBER_CORE with their own fences.
NUMBER_START = r"(?<![\w.,/+§-])"
NUMBER_CORE = rf"(?:{_DIGITS}|(?i:{_FRACTIONS})(?=\s+(?:{SCALE_PATTERN}|(?i:procent|pct)))|(?i:{_WORDS})(?!\w))"
NUMBER_END = r"(?!\w|/|[-–]\w)"
NUMBER_PATTERN = NUMBER_START + NUMBER_CORE + NUMBER_END
# The first word of a number written in words or a fraction ("fem", "femogtyve", "halvanden", "en halv"),
# for finders that look for where numbers can start (case-insensitive, checked as a prefix).
# The literal words that every number in words or fraction begins with, for finders that look for where
# numbers can start (checked as a prefix: "fem" opens "femogtyve", "en" opens "en halv").
NUMBER_FIRST_WORDS: tuple[str, ...] = (
    *_UNITS.split("|"), *_TEENS.split("|"), *_TENS.split("|"), "hundred", "tusind", "halvanden",
)  # fmt: skip

_NUMBER_RE = re.compile(rf"(?P<num>{NUMBER_PATTERN})(?:\s*(?P<scale>{SCALE_PATTERN}))?")
_TRAILING_SCALE_RE = re.compile(rf"\s*({SCALE_PATTERN})$")
_DIGITS_ONLY_RE = re.compile(r"[\d.,\s\u00a0–-]+")


def parse_scale(word: str) -> Decimal | None:
    """The multiplier of a scale word ("mio." -> 10**6), or None if the word is not one."""
    return SCALE_WORDS.get(word.strip().lower())


def parse_digits(text: str, *, separators: Separators = DANISH) -> Decimal | None:
    """Digits with explicitly given separators; None if the grouping is not a valid one.

    "1.500.000" -> 1500000, "1 500" -> 1500, "332,5" -> 332.5, "1.500,-" -> 1500. A group separator
    must be followed by exactly three digits, so "14.30" (a time) and "24.3.2022" (a date) are None.
    """
    s = text.strip()
    if s.endswith((",-", ",--", ",–")):
        s = s[: s.rindex(",")]
    integer, _, fraction = s.partition(separators.decimal)
    if fraction and not fraction.isdigit():
        return None
    groups = [integer]
    for sep in separators.groups:
        if sep in integer:
            groups = integer.split(sep)
            break
    if not groups[0].isdigit() or not all(g.isdigit() and len(g) == 3 for g in groups[1:]):
        return None
    if len(groups) > 1 and len(groups[0]) > 3:
        return None
    try:
        return Decimal("".join(groups) + ("." + fraction if fraction else ""))
    except InvalidOperation:  # pragma: no cover - the checks above only let digits through
        return None


def parse_number_words(text: str) -> Decimal | None:
    """Danish number words via text2num, plus the fractions it lacks ("halvanden", "en halv").

    Vague phrases such as "et trecifret millionbeløb" have no value and give None.
    """
    s = " ".join(text.lower().split())
    if s in _FRACTION_WORDS:
        return _FRACTION_WORDS[s]
    try:
        return Decimal(int(text2num(s, "da")))
    except ValueError:
        return None


def _parse_base(text: str, *, before_scale: bool, separators: Separators) -> Decimal | None:
    """Digits or words; a lone period before a scale word is a decimal mark ("3.4 millioner")."""
    s = text.strip()
    if _DIGITS_ONLY_RE.fullmatch(s):
        value = parse_digits(s, separators=separators)
        if value is None and before_scale and s.count(".") == 1 and separators.decimal != ".":
            integer, fraction = s.split(".")
            if integer.isdigit() and fraction.isdigit() and len(fraction) != 3:
                value = Decimal(f"{integer}.{fraction}")
        return value
    return parse_number_words(s)


def parse_number(text: str, *, separators: Separators = DANISH) -> ParsedNumber | None:
    """A whole string as one number with an optional scale word: "2,5 mia.", "to millioner", "1.500"."""
    s = " ".join(text.split())
    scale = Decimal(1)
    base_text = s
    m = _TRAILING_SCALE_RE.search(s)
    if m and m.start() > 0:
        found = parse_scale(m.group(1))
        if found is not None:
            scale, base_text = found, s[: m.start()]
    base = _parse_base(base_text, before_scale=scale != 1, separators=separators)
    if base is None:
        return None
    if base_text.strip().lower() in _FRACTION_WORDS and scale == 1:
        return None  # "halvanden" alone is not an amount of anything we count
    return ParsedNumber(value=base * scale, base=base, scale=scale, text=text)


def find_numbers(text: str) -> Iterator[NumberMatch]:
    """Every number (with its scale word) in a text, left to right, skipping blocked stretches."""
    blocked = blocked_spans(text)
    for m in _NUMBER_RE.finditer(text):
        if blocked.overlaps(m.start(), m.end()):
            continue
        number = parse_number(m.group(0))
        if number is not None:
            yield NumberMatch(m.start(), m.end(), number)


# Stretches that contain digits but are never amounts or quantities: phone and CVR numbers, law and
# paragraph numbers, times. Dates and model names are already refused by NUMBER_PATTERN itself.
_BLOCKED_RE = re.compile(
    r"(?i:\b(?:tlf|telefon|mobil|fax)\.?:?\s*)(?:\+\d{2}\s?)?\d[\d \u00a0-]{6,}\d"
    r"|\+\d{2}[ \u00a0]?\d{2}(?:[ \u00a0]?\d{2}){3}"
    r"|(?<!\d[ \u00a0])(?<![\d.,])\d{2}[ \u00a0]\d{2}[ \u00a0]\d{2}[ \u00a0]\d{2}(?![ \u00a0]?\d)"
    r"|(?i:\bcvr(?:-?n(?:umme)?r\.?)?:?\s*)\d[\d \u00a0]{6,}\d"
    r"|(?i:\b(?:lov|bekendtgørelse|cirkulære)\s+nr\.\s*)\d+"
    r"|(?i:\b(?:nr|stk|pkt|kl)\.\s*)\d+(?:[.:]\d{2})?"
    r"|(?i:\bklokken\s+)\d+(?:[.:]\d{2})?"
    r"|§§?\s*\d+\w?"
)

_BLOCKED_RUN = re.compile(r"\d+|[+§]")
_PUNCT = re.compile(r"[^\w\s]+")  # a word after punctuation inside a token: "CVR-nr. 33"
_BLOCKED_GATE = PrefixGate([_BLOCKED_RE])


class Stretches:
    """Non-overlapping character ranges that answer "does this range overlap one of you?" by bisection.

    Why: testing each number against every blocked range was quadratic in a text full of clock times
    or phone numbers. Ranges must not overlap one another (regex matches of one `finditer` do not),
    so sorted by start they are sorted by end too.
    """

    __slots__ = ("_ends", "_spans", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = tuple(sorted(spans))
        self._starts = [s for s, _ in self._spans]
        self._ends = [e for _, e in self._spans]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether `[start, end)` shares a character with one of the ranges."""
        i = bisect_right(self._ends, start)  # the first range that ends after `start`
        return i < len(self._starts) and self._starts[i] < end


def blocked_spans(text: str, token_starts: list[int] | None = None) -> Stretches:
    """Character ranges where digits must not be read as counts or money (phone, CVR, §, kl., nr.).

    With the starts of the text's tokens, the pattern is tried only there, at each run of digits, "+"
    or "§" and after punctuation (which a token can hold inside: "//+45 24 62 58 73", "CVR-nr. 33"),
    and only where its first three
    characters fit (`extract.parse.scan`): the same stretches as a full scan, which tries every
    position and cost a quarter of the tokenizer's time."""
    if token_starts is None:
        return Stretches(m.span() for m in _BLOCKED_RE.finditer(text))
    candidates = sorted(
        {*token_starts, *(m.start() for m in _BLOCKED_RUN.finditer(text)), *(m.end() for m in _PUNCT.finditer(text))}
    )
    (positions,) = _BLOCKED_GATE.positions(text, candidates)
    return Stretches(m.span() for m in scan(_BLOCKED_RE, text, positions))


def fraction_value(text: str) -> Decimal | None:
    """The value of a fraction written in words or as a sign (\"en halv\", \"½\"), else None."""
    return _FRACTION_WORDS.get(" ".join(text.lower().split()))
