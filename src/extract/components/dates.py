"""`extract/dates`: find Danish date mentions and write them, normalised, to `doc.spans["dates"]`.

Finding is ours, normalising is `extract.parse.dates`. Mentions with digits or month and season
names are read by regexes (one per shape, compiled once, from the same fragments the parser uses),
tried only where a mention can start (one pass finds those places), and mapped onto tokens with
`doc.char_span`, because a blank Danish tokenizer keeps "24/3-2022", "24.3.2022" and "2018-2023" as
single tokens but splits "d. 1. juli 2024" into four. Closed phrases ("i dag", "i sidste uge",
"på mandag", "i søndags") are token sequences, read by a `PhraseMatcher`. Overlapping candidates are
resolved longest first; each span gets `span._.date`, a dict of plain JSON types, resolved against
`doc._.published` and the tense of its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from spacy.lang.da import Danish
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from extract.extensions import doc_text, token_starts  # (importing it registers Doc._.published and Span._.date)
from extract.parse import date_families
from extract.parse import dates as grammar
from extract.parse.dates import (
    AMOUNT_AFTER,
    DAY_PART,
    ENGLISH_MONTHS,
    LEADS,
    LEXICAL,
    MONTH_ABBREVIATIONS,
    MONTHS,
    RANGE_LEAD,
    RANGE_SEP,
    WEEKDAYS,
    WS,
    WSO,
    YEAR_DIGITS,
    DateValue,
    TenseReader,
    parse_date,
    phrases,
    strip_group_names,
    to_date,
)
from extract.parse.scan import PrefixGate, scan
from extract.parse.tries import word_trie
from extract.resources import word_list

__all__ = ["DateFinder", "make_dates"]


def _plain(*fragments: str) -> str:
    """Fragments as one alternation without named groups, ready to be combined."""
    return "(?:" + "|".join(strip_group_names(f) for f in fragments) + ")"


# A mention starts at a word, or at a number glued to a word ("samarbejde3.5.2023"), which only
# becomes a span if the tokenizer split it off; never inside a number.
_START = r"(?:(?<!\w)|(?<=[^\W\d_])(?=\d))(?<!\d[.,/-])"
# A mention ends at a word boundary, not inside a number ("24.3.20221", "2017.5"), a compound
# ("2030-målet", "2024-priser"), a decade ("2010'erne"), before a year it left out, or an amount.
_END = rf"(?!\w|[.,/-]\d|-\w|['’]\w|{WS}{YEAR_DIGITS}(?!\d)|{AMOUNT_AFTER})"
_DAYS = (
    grammar.DAY_NAMED,
    grammar.DAY_ISO,
    grammar.DAY_DOTTED,
    grammar.DAY_HYPHEN,
    grammar.DAY_SLASH,
    grammar.DAY_SLASH_SHORT,
)
# "2018-23", "uge 9 til 10"; never after a whole year and "til": "fra 66 i 2006 til 41 i 2011".
_SHORT_YEAR = r"(?:(?<=[-–])|(?<=[-–] )|(?<=\D\d til )|(?<=\D\d\d til )|(?<=\D\d\d\d til ))\d\d"
_POINTS = (*_DAYS, grammar.MONTH_YEAR, grammar.WEEK, grammar.QUARTER, grammar.HALF)
# One regex per shape, so that the longest mention at a position wins rather than the first shape.
# Lead words ("i", "fra", "senest", "primo" ...) are not part of these: they are added by looking
# back from each candidate (`_LEAD_BEFORE`), the same way for regex and phrase candidates.
_SHAPES: tuple[str, ...] = (
    *(_plain(p) for p in _POINTS),
    _plain(grammar.DAY_ENGLISH),
    rf"{_plain(grammar.SEASON)}(?<=\d)",  # "foråret 2024"; without a year a season needs a lead
    rf"(?=(?:til|næste|kommende|sidste|forrige){WS}){_plain(grammar.SEASON)}",  # "til foråret"
    # Periods. Inside one regex the first alternative that fits wins, so specific shapes come first.
    rf"(?:{RANGE_LEAD}{WS})?"
    rf"{_plain(*_POINTS, grammar.SEASON, grammar.MONTH_ALONE, grammar.YEAR_ALONE, DAY_PART)}"
    rf"{RANGE_SEP}"
    rf"{_plain(*_POINTS, grammar.SEASON, grammar.MONTH_ALONE, grammar.YEAR_ALONE, _SHORT_YEAR)}",
    date_families.FINDER,  # ordinal weekdays, offsets, holidays, deictic periods, numeric forms ...
)
# Shapes that are a date only after a lead word: "i oktober", "fra 2017", "i efteråret".
_LEAD_ONLY_SHAPES: tuple[str, ...] = (
    rf"{_plain(grammar.YEAR_ALONE)}{grammar.ONWARDS}",  # "i 2021 og frem"
    _plain(grammar.MONTH_ALONE),
    _plain(grammar.YEAR_ALONE),
    _plain(grammar.SEASON),
)
_FINDERS: tuple[re.Pattern[str], ...] = tuple(re.compile(_START + s + _END, re.IGNORECASE) for s in _SHAPES)
_MONTH_ONLY = rf"(?:{grammar.MONTH_FULL})(?!\w)"
# The rest of a list of months: ", juli, august og september".
_MONTH_LIST_TAIL = re.compile(rf"(?:{WSO},{WSO}{_MONTH_ONLY})*(?:{WSO},)?{WS}og{WS}{_MONTH_ONLY}", re.IGNORECASE)
_MONTH_IN_LIST = re.compile(rf"(?<!\w){_MONTH_ONLY}", re.IGNORECASE)
_I_BEFORE = re.compile(r"(?<!\w)i[^\S\n]+$", re.IGNORECASE)
_LEAD_ONLY_FINDERS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(_START + s + _END, re.IGNORECASE) for s in _LEAD_ONLY_SHAPES
)
_MONTH_ALONE_FINDER = _LEAD_ONLY_FINDERS[1]  # "i oktober"
_YEAR_ALONE_FINDER = _LEAD_ONLY_FINDERS[2]  # "i 2021"
# A bare year is a date where it is the sentence's subject or predicate: "2014 var året, hvor ...", "og 2020 har
# bekræftet ...", "blev 2015 det bedste TV-år", "en tilfredsstillende sæson 2014". Elsewhere a bare number
# in the range of years is as likely a count ("2017 ansøgere").
_YEAR_VERBS = "var|blev|bliver|er|vil|har|bød|gav|bragte|bringer|endte"
_SUBJECT_YEAR_BEFORE = re.compile(rf"(?:^|[.!?:\n][^\S\n]*|(?<!\w)(?:og|men){WS})$")
_SUBJECT_YEAR_AFTER = re.compile(rf"{WS}(?:{_YEAR_VERBS})(?!\w)", re.IGNORECASE)
_PREDICATE_YEAR_BEFORE = re.compile(rf"(?<!\w)(?:blev|var|er|bliver){WS}$", re.IGNORECASE)
_PREDICATE_YEAR_AFTER = re.compile(rf"{WS}(?:det|et|den){WS}", re.IGNORECASE)
_SEASON_NOUN_BEFORE = re.compile(rf"(?<!\w)(?:sæson|sæsonen|regnskabsåret|kalenderåret|budgetåret){WS}$", re.IGNORECASE)


def _is_year_as_subject(text: str, start: int, end: int) -> bool:
    before = max(0, start - 12)
    if _SUBJECT_YEAR_BEFORE.search(text, before, start) and _SUBJECT_YEAR_AFTER.match(text, end):
        return True
    if _PREDICATE_YEAR_BEFORE.search(text, before, start) and _PREDICATE_YEAR_AFTER.match(text, end):
        return True
    return _SEASON_NOUN_BEFORE.search(text, max(0, start - 16), start) is not None


# "den 5. og 6. oktober 2021": two mentions; the first borrows month and year from the last.
_DEN = r"(?:(?:den|d\.)[^\S\n]*)"
_ENUM_ITEM = rf"{_DEN}?(?:[12]\d|3[01]|0?[1-9])\."
_ENUMERATION = re.compile(
    rf"{_START}(?P<items>(?:{_ENUM_ITEM}(?:{WSO},{WSO}|{WS}og{WS}))+)"
    rf"(?P<last>{_DEN}?(?:[12]\d|3[01]|0?[1-9])\.?{WSO}(?P<rest>{_plain(grammar.MONTH_ANY)}"
    rf"(?:,?{WS}{YEAR_DIGITS})?)){_END}",
    re.IGNORECASE,
)
_ENUM_ITEM_RE = re.compile(_ENUM_ITEM, re.IGNORECASE)
# Every finder is tried only where the text's next characters can begin one of its matches.
_GATE = PrefixGate((*_FINDERS, *_LEAD_ONLY_FINDERS, _ENUMERATION))
_N_FINDERS = len(_FINDERS)
# Where any of the finders above can start: a digit, or a word that begins a shape (checked as a
# prefix, case-insensitively). Why: each finder run over the whole text tries every position, and the
# 17 passes cost several times the tokenizer; one pass for these starts, then each finder tried only
# there (`extract.parse.scan`), gives the same matches (tests/components/test_dates.py checks that).
_FIRST_WORDS: tuple[str, ...] = (
    *("d.", "den", "uge", "år", "fra", "mellem", "imellem", "perioden", "årene", "natten"),  # "d. 1. juli", "d.d."
    *("første", "andet", "anden", "tredje", "fjerde", "sidste"),  # quarters and halves
    *("til", "næste", "kommende", "forrige", "forår", "sommer", "efterår", "vinter"),  # seasons
    *MONTHS,
    *MONTH_ABBREVIATIONS,
    *ENGLISH_MONTHS,
    *WEEKDAYS,
)
# ... and patterns: "i dag", "i perioden", "Q1", "for årene", and the families' own starts.
_FIRST_PATTERNS = (r"i[^\S\n]", "q(?=[1-4])", r"for[^\S\n]+(?:årene|perioden)", *date_families.FIRST_WORDS)
_MENTION_START = re.compile(
    rf"{_START}(?=\d|(?i:{word_trie([w.lower() for w in _FIRST_WORDS])}|{'|'.join(_FIRST_PATTERNS)}))"
)


# A lead word just before a candidate: "i oktober", "fra i dag"; chains of up to three are read one
# word at a time ("senest i 2025", "siden begyndelsen af 2021", "frem til udgangen af 2023").
# One regex per lead, so that both "frem til" + "udgangen af" and "til udgangen af" are tried.
# Indexed by the lead's last word: the word before a candidate picks the one or two leads worth trying
# (searching all 54 before every candidate was a third of the component's cost).
def _leads_by_last_word() -> dict[str, tuple[re.Pattern[str], ...]]:
    index: dict[str, tuple[re.Pattern[str], ...]] = {}
    for lead in LEADS:
        key = lead.split()[-1].lower()
        index[key] = (*index.get(key, ()), re.compile(rf"(?<!\w){phrases([lead])}{WS}$", re.IGNORECASE))
    return index


_LEADS_BY_LAST_WORD = _leads_by_last_word()
_WORD_BEFORE = re.compile(rf"(\w+\.?){WS}$")
_MAX_LEADS = 3
# A comparison licenses a bare month or year without being part of it: "i forhold til oktober".
_COMPARISON_BEFORE = re.compile(
    rf"(?<!\w){phrases(['i forhold til', 'set i forhold til', 'sammenlignet med', 'i stedet for'])}{WS}$",
    re.IGNORECASE,
)
# Clock times and numbers that look like dates: "kl. 20.12.2023" cannot be, "tidsrummet 1900-2000".
_NOT_A_DATE_BEFORE = re.compile(
    r"(?:\bkl\.|\bklokken|\btidsrummet|\btidspunktet|\btlf\.?|\btelefon|\bnr\.|\bcvr(?:-nr\.?)?|§)"
    r"[^\S\n]*(?:mellem[^\S\n]+)?$",
    re.IGNORECASE,
)

# "de næste år", "i de kommende år": "år" is plural there (the years ahead), no one year.
_PLURAL_YEARS = re.compile(r"(?:næste|kommende|sidste|seneste|forrige)[^\S\n]+år", re.IGNORECASE)
_PLURAL_BEFORE = re.compile(r"(?<!\w)de[^\S\n]+$", re.IGNORECASE)
# "Aftale om klimalov fra 2020", "energiaftalen (fra februar 2008)": after a document's noun, "fra" says
# when it is from, not since when; the period is the one named, closed.
_ORIGIN_BEFORE = re.compile(
    rf"(?:{'|'.join(sorted(word_list('document_nouns.txt'), key=len, reverse=True))})"
    r"(?:n|en|et|r)?(?:[^\S\n]+(?:er|var))?[^\S\n]*\(?[^\S\n]*$",
    re.IGNORECASE,
)

# Weekday phrases: "mandag", "på mandag", "natten til mandag", "i søndags", "søndag aften" (fixed token
# sequences).
_WEEKDAY_MODIFIERS = ["på", "sidste", "forrige", "næste", "kommende", "til", "natten til"]
_DAY_PARTS = ["morgen", "formiddag", "middag", "eftermiddag", "aften", "nat"]
_WEEKDAY_PHRASES: list[str] = [
    *WEEKDAYS,
    *(f"{modifier} {day}" for modifier in _WEEKDAY_MODIFIERS for day in WEEKDAYS),
    *(f"i {day}s" for day in WEEKDAYS),
    *(f"{day} {part}" for day in WEEKDAYS for part in _DAY_PARTS),
    *(f"{modifier} {day} {part}" for modifier in _WEEKDAY_MODIFIERS[:-1] for day in WEEKDAYS for part in _DAY_PARTS),
]

# A candidate: character offsets and, for the first items of an enumeration, the text to parse.
_Candidate = tuple[int, int, str | None]


class DateFinder:
    """Write normalised date mentions to `doc.spans[spans_key]`, with values in `span._.date`."""

    def __init__(
        self, nlp: Language, name: str = "extract/dates", *, spans_key: str = "dates", use_tense: bool = True
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.use_tense = use_tense
        # The closed phrases (LEXICAL) and weekday phrases are fixed token sequences, so a PhraseMatcher
        # (fast, no per-token predicates) reads them, tokenised as the text will be.
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases.add("DATE_PHRASE", [nlp.make_doc(p) for p in LEXICAL])
        self.phrases.add("DATE_WEEKDAY", [nlp.make_doc(p) for p in _WEEKDAY_PHRASES])

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        published = to_date(doc._.published)
        tenses = TenseReader(text) if self.use_tense else None
        found: list[tuple[Span, DateValue, int]] = []
        for start, end, override in self._candidates(doc):
            if _NOT_A_DATE_BEFORE.search(text, max(0, start - 20), start):
                continue
            if start and text[start - 1].isalpha():
                continue  # "patienter6.4.2024 10:34": a listing's timestamp glued to the next headline
            if _PLURAL_YEARS.fullmatch(text, start, end) and _PLURAL_BEFORE.search(text, max(0, start - 5), start):
                continue
            span = doc.char_span(start, end, label="DATE")
            if span is None and text[end : end + 1] == ".":
                # The tokenizer reads a sentence-final "uge 21." as an ordinal: the span keeps the period.
                span = doc.char_span(start, end + 1, label="DATE")
            if span is None:  # glued to a word ("samarbejde3.5.2023"): no tokens to hold it
                continue
            tense = tenses.tense(start, end) if tenses is not None else None
            value = parse_date(override or text[start:end], published, tense, fallback=False)
            if value is not None and value.end is None and _is_origin(text, start):
                value = parse_date(text[start + 4 : end], published, tense, fallback=False) or value
            if value is not None:
                found.append((span, value, end))
        kept = _same_periods(doc, text, _longest_first(found))
        doc.spans[self.spans_key] = [span for span, _, _ in kept]
        for span, value, end in kept:
            values: dict[str, Any] = dict(value.as_dict())
            if end < span.end_char:  # the mention stops before the period its token carries
                values["end_char"] = end
            span._.date = values
        return doc

    def _candidates(self, doc: Doc) -> Iterator[_Candidate]:
        """Every possible mention; the parser drops what it cannot read, overlaps are resolved later."""
        text = doc_text(doc)
        gated = _GATE.positions(text, mention_starts(doc, text))
        finders, lead_only, (enumerations,) = gated[:_N_FINDERS], gated[_N_FINDERS:-1], gated[-1:]
        for finder, positions in zip(_FINDERS, finders, strict=True):
            for m in scan(finder, text, positions):
                yield m.start(), m.end(), None
                yield from self._with_lead(text, m.start(), m.end())
        for finder, positions in zip(_LEAD_ONLY_FINDERS, lead_only, strict=True):
            for m in scan(finder, text, positions):
                yield from self._with_lead(text, m.start(), m.end())
                if _COMPARISON_BEFORE.search(text, max(0, m.start() - 30), m.start()):
                    yield m.start(), m.end(), None
                elif finder is _YEAR_ALONE_FINDER and _is_year_as_subject(text, m.start(), m.end()):
                    yield m.start(), m.end(), None
                if finder is _MONTH_ALONE_FINDER:
                    yield from _listed_months(text, m.start(), m.end())
        for m in scan(_ENUMERATION, text, enumerations):
            for item in _ENUM_ITEM_RE.finditer(m["items"]):
                start = m.start("items") + item.start()
                yield start, start + len(item[0]), f"{item[0]} {m['rest']}"
        for _, first, last in self.phrases(doc):
            start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
            yield start, end, None
            yield from self._with_lead(text, start, end)
            if weekdays := _WEEKDAY_RANGE_TAIL.match(text, end):  # "torsdag til lørdag": one period
                yield start, weekdays.end(), None
                yield from self._with_lead(text, start, weekdays.end())

    @classmethod
    def _with_lead(cls, text: str, start: int, end: int, depth: int = _MAX_LEADS) -> Iterator[_Candidate]:
        """The candidate with each chain of up to three lead words in front of it."""
        if depth == 0 or _COMPARISON_BEFORE.search(text, max(0, start - 30), start):
            return  # "i forhold til oktober": "til" compares, it is no lead
        word = _WORD_BEFORE.search(text, max(0, start - 30), start)
        if word is None:
            return
        last = word[1].lower()
        patterns = _LEADS_BY_LAST_WORD.get(last, ())
        if last.endswith("."):  # "pr." is a lead; "i." ends a sentence, and the "i" lead will not fit
            patterns += _LEADS_BY_LAST_WORD.get(last[:-1], ())
        for pattern in patterns:
            lead = pattern.search(text, max(0, start - 30), start)
            if lead is not None and not _verb_particle(text, lead.start()):
                yield lead.start(), end, None
                yield from cls._with_lead(text, lead.start(), end, depth - 1)


# Verbs of motion whose particle is no lead: "flytte ind i 2. halvår 2025".
_MOTION_VERB_BEFORE = re.compile(
    rf"(?<!\w)(?:flytt|vend|kom|rejs|send|kør|går|gik|gå|tag|tog|hent|fly|sejl|trækk)\w*{WS}(?:\w+{WS})?$",
    re.IGNORECASE,
)


def _verb_particle(text: str, lead_start: int) -> bool:
    """A lead "ind i" that is a verb's particle ("flytte ind i 2. halvår 2025"), not "on into" ("fortsætter
    ind i 2023")."""
    if text[lead_start : lead_start + 4].lower() != "ind ":
        return False
    return _MOTION_VERB_BEFORE.search(text, max(0, lead_start - 30), lead_start) is not None


