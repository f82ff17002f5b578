"""spaCy component: counts of people and things, and percentages -> `doc.spans["quantities"]`.

A count is qualifier + number or range + up to two adjectives + a unit noun from the lexicon
`extract/data/units.csv` ("op til ca. 150 danske soldater"); a percentage is a number + "procent", "pct."
or "%". Numbers, qualifiers and ranges come from `extract.parse.money.find_measures` (one regex pass);
the unit is looked up on the tokens right after each number, and a plural noun missing from the lexicon
is guessed unless `guess_units` is off. `span._.quantity` holds plain JSON values.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.lang.da import Danish
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract.extensions import doc_memo, doc_text, register_extensions, token_starts
from extract.parse.dates import MONTHS
from extract.parse.lemmas import noun_lemma
from extract.parse.money import Measure, find_measures, index_numbers
from extract.parse.subjects import CLOSED_CLASS, NOT_HEADS, count_subject, percent_subject
from extract.resources import nationalities

__all__ = ["QuantityFinder", "Unit", "load_units", "make_quantities"]

LABEL = "QUANTITY"
PERCENT = "procent"


@dataclass(frozen=True)
class Unit:
    """A unit noun's singular lemma (the `unit` column) and its category (`personnel` or `other`)."""

    lemma: str
    category: str


@lru_cache(maxsize=8)
def load_units(path: str | None = None) -> dict[str, Unit]:
    """Surface form (lower case) -> Unit, from the packaged units.csv or the CSV at `path`."""
    source = resources.files("extract").joinpath("data", "units.csv") if path is None else Path(path)
    rows = csv.DictReader(io.StringIO(source.read_text(encoding="utf-8")))
    return {row["form"]: Unit(row["lemma"], row["category"]) for row in rows}


# After the number: "2,7 procent", "5 pct.", "12 %", "0,3 procentpoint".
_PERCENT_RE = re.compile(
    r"[ \u00a0]?(?P<unit>(?i:procentpoint|pct\.?-?point|procentenhed|pct\.?-?enhed)(?:s|er)?(?!\w)|%-point"
    r"|(?i:procent)(?!\w)"
    r"|(?i:pct)(?:\.|(?!\w))|%)"
)
_HYPHENATED_WORD = re.compile(r"(?:[^\W\d_]+|\d+)(?:-[^\W\d_]+)+")  # "semi-intensive", "14-årige"
# Model names may stand between number and noun: "fire F-16 fly".
_MODEL_RE = re.compile(r"[A-Z]{1,3}-?\d+[A-Z]?")
# Nominalised adjectives that may also qualify a following unit: "200 ledige stillinger".
_ADJECTIVAL_UNITS = frozenset(
    """ledig civil frivillig arbejdsløs værnepligtig ansat studerende besøgende ung voksen ældre indsat anholdt
    sigtet dræbt såret død savnet""".split()
)
# Comparatives right after the number: "500 flere ledige", "200 færre indlæggelser".
_COMPARATIVES = frozenset({"flere", "færre"})
# Endings of adjectives that look like plural nouns to the guess: "50 forskellige", "20 øvrige", "tekniske".
_ADJECTIVE_ENDINGS = ("ige", "iske")
# Adjectives before a noun the guess cannot recognise by its ending: nationalities ("tyske landbrug") and
# participles ("automatiserede oplysninger").
_PARTICIPLE_ENDINGS = ("ede", "ske", "ale", "elle", "ære", "ive")  # "3 centrale mål", "militære", "aktive"
# A definite plural ("klimaministrene", "soldaterne") follows no number.
_DEFINITE_PLURAL = ("erne", "ene")


def _is_adjective(lower: str) -> bool:
    return lower in nationalities() or (len(lower) > 4 and lower.endswith(_PARTICIPLE_ENDINGS))


# Short forms that are safe as the last part of a compound ("kampfly", "F-16-fly"); others need 4 letters.
_SHORT_COMPOUND_HEADS = frozenset({"fly"})


