"""Money and measured numbers in Danish text: currency, qualifiers, bounds and ranges.

Pure functions, no spaCy. A *measure* is qualifier + number or range + scale ("op til ca. 150",
"mellem 2 og 3 mia."); quantities put a unit after it, amounts a currency before or after it. The rules
for values follow corpus/ANNOTATION.md: "op til ca. 150" -> value 150, upper 150, approximate;
"mellem 2 og 3 mia. kr." -> lower 2e9, upper 3e9, value None.

>>> m = parse_money("cirka 332,5 millioner kroner")
>>> (m.value, m.currency, m.approximate)
(Decimal('332500000.0'), 'DKK', True)
>>> r = parse_money("mellem 2 og 3 mia. kr.")
>>> (r.value, r.lower, r.upper)
(None, Decimal('2000000000'), Decimal('3000000000'))
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from extract.parse.numbers import (
    NUMBER_CORE,
    NUMBER_END,
    NUMBER_FIRST_WORDS,
    NUMBER_START,
    SCALE_PATTERN,
    Stretches,
    blocked_spans,
    fraction_value,
    parse_number,
)
from extract.parse.scan import scan, starts
from extract.parse.tries import word_trie

__all__ = [
    "CURRENCY_PATTERN",
    "QUALIFIERS",
    "QUALIFIER_PATTERN",
    "Measure",
    "Money",
    "NumberIndex",
    "Qualifier",
    "detect_currency",
    "find_measures",
    "index_numbers",
    "find_money",
    "parse_money",
    "parse_qualifiers",
]

Bound = Literal["lower", "upper"]


@dataclass(frozen=True)
class Qualifier:
    """What words like "op til" or "ca." say about a number: which bound it is and whether it is vague."""

    bound: Bound | None = None
    approximate: bool = False


_UPPER = Qualifier("upper")
_LOWER = Qualifier("lower")
_APPROX = Qualifier(None, True)

# Lower-case qualifier -> meaning (ANNOTATION.md "Bounds"). Several may stack: "op til ca.".
QUALIFIERS: dict[str, Qualifier] = {
    "op til": _UPPER,
    "op mod": _UPPER,
    "op i mod": _UPPER,
    "op imod": _UPPER,
    "højst": _UPPER,
    "maks.": _UPPER,
    "maks": _UPPER,
    "max.": _UPPER,
    "max": _UPPER,
    "maksimalt": _UPPER,
    "under": _UPPER,
    "mindre end": _UPPER,
    "færre end": _UPPER,
    "knap": Qualifier("upper", True),
    "knapt": Qualifier("upper", True),
    "næsten": Qualifier("upper", True),
    "små": Qualifier("upper", True),
    "lidt under": Qualifier("upper", True),
    "lige under": Qualifier("upper", True),
    "lige knap": Qualifier("upper", True),
    "lige knapt": Qualifier("upper", True),
    "mindst": _LOWER,
    "ikke mindre end": _LOWER,
    "ikke færre end": _LOWER,
    "ikke under": _LOWER,
    "ikke mere end": _UPPER,
    "ikke flere end": _UPPER,
    "ikke over": _UPPER,
    "aldrig over": _UPPER,
    "aldrig mere end": _UPPER,
    "aldrig under": _LOWER,
    "over": _LOWER,
    "mere end": _LOWER,
    "flere end": _LOWER,
    "minimum": _LOWER,
    "godt": Qualifier("lower", True),
    "lidt over": Qualifier("lower", True),
    "lidt mere end": Qualifier("lower", True),
    "lidt flere end": Qualifier("lower", True),
    "lige over": Qualifier("lower", True),
    "ca.": _APPROX,
    "ca": _APPROX,
    "cirka": _APPROX,
    "circa": _APPROX,
    "omkring": _APPROX,
    "omtrent": _APPROX,
    "henved": _APPROX,
    "i omegnen af": _APPROX,
    "i størrelsesordenen": _APPROX,
    # "omkring de 60 %": the article stands between the qualifier and the number
    "omkring de": _APPROX,
    "cirka de": _APPROX,
    "ca. de": _APPROX,
}


def _qualifier_alternative(phrase: str) -> str:
    words = r"\s+".join(re.escape(w) for w in phrase.split())
    return words + (r"\s*" if phrase.endswith(".") else r"\s+")


_QUAL_ONE = "|".join(_qualifier_alternative(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
QUALIFIER_PATTERN = rf"(?<![\w.])(?i:(?:{_QUAL_ONE}){{1,3}})"
_QUAL_WORDS_RE = re.compile(
    r"(?<!\w)(?i:"
    + "|".join(r"\s+".join(map(re.escape, q.split())) for q in sorted(QUALIFIERS, key=len, reverse=True))
    + r")(?:(?<=\.)|(?!\w))"
)

# Currencies: (pattern, ISO 4217 code, multiplier). "t. kr." is thousands of kroner. Order matters:
# the specific "norske kroner" must win over "kroner".
_CURRENCIES: list[tuple[str, str, Decimal]] = [
    (r"(?i:t\.\s?kr)\.?|(?i:tkr)\.?", "DKK", Decimal(1000)),
    (r"øre(?!\w)", "DKK", Decimal("0.01")),  # "7 øre pr. kWh"
    (r"(?i:norske\s+kroner)|NOK", "NOK", Decimal(1)),
    (r"(?i:svenske\s+kroner)|SEK", "SEK", Decimal(1)),
    (r"(?i:islandske\s+kroner)|ISK", "ISK", Decimal(1)),
    # "6 milliarder støttekroner", "skattekroner": a compound of kroner is kroner
    (
        r"(?i:danske\s+kroner|[a-zæøå]{0,20}kroner|krone)(?!\w)|kr\.,-|kr(?:\.|(?!\w))|DKK|(?i:dkr)\.?",
        "DKK",
        Decimal(1),
    ),
    (r"(?i:euro)(?!\w)|EUR|€", "EUR", Decimal(1)),
    (r"(?i:(?:amerikanske\s+)?dollars?)(?!\w)|USD|US\$|\$", "USD", Decimal(1)),
    (r"(?i:(?:britiske\s+)?pund(?:\s+sterling)?)(?!\w)|GBP|£", "GBP", Decimal(1)),
    (r"(?i:schweizerfranc)|CHF", "CHF", Decimal(1)),
]
_CURRENCY_RES = [(re.compile(p), iso, mult) for p, iso, mult in _CURRENCIES]
CURRENCY_PATTERN = "|".join(f"(?:{p})" for p, _, _ in _CURRENCIES)
# Written before the number: "kr. 1.500,-", "DKK 449,00", "€50 mio.".
_PREFIX_CURRENCY = r"kr\.|DKK|EUR|€|USD|US\$|\$|GBP|£|NOK|SEK|CHF"


def detect_currency(text: str) -> str | None:
    """ISO 4217 code of a currency expression ("kr." -> DKK, "norske kroner" -> NOK), else None."""
    found = _currency(text.strip())
    return found[0] if found else None


def _currency(text: str) -> tuple[str, Decimal] | None:
    for regex, iso, mult in _CURRENCY_RES:
        if regex.fullmatch(text):
            return iso, mult
    return None


def parse_qualifiers(text: str) -> Qualifier:
    """Combine stacked qualifiers: "op til ca." -> upper bound, approximate."""
    bound: Bound | None = None
    approximate = False
    for m in _QUAL_WORDS_RE.finditer(text):
        q = QUALIFIERS.get(" ".join(m.group(0).lower().split()))
        if q is None:
            continue
        bound = bound or q.bound
        approximate = approximate or q.approximate
    return Qualifier(bound, approximate)


@dataclass(frozen=True)
class Measure:
    """A qualified number or range found in a text, before any unit or currency."""

    start: int
    end: int
    text: str
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    approximate: bool
    scaled: bool

    def as_money(self, currency: str, factor: Decimal = Decimal(1)) -> Money:
        """This measure as an amount in `currency`, each number times `factor` (a currency's own scale)."""

        def times(x: Decimal | None) -> Decimal | None:
            return None if x is None else x * factor

        return Money(
            start=self.start,
            end=self.end,
            text=self.text,
            value=times(self.value),
            lower=times(self.lower),
            upper=times(self.upper),
            approximate=self.approximate,
            currency=currency,
        )


@dataclass(frozen=True)
class Money:
    """An amount of money found in a text; `value` is None for a range."""

    start: int
    end: int
    text: str
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    approximate: bool
    currency: str


def _core(p: str, *, with_currency: bool) -> str:
    """Number or range + scale, with group names prefixed by `p` (Python forbids repeated names)."""
    n, s = NUMBER_CORE, SCALE_PATTERN
    side_currency = rf"(?:\s*(?:{CURRENCY_PATTERN}))?" if with_currency else ""
    return (
        r"(?:"
        # "mellem 700 og op til 1.200": the upper bound may repeat its qualifier
        rf"(?i:mellem)\s+(?P<{p}a1>{n})(?:\s*(?P<{p}as1>{s}))?{side_currency}\s+(?i:og)\s+(?i:op\s+til\s+)?"
        rf"(?P<{p}b1>{n})"
        rf"|(?i:fra)\s+(?P<{p}a2>{n})(?:\s*(?P<{p}as2>{s}))?\s+(?i:til)\s+(?P<{p}b2>{n})"
        # "20-25", "seks til ti"
        rf"|(?P<{p}a3>{n})(?:\s*(?P<{p}as3>{s}))?(?:[ \u00a0]?[-–][ \u00a0]?|\s+(?i:til)\s+)(?P<{p}b3>{n})"
        rf"|(?P<{p}n>{n})"
        rf"){NUMBER_END}(?:\s*(?P<{p}s>{s}))?"
    )


_LEAD = rf"(?:(?P<q>{QUALIFIER_PATTERN})|{NUMBER_START})"
_MEASURE_RE = re.compile(_LEAD + _core("m", with_currency=False))
_MONEY_RE = re.compile(
    _LEAD
    + rf"(?:(?P<pc>{_PREFIX_CURRENCY})[ \u00a0]?{_core('p', with_currency=False)}"
    + rf"|{_core('s', with_currency=True)}\s*(?P<sc>{CURRENCY_PATTERN}))"
)
# Where a measure or an amount can start (`extract.parse.scan`): after neither a word character nor a
# period (both leads require that), at what the alternatives above open with: a digit, a qualifier,
# "mellem"/"fra", a number word or fraction, or a currency written before the number.
# The words are checked as prefixes through one trie (a long alternation tried at every word start cost a
# third of the tokenizer): a superset of the real starts, which is all `scan` needs.
_START_WORDS = {"mellem", "fra", *(q.split()[0] for q in QUALIFIERS), *NUMBER_FIRST_WORDS}
_START_RE = re.compile(rf"(?<![\w.])(?=\d|[½¼¾]|(?i:{word_trie(sorted(_START_WORDS))})|{_PREFIX_CURRENCY})")


@dataclass(frozen=True, slots=True)
class NumberIndex:
    """Where numbers can start in a text and where digits are blocked (phones, CVR, §, kl., nr.).

    Built once per Doc and shared by the amounts and the quantities component (`extensions.doc_memo`):
    each is a full pass over the text, which an lru_cache keyed on the text did not save inside
    `nlp.pipe`, where a component sees a whole batch of texts before the next component runs.
    """

    starts: list[int]
    blocked: Stretches


def index_numbers(text: str, token_starts: list[int] | None = None) -> NumberIndex:
    """The number index of a text; with its token starts (from the Doc) the blocked pass is gated."""
    return NumberIndex(starts(_START_RE, text), blocked_spans(text, token_starts))


def _with_scale(number: str, scale: str | None) -> Decimal | None:
    """Parse a number together with its scale word, so "3.4 millioner" and "halvanden mio." parse."""
    parsed = parse_number(f"{number} {scale}" if scale else number)
    return None if parsed is None else parsed.value


def _values(m: re.Match[str], p: str) -> tuple[Decimal | None, Decimal | None, Decimal | None] | None:
    """(value, lower, upper) of the number or range in a match; None when it does not parse."""
    scale_text = m.group(f"{p}s")
    if m.group(f"{p}n") is not None:
        value = _with_scale(m.group(f"{p}n"), scale_text)
        return None if value is None else (value, None, None)
    for i in "123":
        a_text = m.group(f"{p}a{i}")
        if a_text is None:
            continue
        upper = _with_scale(m.group(f"{p}b{i}"), scale_text)
        a_scale_text = m.group(f"{p}as{i}")
        if a_scale_text:
            lower = _with_scale(a_text, a_scale_text)
        else:  # "mellem 2 og 3 mia." shares the scale; "mellem 500.000 og 1 mio." does not
            lower = _with_scale(a_text, None)
            b_base = parse_number(m.group(f"{p}b{i}"))
            if lower is not None and scale_text and b_base is not None and lower <= b_base.value:
                lower = _with_scale(a_text, scale_text)
        if lower is None or upper is None or lower >= upper:
            return None
        return None, lower, upper
    return None  # pragma: no cover - every alternative of the pattern sets a group


# Verbs whose particle looks like a qualifier: "råder over", "fordelt over", "klager over", and "lægger
# op til to udbud" (proposes two tenders, no upper bound).
_PARTICLE_VERBS = frozenset(
    """råder rådede rådet disponerer disponerede fordelt fordeles fordeler spredt spredes klager klagede
    hersker regerer lægger lægge lagde lagt lægges""".split()
)
_PARTICLE_RE = re.compile(r"(?i:over|under|op\s+til)\s+")


_TWO_WORDS_BEFORE = re.compile(r"(\w+)(?:\s+(\w+))?\s*$")


def _preceding_words(text: str, start: int) -> tuple[str, ...]:
    """The one or two words right before `start`, lower case: the verb may stand before an adverb
    ("lægger derfor op til")."""
    before = _TWO_WORDS_BEFORE.search(text, max(0, start - 40), start)
    return tuple(w.lower() for w in before.groups() if w) if before else ()


_LARGEST = Decimal(10) ** 15
# A bound said before the verb: "Støtten må maksimalt udgøre 25 procent", "skal mindst være 30 pct.".
_BOUND_BEFORE_VERB = re.compile(
    r"(?<!\w)(?:(?P<upper>maksimalt|højst|maks\.?|max\.?)|(?P<lower>mindst|minimum|minimalt))\s+"
    r"(?:\w+\s+)?(?:udgøre|udgør|udgjorde|være|er|var|blive|bliver|beløbe\s+sig\s+til|ligge\s+på|ligger\s+på)\s+$",
    re.IGNORECASE,
)


def _bound_before_verb(text: str, start: int) -> str | None:
    m = _BOUND_BEFORE_VERB.search(text, max(0, start - 50), start)
    return None if m is None else "upper" if m["upper"] else "lower"


def _measure(m: re.Match[str], p: str, text: str) -> Measure | None:
    values = _values(m, p)
    if values is None:
        return None
    value, lower, upper = values
    if any(v is not None and v > _LARGEST for v in values):
        return None  # a digit string, not a number anyone writes (and no finite float)
    start, end = m.span()
    qualifiers = m.group("q") or ""
    particle = _PARTICLE_RE.match(qualifiers)
    if particle and _PARTICLE_VERBS.intersection(_preceding_words(text, start)):
        # "råder over 5 krigsskibe": "over" belongs to the verb, it is no bound
        qualifiers, start = qualifiers[particle.end() :], start + particle.end()
    qualifier = parse_qualifiers(qualifiers)
    bound = qualifier.bound or (_bound_before_verb(text, start) if value is not None else None)
    if value is not None and bound == "upper":
        upper = value
    elif value is not None and bound == "lower":
        lower = value
    return Measure(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        lower=lower,
        upper=upper,
        approximate=qualifier.approximate,
        scaled=bool(m.group(f"{p}s") or m.group(f"{p}as1") or m.group(f"{p}as2") or m.group(f"{p}as3")),
    )


_BARE_ARTICLE = re.compile(r"(?i:en|et)")
# A verb or noun of change before "fra A til B": two levels, not a range ("steget fra 4,1 til 5,6 procent",
# "reduceres fra ti til seks", "en stigning fra 38 til 318"); the figure read is the new level, B.
_CHANGE_BEFORE = re.compile(
    r"(?<!\w)(?i:steg|steget|stiger|stige|faldt|faldet|falder|falde|vokset|voksede|vokser|vokse|øget|øges|øgede"
    r"|øge|forøget|forøges|reduceres|reduceret|reducere|ændres|ændret|hæves|hævet|hæve|sænkes|sænket|sænke"
    r"|forhøjes|forhøjet|forhøje|nedsættes|nedsat|indsnævres|udvides|udvidet|løftes|løftet|stigning|fald"
    r"|forøgelse|reduktion|ændring|gået|går|gik)(?:\s+\w+){0,3}?\s+$"
)


def _new_level(pattern: re.Pattern[str], m: re.Match[str], p: str, text: str) -> re.Match[str]:
    """The match of B alone when the match is "fra A til B" after a word of change, or going down ("fra
    3,0 til 2,25 pct.", which no range is), else the match."""
    if m.start(f"{p}a2") < 0:
        return m
    a, b = parse_number(m.group(f"{p}a2")), parse_number(m.group(f"{p}b2"))
    down = a is not None and b is not None and a.value > b.value
    if not down and not _CHANGE_BEFORE.search(text, max(0, m.start() - 60), m.start()):
        return m
    level = pattern.match(text, m.start(f"{p}b2"))
    return level if level is not None else m


def find_measures(text: str, index: NumberIndex | None = None) -> Iterator[Measure]:
    """Qualified numbers and ranges, left to right, without phone numbers, times, § or a bare "en"."""
    index = index or index_numbers(text)
    for m in scan(_MEASURE_RE, text, index.starts):
        if index.blocked.overlaps(*m.span()):
            continue
        m = _new_level(_MEASURE_RE, m, "m", text)
        if m.group("ms") is None and m.group("mn") and _BARE_ARTICLE.fullmatch(m.group("mn")):
            continue  # "en soldat" is an article, not a count
        measure = _measure(m, "m", text) or _fraction_of_a_percent(m, text)
        if measure is not None:
            yield measure


_PERCENT_AFTER = re.compile(r"[ \u00a0]?(?i:procent(?!\w)|pct|%)")


def _fraction_of_a_percent(m: re.Match[str], text: str) -> Measure | None:
    """ "en halv procent", "knap en halv procent": a fraction alone is no count, but a share of one is."""
    value = fraction_value(m.group("mn") or "") if m.group("ms") is None else None
    if value is None or not _PERCENT_AFTER.match(text, m.end()):
        return None
    qualifier = parse_qualifiers(m.group("q") or "")
    bound = qualifier.bound
    return Measure(
        start=m.start(),
        end=m.end(),
        text=m.group(0),
        value=value,
        lower=value if bound == "lower" else None,
        upper=value if bound == "upper" else None,
        approximate=qualifier.approximate,
        scaled=False,
    )


def _money(m: re.Match[str], text: str) -> Money | None:
    p = "p" if m.group("pc") else "s"
    measure = _measure(m, p, text)
    currency = _currency(m.group("pc") or m.group("sc"))
    if measure is None or currency is None:
        return None
    iso, mult = currency
    if m.group(f"{p}n") and _BARE_ARTICLE.fullmatch(m.group(f"{p}n")) and not m.group(f"{p}s"):
        return None  # "en krone" is not worth a row
    if p == "p" and _YEAR_NUMBER.fullmatch(m.group("pn") or "") and not m.group("ps"):
        return None  # "Mio. kr. 2015 2014": a table's header, the years of its columns
    return measure.as_money(iso, mult)


_YEAR_NUMBER = re.compile(r"(?:19|20)\d\d")


# Verbs after which "3.4 millioner" with no currency means kroner ("Kommunen får 3.4 millioner").
MONEY_VERBS = frozenset(
    """får fik modtager modtog tildeles tildelt tildeler bevilger bevilges bevilget bevilgede afsætter
    afsættes afsat afsatte investerer investeres investeret koster kostede sparer spares giver gives
    uddeler uddeles tilfører tilføres øremærker øremærkes øremærket""".split()
)
# Words that may follow such an implicit amount without turning it into a count ("3 millioner besøgende").
_AFTER_IMPLICIT = frozenset("til i af for fra og over på om mod ekstra mere yderligere".split())
_WORD_AFTER = re.compile(r"\s*(\w+|\S)?")
# Only the text right after a money verb is tried, so the implicit rule costs no second full pass.
_MONEY_VERB_RE = re.compile(r"(?<!\w)(?i:" + "|".join(sorted(MONEY_VERBS, key=len, reverse=True)) + r")\s+")


def _implicit_measures(text: str, blocked: Stretches) -> Iterator[Measure]:
    """Scaled numbers right after a money verb and not followed by a counted noun."""
    for verb in _MONEY_VERB_RE.finditer(text):
        m = _MEASURE_RE.match(text, verb.end())
        if m is None or blocked.overlaps(*m.span()):
            continue
        measure = _measure(m, "m", text)
        if measure is None or not measure.scaled:
            continue
        if "\n" in text[measure.end : measure.end + 3]:
            yield measure  # a headline: "Musikprojekt får 3.4 millioner"
            continue
        after = _WORD_AFTER.match(text, measure.end)
        nxt = after.group(1) if after else None
        if nxt is None or not nxt[0].isalnum() or nxt.lower() in _AFTER_IMPLICIT:
            yield measure


def find_money(text: str, *, implicit_currency: str | None = "DKK", index: NumberIndex | None = None) -> list[Money]:
    """Every amount of money in a text, left to right and never overlapping.

    With `implicit_currency`, a scaled number right after a money verb ("får 3.4 millioner") is an amount
    in that currency even though no currency is written.
    """
    index = index or index_numbers(text)
    blocked = index.blocked
    found: list[Money] = []
    for m in scan(_MONEY_RE, text, index.starts):
        if blocked.overlaps(*m.span()):
            continue
        m = _new_level(_MONEY_RE, m, "p" if m.group("pc") else "s", text)
        money = _money(m, text)
        if money is not None:
            found.append(money)
    if implicit_currency:
        taken = Stretches((x.start, x.end) for x in found)
        for measure in _implicit_measures(text, blocked):
            if not taken.overlaps(measure.start, measure.end):
                found.append(measure.as_money(implicit_currency))
        found.sort(key=lambda x: x.start)
    return found


def parse_money(text: str, *, implicit_currency: str | None = None) -> Money | None:
    """The whole string as one amount ("2,5 mia. kr.", "kr. 1.500,-"), else None."""
    stripped = text.strip()
    offset = text.index(stripped) if stripped else 0
    for money in find_money(stripped, implicit_currency=implicit_currency):
        if money.start == 0 and money.end == len(stripped):
            return replace(money, start=offset, end=offset + len(stripped))
    return None