_WEEKDAY_RANGE_TAIL = re.compile(rf"{WS}(?:til|-|–){WS}(?:{'|'.join(grammar.WEEKDAYS)})(?![a-zæøå])", re.IGNORECASE)
# "samme periode sidste år", "(i) samme kvartal i 2007": the period just named, in another year.
_SAME_PERIOD = re.compile(
    rf"(?<!\w)(?:i{WS})?(?:den{WS})?samme{WS}(?:periode|kvartal|halvår|måned){WS}"
    rf"(?=(?:i{WS})?\d{{4}}(?!\d)|sidste{WS}år|i{WS}fjor|året{WS}før|forrige{WS}år)",
    re.IGNORECASE,
)
_PART_OF_A_YEAR = frozenset({"month", "quarter", "half", "season", "week"})


def _same_periods(doc: Doc, text: str, kept: list[tuple[Span, DateValue, int]]) -> list[tuple[Span, DateValue, int]]:
    """ "Indtægterne i første halvår 2023 ... mod 1.422 mio. kr. i samme periode sidste år": one mention,
    "samme periode sidste år", whose value is the period named before it (the first half) in the year named
    after it (2022); without such a period before it the year stays a mention of its own."""
    if "amme" not in text:
        return kept
    out = list(kept)
    for m in _SAME_PERIOD.finditer(text):
        inner = next((k for k, (span, _, _) in enumerate(out) if span.start_char == m.end()), None)
        if inner is None:
            continue
        year_span, year_value, year_end = out[inner]
        earlier = [v for span, v, _ in out if span.end_char <= m.start() and v.granularity in _PART_OF_A_YEAR]
        if not earlier or year_value.start is None:
            continue
        reference = earlier[-1]
        first, last = reference.start, reference.end
        span = doc.char_span(m.start(), year_span.end_char, label="DATE")
        if first is None or last is None or span is None:
            continue
        shift = year_value.start.year - first.year
        relative = year_value.relative or reference.relative
        value = DateValue(_years_later(first, shift), _years_later(last, shift), reference.granularity, relative)
        out[inner] = (span, value, year_end)
    return out


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _listed_months(text: str, start: int, end: int) -> Iterator[_Candidate]:
    """ "i juni, juli, august og september": the months after the first share its "i" (one mention each)."""
    if not _I_BEFORE.search(text, max(0, start - 5), start):
        return
    tail = _MONTH_LIST_TAIL.match(text, end)
    if tail is None:
        return
    for month in _MONTH_IN_LIST.finditer(text, end, tail.end()):
        yield month.start(), month.end(), f"i {month[0]}"