# Nouns that measure rather than count (time, distance, money): never a unit, nor an adjective before one
# ("3 gange flere soldater" counts no soldiers).
_NOT_COUNTED = frozenset(
    """år året dage dag uger uge måneder måned timer time minutter sekunder gange gang omgange kilometer
    meter kilo kilogram tons ton liter grader kroner krone øre point procent promille stemmer
    års dages ugers måneders timers døgns""".split()
)  # "de seneste tre års erfaringer" is a time span
# Words before a unit noun that the closed classes hold ("60 andre åbninger") or that end in no -e the
# adjective test knows ("12 nye opgaveudvalg" has one): they qualify the count, never are its unit.
# "stk." counts pieces of the noun after it: "25.000 stk. ecstasytabletter".
_COUNT_ADJECTIVES = frozenset("andre nye øvrige ekstra yderligere tilsvarende stk. stk".split())
# A past tense in -Cte is no plural noun: "20 kørte selvom ..." ("betjente", "ansatte" are).
_PAST_TENSE = re.compile(r"[bdfgklmprsv]te$")
_ORDINALS = frozenset(
    "første anden andet tredje fjerde femte sjette syvende ottende niende tiende sidste næste".split()
)
# Endings of Danish agent nouns: bilist, professor, ingeniør, praktikant, syrer, rejsende.
_PERSON_ENDINGS = ("ist", "or", "ør", "ant", "ent", "iker", "er", "ende", "jyde", "fynbo", "boer")


def _guess_unit(plural: str) -> Unit:
    """Singular and category of a plural noun the lexicon lacks: the lemma from lemmy, the category from
    the lemma's ending. An agent noun in -er has its plural in -ere ("borgere", "lærere"); "centre" and
    "emner" are things."""
    lemma = plural if plural.endswith("ende") else noun_lemma(plural)
    if lemma.endswith("er"):
        person = plural.startswith(lemma) and plural[len(lemma) :] in ("e", "ne")
    else:
        person = lemma.endswith(_PERSON_ENDINGS)
    return Unit(lemma, "personnel" if person else "other")


def _before_unit(doc: Doc, i: int, finder: QuantityFinder) -> bool:
    """An adverb in -t right before a unit noun: "3.100 flere offentligt ansatte"."""
    return doc[i].lower_.endswith("t") and i + 1 < len(doc) and finder.unit(doc[i + 1].text) is not None


def _coordinated_part(doc: Doc, i: int) -> bool:
    """Token i is the first part of a coordinated compound: "færdsels-" in "færdsels- og afgiftssager"."""
    token = doc[i]
    return (
        i + 2 < len(doc)
        and len(token.text) > 2
        and token.text.endswith("-")
        and token.text[:-1].isalpha()
        and doc[i + 1].lower_ in ("og", "eller")
    )


_YEAR_RANGE = re.compile(r"(?i:fra|mellem)?\s*(?:19|20)\d\d\s*(?:-|–|(?i:til|og))\s*(?:19|20)\d\d")


# A month or season name right before a year makes the number part of a date.
_DATE_WORD_BEFORE = re.compile(
    rf"(?<!\w)(?i:{'|'.join(MONTHS)}|foråret|sommeren|efteråret|vinteren|primo|medio|ultimo)[^\S\n]+$"
)
# A number that names one of a series counts nothing: "i uge 29 udført", "fase 2" ("i dag 45" counts).
_SERIES_WORD_BEFORE = re.compile(r"(?<!\w)(?i:uge|side|runde|fase|etape|spor|trin)[^\S\n]+$")
# A vague hundreds: "flere hundrede motorcykler", "mange tusinde".
_VAGUE_BEFORE = re.compile(r"(?<!\w)(?i:flere|mange|nogle|adskillige|få)[^\S\n]+$")
_VAGUE_NUMBER = re.compile(r"(?i:hundred|tusind)")
# Fractions are shares, not counts: "fire femtedele", "to tredjedele".
_FRACTION = re.compile(r"(?:halv|tredje|fjerde|femte|sjette|syvende|ottende|niende|tiende)del(?:e|en|ene)?$")
# English words a Danish number word ("to", "en") may stand before: "Subscribe to all the ...".
_ENGLISH_WORDS = frozenset("the all these those are were be more some one other our your their".split())


_OR_MORE = re.compile(r"[^\S\n]+eller[^\S\n]+(flere|mere|derover|færre|mindre|derunder)(?!\w)", re.IGNORECASE)
_MORE = frozenset({"flere", "mere", "derover"})


def _is_year(measure: Measure) -> bool:
    """A bare number from 1900 to 2100 ("i 2023 er ...") is a year, and "fra 2006 til 2007" two years:
    not counts."""
    if measure.value is None:
        return bool(_YEAR_RANGE.fullmatch(measure.text))
    return measure.text.isdigit() and 1900 <= measure.value <= 2100


class QuantityFinder:
    """Find counts ("op til ca. 30 personer", "20-25 betjente", "seks medarbejdere") and percentages."""

    def __init__(
        self,
        name: str = "quantities",
        *,
        spans_key: str = "quantities",
        units: str | None = None,
        guess_units: bool = True,
    ):
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.units = load_units(units)
        self.guess_units = guess_units

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        spans: list[Span] = []
        for measure in find_measures(text, doc_memo(doc, "numbers", lambda: index_numbers(text, token_starts(doc)))):
            found = self._match(doc, text, measure)
            if found is None:
                continue
            span, value = found
            if spans and span.start < spans[-1].end:
                continue
            span._.quantity = value
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    def unit(self, word: str) -> Unit | None:
        """The unit of a token: a lexicon form, or a compound ending in one ("krigsskibe" -> krigsskib)."""
        lower = word.lower()
        if lower in self.units:
            return self.units[lower]
        if lower.endswith("s") and lower[:-1] in self.units and lower[:-1].endswith(("er", "e")):
            return self.units[lower[:-1]]  # a genitive plural: "8 kommuners brandvæsener" counts municipalities
        if "-" in lower:
            prefix, head = lower.rsplit("-", 1)
            if head not in self.units:
                return None
            unit = self.units[head]
            if any(c.isdigit() for c in prefix):  # "C-130J-fly": a model name, the unit is "fly"
                return unit
            written = word.rsplit("-", 1)[0]
            if written.isupper():
                prefix = written  # "SDU-forskere" -> SDU-forsker: an abbreviation keeps its capitals
            return Unit(f"{prefix}-{unit.lemma}", unit.category)  # "it-specialister" -> it-specialist
        for k in range(3, len(lower) - 2):
            suffix = lower[k:]
            if suffix in self.units and (len(suffix) >= 4 or suffix in _SHORT_COMPOUND_HEADS):
                if k == 3 and not noun_lemma(lower).endswith(self.units[suffix].lemma):
                    continue  # "konkurser" is no compound of "kon" + "kurser": the lemmatizer knows the word
                if lower[:k].isalpha():
                    return Unit(lower[:k] + self.units[suffix].lemma, self.units[suffix].category)
        return None

    def _unit_token(self, doc: Doc, i: int) -> tuple[Token, Unit] | None:
        """The unit noun after the number (token i on), allowing up to two adjectives or model names."""
        adjectives = 0
        if i < len(doc) and doc[i].lower_ in _COMPARATIVES:
            i += 1
        while i < len(doc):
            token = doc[i]
            if _coordinated_part(doc, i):  # "464 færdsels- og afgiftssager": the noun after "og" counts
                i += 2
                continue
            unit = self.unit(token.text)
            if unit is not None:
                if unit.lemma in _ADJECTIVAL_UNITS and i + 1 < len(doc) and self.unit(doc[i + 1].text):
                    i += 1
                    continue
                # "tre nye cirkelrunde bygninger": a word read as a compound ("cirkel" + "runde") before a
                # noun the lexicon has is that noun's adjective
                if token.lower_ not in self.units and i + 1 < len(doc) and doc[i + 1].lower_ in self.units:
                    i += 1
                    continue
                return token, unit
            adjective = token.lower_ in _COUNT_ADJECTIVES or (
                (token.is_alpha or _HYPHENATED_WORD.fullmatch(token.text) is not None)  # "semi-intensive"
                and token.is_lower
                and token.lower_ not in CLOSED_CLASS
                and token.lower_ not in _NOT_COUNTED
                and (token.lower_.endswith("e") or token.lower_ == "ekstra" or _before_unit(doc, token.i, self))
            )
            model = _MODEL_RE.fullmatch(token.text) or (token.is_upper and token.is_alpha and len(token) >= 3)
            if adjectives >= 2 or not (adjective or model):  # "F-16", "ni SEAHAWK helikoptere"
                return None
            adjectives += 1
            i += 1
        return None

    @staticmethod
    def _guessed_unit_token(doc: Doc, i: int) -> tuple[Token, Unit] | None:
        """A plural noun missing from the lexicon: "tre nye havvindmølleparker", "12 politikredse".

        The lexicon cannot list every countable noun, so a run of up to three plural-looking words
        (ending in -e or -er) after the number counts, the last being the noun. Its lemma and category
        are guessed from its ending ("bilister" -> bilist, personnel).
        """
        last: Token | None = None
        if i < len(doc) and doc[i].lower_ in _COMPARATIVES:
            i += 1
        if i < len(doc) and _coordinated_part(doc, i):
            i += 2
        after_adjective = coordinated = False
        for token in doc[i : i + 5]:
            lower = token.lower_
            if lower in _NOT_COUNTED:
                return None  # "750.000 norske kroner" is money, "3 flere år" no count
            if lower in _COUNT_ADJECTIVES:
                after_adjective = True
                continue
            if token.like_num and lower not in _ORDINALS:
                break  # "16 spirituspåvirkede og to narkopåvirkede bilister": the next count begins
            if not (token.is_alpha and token.is_lower) or lower in NOT_HEADS or lower in _ENGLISH_WORDS:
                if lower == "og" and after_adjective:  # "200 automatiserede og digitale oplysninger"
                    coordinated = True
                    continue
                break
            if _is_adjective(lower) or (coordinated and lower.endswith("e")):
                coordinated = False
                after_adjective = True  # "5.000 tyske landbrug": the noun after it may have any ending
                last = token
                continue
            if after_adjective or lower.endswith(("e", "er")):
                last = token
            if after_adjective or lower.endswith("er"):
                break  # the noun: "tre brancher topper" counts branches, not the verb after them
            after_adjective = False
        if (
            last is None
            or _FRACTION.match(last.lower_)
            or last.lower_.endswith(("ste", *_ADJECTIVE_ENDINGS, *_DEFINITE_PLURAL))
            or last.lower_ in _ORDINALS
            or _is_adjective(last.lower_)
            or _PAST_TENSE.search(last.lower_)
        ):
            return None
        return last, _guess_unit(last.lower_)

    def _match(self, doc: Doc, text: str, measure: Measure) -> tuple[Span, dict[str, Any]] | None:
        """The span and value of a count or percentage starting with `measure`; `text` is `doc.text`,
        read once per Doc (`doc_text`) because spaCy rebuilds `doc.text` on every access."""
        percent = _PERCENT_RE.match(text, measure.end)
        if percent is not None:
            end = percent.end()
            points = any(w in percent.group("unit").lower() for w in ("point", "enhed"))  # "0,5 pct.enhed"
            unit = Unit("procentpoint" if points else PERCENT, "other")
            subject = percent_subject(text, measure.start, end)
        else:
            if text[measure.end : measure.end + 1] == ".":
                return None  # an ordinal: "2. behandling"
            before = max(0, measure.start - 20)
            if _SERIES_WORD_BEFORE.search(text, before, measure.start):
                return None
            if _VAGUE_NUMBER.match(text, measure.start) and _VAGUE_BEFORE.search(text, before, measure.start):
                return None
            number = doc.char_span(measure.start, measure.end, alignment_mode="expand")
            if number is None or number.end_char > measure.end:
                return None  # glued to what follows: "(400)Fødevarestyrelsen"
            found = self._unit_token(doc, number.end)
            is_year = _is_year(measure)
            if is_year and _DATE_WORD_BEFORE.search(text, max(0, measure.start - 20), measure.start):
                return None  # the year of a date: "i efteråret 2015 uanmeldte kontrolbesøg", "april 2016 sagen"
            if found is None and self.guess_units and not is_year:
                found = self._guessed_unit_token(doc, number.end)
            if found is None:
                return None
            token, unit = found
            if token.lower_ != unit.lemma and token.lower_.endswith(_DEFINITE_PLURAL):
                return None  # "På dag to diskuterede klimaministrene": a definite plural is counted by no number
            end = token.idx + len(token.text)
            subject = count_subject(text, measure.start, end, unit_words=(token.text, unit.lemma))
        span = doc.char_span(measure.start, end, label=LABEL, alignment_mode="expand")
        if span is None:
            return None
        lower, upper = measure.lower, measure.upper
        after = _OR_MORE.match(text, end)
        if after is not None and measure.value is not None and lower is None and upper is None:
            # "en million seere eller flere": a lower bound written after the unit
            lower, upper = (measure.value, None) if after.group(1).lower() in _MORE else (None, measure.value)
        return span, {
            "value": None if measure.value is None else float(measure.value),
            "lower": None if lower is None else float(lower),
            "upper": None if upper is None else float(upper),
            "approximate": measure.approximate,
            "unit": unit.lemma,
            "category": unit.category,
            "subject": None if subject is None else subject.lemma,
        }


@Danish.factory(
    "extract/quantities",
    assigns=["doc.spans"],
    default_config={"spans_key": "quantities", "units": None, "guess_units": True},
)
def make_quantities(nlp: Language, name: str, spans_key: str, units: str | None, guess_units: bool) -> QuantityFinder:
    """Factory for `nlp.add_pipe("extract/quantities")`.

    `units` is a CSV path (null for the packaged lexicon); `guess_units` false counts only lexicon nouns.
    """
    return QuantityFinder(name, spans_key=spans_key, units=units, guess_units=guess_units)