def _is_origin(text: str, start: int) -> bool:
    """ "fra 2020" after a document's noun ("klimalov fra 2020"): the date it is from."""
    if text[start : start + 4].lower() != "fra ":
        return False
    return _ORIGIN_BEFORE.search(text, max(0, start - 40), start) is not None


def mention_starts(doc: Doc, text: str) -> list[int]:
    """Where a mention can start: the token starts that `_MENTION_START` allows.

    A mention becomes a span only on token boundaries (`doc.char_span`), so trying the start pattern at
    each token's first character instead of at every character of the text finds the same spans, in a
    tenth of the time (the start pattern's alternation was a fifth of the component's cost).
    """
    match = _MENTION_START.match
    return [i for i in token_starts(doc) if match(text, i)]


def _longest_first(found: list[tuple[Span, DateValue, int]]) -> list[tuple[Span, DateValue, int]]:
    """No overlaps: the longest mention wins, then the earliest; returned in text order."""
    taken: list[tuple[Span, DateValue, int]] = []
    occupied: set[int] = set()
    for span, value, end in sorted(found, key=lambda f: (f[0].start_char - f[0].end_char, f[0].start_char)):
        if occupied.isdisjoint(range(span.start, span.end)):
            taken.append((span, value, end))
            occupied.update(range(span.start, span.end))
    return sorted(taken, key=lambda f: f[0].start_char)


@Danish.factory(
    "extract/dates",
    assigns=["doc.spans"],
    default_config={"spans_key": "dates", "use_tense": True},
)
def make_dates(nlp: Language, name: str, spans_key: str, use_tense: bool) -> DateFinder:
    """Build the dates component (see `DateFinder`)."""
    return DateFinder(nlp, name, spans_key=spans_key, use_tense=use_tense)
