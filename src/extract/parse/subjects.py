"""What an amount or a count is for: the noun phrase the number belongs to, found by patterns around it.

Pure functions over the text and the mention's offsets, no spaCy: a blank Danish pipeline has no tagger
or parser, so the rules are token patterns over closed word lists (`data/subject_words.txt`). Each rule
names one shape and either finds the head noun of that shape or gives up; `find_subject` tries a table's
rules in order and returns the first head that passes the guards:

- `X på N` (also af/for): "et stabiliseringsprogram for Syrien og Irak på cirka 332,5 mio. kr." -> stabiliseringsprogram
- `N til X`: "afsætter 2 mia. kr. til sygehuse" -> sygehus ("35 mio. kr. afsat til", "til side i X" too)
- `N i X`: "investerer 415 mio. kr. i nyt akuthus" -> akuthus ("N fra X" names where the money comes from,
  "fra puljen", "fra regeringens kvalitetsfond": no subject)
- `N af X`: "1 mia. kr. af udviklingsbistanden" -> udviklingsbistand
- `bruge N på X`: "bruge 232 mia. kr. på serviceudgifter" -> serviceudgift
- `X VERB N`: "Byggeriet koster 148 mio. kr." -> byggeri; "bidraget vil bestå af 105 personer" -> bidrag
- `N pr. X`: "40 mio. kr. pr. kommune" -> kommune
- `label: N`: a fact-box line, "- Inflation: 7,7 pct." -> inflation
- `et X med N`: a determiner, a noun, med: "et rejsehold med seks medarbejdere" -> rejsehold
- `stigning i X på N` (percentages): "en stigning i ledigheden på 3 procent" -> ledighed
- `N flere X`, `N af X` (percentages): "90 procent af patienterne" -> patient

Guards: the head is never a function word, an adjective ("militære"), a capitalised word inside a name
("Slagelse Kommune"), a word of time ("år") or the count's own unit ("op til 40 soldater" has no
subject). When no rule is sure, the subject is empty: a wrong subject is worse than none.

The subject column holds the head noun's lemma (`extract.parse.lemmas.noun_lemma`: singular indefinite,
lower case, "Bidraget" -> bidrag, "sygehuse" -> sygehus), so that rows about one thing group together;
a prefix before a hyphen keeps its case ("CO2-udledningen" -> CO2-udledning). `same_head` is the lenient
match `extract evaluate` uses against gold subjects written in any form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from extract.parse.lemmas import noun_lemma

__all__ = [
    "AMOUNT_RULES",
    "AMOUNT_VERBS",
    "CHANGE_VERBS",
    "CLOSED_CLASS",
    "COUNT_RULES",
    "COUNT_VERBS",
    "DETERMINERS",
    "PERCENT_RULES",
    "PREPOSITIONS",
    "Rule",
    "Subject",
    "amount_subject",
    "count_subject",
    "find_subject",
    "label_subject",
    "percent_subject",
    "same_head",
    "subject_after",
    "subject_before",
    "subject_lemma",
    "verb_subject",
    "inverted_verb_subject",
]

_TOKEN_RE = re.compile(r"\n|\w+(?:-\w+)*-?|[^\w\s]")


@lru_cache(maxsize=1)
def _word_classes() -> dict[str, frozenset[str]]:
    """The classes of `data/subject_words.txt`: "[name]" lines open a class, words follow."""
    text = resources.files("extract").joinpath("data", "subject_words.txt").read_text(encoding="utf-8")
    classes: dict[str, set[str]] = {}
    current: set[str] | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = classes.setdefault(line[1:-1], set())
        elif line and current is not None:
            current.update(line.split())
    return {name: frozenset(words) for name, words in classes.items()}


_W = _word_classes()
DETERMINERS = _W["determiners"]
PREPOSITIONS = _W["prepositions"]
_PARTICIPLES = _W["participles"]
_VERBS = _W["verbs"]
_SUBORDINATORS = _W["subordinators"]
_PRONOUNS = _W["pronouns"]
_ADVERBS = _W["adverbs"]
_TIME_AND_IDIOMS = _W["time_and_idioms"]
_TIL_IDIOMS = _W["til_idioms"]
AMOUNT_VERBS = _W["amount_verbs"]
CHANGE_VERBS = _W["change_verbs"]
COUNT_VERBS = _W["count_verbs"]
_AUXILIARIES = _W["auxiliaries"]
_SPEND_VERBS = _W["spend_verbs"]
_CHANGE_NOUNS = _W["change_nouns"]
_NOT_PURPOSES = _W["not_purposes"]
_PERCENT_BASES = _W["percent_bases"]
_NOT_SUBJECTS = _W["not_subjects"]
_NOT_LABELS = _W["not_labels"]
_SCALES_AND_UNITS = _W["scales_and_units"]
_SUBJECT_PRONOUNS = _W["inverted_subjects"]
_RAISE_VERBS = _W["raise_verbs"]
_LINK_VERBS = AMOUNT_VERBS | CHANGE_VERBS | COUNT_VERBS
# Words that are never part of a noun phrase's adjectives or head (adverbs aside: "20 ekstra betjente").
CLOSED_CLASS = (
    DETERMINERS
    | PREPOSITIONS
    | _PARTICIPLES
    | _VERBS
    | _SUBORDINATORS
    | _PRONOUNS
    | _TIME_AND_IDIOMS
    | _LINK_VERBS
    | frozenset({"og"})
)
_NOT_HEADS = CLOSED_CLASS | _ADVERBS
NOT_HEADS = _NOT_HEADS  # for the quantities component: words that end a noun phrase
# Between a keyword and the mention: "en pulje på i alt 40 mio. kr.".
_FILLERS = (("i", "alt"), ("samlet", "set"), ("samlet",), ("yderligere",), ("ekstra",), ("hele",), ("minimum",))
# Adverbials that may stand between a mention and "til NP": "2-3 mia. kr. frem til 2030 til opkøb",
# "i forligsperioden til", "over de næste fire år til". So may a participle of giving, "går" and the
# particle "ud": "3,2 mio. kr., givet til", "er afsat til", "25 mio. kroner, går til", "deler N ud til".
_TIME_AFTER = re.compile(
    r"\s*(?:,\s*)?(?i:frem\s+til\s+(?:og\s+med\s+)?\d{4}|i\s+(?:år|alt|\d{4}(?:\s*[-–]\s*\d{4})?)"
    r"|(?:om|pr\.?)\s+(?:året|måneden|år|måned)|årligt|ekstra|yderligere|hvert\s+år|i\s+udsigt|ud"
    r"|i\s+\w*perioden|over\s+(?:de\s+)?(?:(?:næste|kommende)\s+)?\w+\s+år|over\s+en\s+\w+\s+periode|på\s+vej"
    r"|(?:er\s+|bliver\s+|blev\s+)?(?:afsat|givet|bevilget|øremærket|reserveret|målrettet)|går|gik|skal\s+gå"
    r"|mere|i\s+\d{4}\s+og\s+frem|pr\.\s+år(?:\s+\d{4}\s*[-–]\s*\d{4})?"
    # a second amount of the same line: "20 mio. kr. i 2021 og 20 mio. kr. i 2023 til X", "1,5 mio. kr., stigende
    # til 3,0 mio. kr. i 2022 og frem, til X"
    r"|(?:og|stigende\s+til)\s+(?:yderligere\s+)?(?:ca\.\s+)?\d[\d.,]*\s+(?:mio\.|mia\.|millioner|milliarder)\s*(?:kr\.|kroner)?"
    r")(?!\w)"
)
# Nouns of number before the real head: "til en række natur- og kystprojekter".
_QUANTIFIER_NOUNS = frozenset({"række", "antal", "serie", "håndfuld", "rækker"})
# Time adverbials between a subject and its verb: "Positivprocenten er i uge 38 steget til".
_TIME_BETWEEN = (("i", "år"), ("i", "dag"), ("i", "perioder"), ("i", "uge", None), ("i", "perioden", None), ("i", None))
# Qualifiers a mention's span may leave out, between a verb and the number.
_QUALIFIERS = frozenset({"over", "omkring", "mindst", "cirka", "knap", "godt", "næsten", "op", "mod", "imod"})
_SENTENCE_STARTS = {".", "!", "?", ":", "\n", '"', "”", "“", "•", "-", "–"}
# Endings of Danish inflected adjectives: "militære", "humanitære", "forskellige", "danske", "regionale",
# and of adverbs made from them ("foreløbigt").
# ... and superlatives ("på sit højeste")
_ADJECTIVE_ENDINGS = ("ige", "igt", "iske", "isk", "ske", "ære", "elle", "ede", "ale", "ive", "eret", "este")
# Nouns with those endings (also as the last part of a compound: "kongerige", "ungdomsskole").
_ADJECTIVE_ENDING_NOUNS: tuple[str, ...] = (
    "rige",
    "menneske",
    "flaske",
    "taske",
    "celle",
    "lokale",
    "finale",
    "vrede",
    "ældre",
    "fisk",
    "disk",
)
# Adjectives used as nouns of people: "5 pct. flere ledige", "frivillige".
_ADJECTIVE_ENDING_NOUNS += ("ledige", "frivillige", "værnepligtige", "syge", "sårede", "dræbte", "pårørende")
_NOT_PASSIVES = frozenset({"diabetes", "herpes", "proces", "processes"})
# A past tense in -Cte ends a noun phrase walking left: "Bazoum udtrykte taknemlighed over ..."
_PAST_TENSE = re.compile(r"[bdfgklmprv]te$")
_WINDOW = 240


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def _is_sentence_start(tokens: Sequence[str], i: int) -> bool:
    return i == 0 or tokens[i - 1] in _SENTENCE_STARTS


def _looks_like_passive(lower: str) -> bool:
    """ "udredes", "afsættes": s-passives are verbs, not heads ("fælles" and "diabetes" are not verbs)."""
    return len(lower) >= 7 and lower.endswith("es") and lower.isalpha() and lower not in _NOT_PASSIVES


def _looks_like_adjective(lower: str) -> bool:
    """ "militære", "humanitære", "forskellige": inflected adjectives are never heads."""
    return lower.endswith(_ADJECTIVE_ENDINGS) and not lower.endswith(_ADJECTIVE_ENDING_NOUNS)


def _is_name_part(word: str) -> bool:
    """A capitalised word that is no acronym ("BNP") and no compound of a name and a common noun
    ("Ebola-trustfond", "EU-midlerne"): part of a name, never a head in mid-sentence."""
    if not word[0].isupper() or word.split("-")[0].isupper():
        return False
    return not ("-" in word and word.rpartition("-")[2][:1].islower())


def _is_word_at(tokens: Sequence[str], i: int) -> bool:
    return i < len(tokens) and tokens[i][:1].isalpha()


def _after_genitive_name(tokens: Sequence[str], i: int) -> int | None:
    """Where the words after a name in the genitive begin, if a lower-case word follows it: "Verdensbankens
    Ebola-trustfond", "Dansk Flygtningehjælps sekundering", "WHO’s indsats", "Røde Kors Komités (ICRC)
    indsatser". None for a name that is not a genitive before a noun ("Danmarks Mediemuseum")."""
    j = i
    while j < len(tokens) and j - i < 6 and tokens[j][:1].isupper():
        if tokens[j + 1 : j + 3] in (["’", "s"], ["'", "s"]):
            after = j + 3
        elif tokens[j].endswith("s") and len(tokens[j]) > 2:
            after = j + 1
        else:
            j += 1
            continue
        if tokens[after : after + 1] == ["("] and tokens[after + 2 : after + 3] == [")"]:
            after += 3  # the abbreviation in parentheses
        if _is_word_at(tokens, after) and not _is_name_part(tokens[after]) and not tokens[after].isupper():
            return after
        j += 1
    return None


def _head(tokens: Sequence[str], i: int) -> str | None:
    """tokens[i] if it can be a common noun: a word, not a function word, lower case unless it opens
    a sentence or is an acronym ("BNP"); a capitalised word elsewhere is a name ("Irak")."""
    word = tokens[i]
    lower = word.lower()
    if not word[0].isalpha() or len(word) < 2 or lower in _NOT_HEADS or word.endswith("-"):
        return None
    if not word.rpartition("-")[2].isalpha():
        return None  # "lastbiler4": a word glued to a listing's timestamp; "CO2-udledningen" is fine
    if _looks_like_passive(lower) or _looks_like_adjective(lower):
        return None
    if _is_name_part(word):
        if not _is_sentence_start(tokens, i):
            return None
        if i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
            return None  # "Aalborg Kommune", "Danmarks Mediemuseum": a name, not a noun
    return word


def _is_boundary(tokens: Sequence[str], i: int) -> bool:
    word = tokens[i]
    lower = word.lower()
    if not word[0].isalnum():
        return True
    return (
        lower in DETERMINERS
        or lower in _VERBS
        or lower in _LINK_VERBS
        or lower in _SUBORDINATORS
        or lower in _PRONOUNS
        or _looks_like_passive(lower)
        or (lower.isalpha() and _PAST_TENSE.search(lower) is not None)
    )


def _walk_left(tokens: Sequence[str], end: int) -> int:
    """Index where the words before tokens[end] start: at most 12 back, stopping at a boundary."""
    begin = end
    while begin > 0 and end - begin < 12 and not _is_boundary(tokens, begin - 1):
        begin -= 1
    return begin


def _np_head(
    tokens: Sequence[str], end: int, *, anchored: bool = False, subject: bool = False, reach: bool = False
) -> str | None:
    """Head of the noun phrase that ends right before tokens[end].

    Walk left to a determiner, verb or punctuation. A phrase opened by a determiner or a sentence whose
    words before the first preposition are few ("et kapacitetsopbygningsbidrag i Irak") keeps its first
    noun and drops the prepositional phrases; otherwise the words are a verb's object and the head is the
    noun after "med" ("budgetterer med anlægsinvesteringer" -> anlægsinvesteringer). A preposition right
    before `end` leaves no noun ("slog til på 17 adresser": none).

    `subject` asks for the subject of a verb: it never opens with a preposition ("Ifølge GEUS er").

    `anchored` asks for evidence that the words form a noun phrase of their own: a determiner or a new
    sentence opens it and no preposition is inside ("et rejsehold med", not "har bidraget med").

    A determiner inside a prepositional phrase ("et sæsonkort til alle koncerter for kr. 1.500") lets the
    walk reach the phrase before it for a verb's subject and for a price ("for"), not for a size ("på"):
    "en forventning om et overskud på 17,3 mio. kr." is the surplus's size.
    """
    begin = _walk_left(tokens, end)
    if (
        (subject or reach)
        and begin > 1
        and tokens[begin - 1].lower() in DETERMINERS
        and tokens[begin - 2].lower() in PREPOSITIONS
    ):
        # "et sæsonkort til alle koncerter": the determiner may sit inside a PP; go on if a determiner
        # opens the longer phrase, but not for "der er tale om en hjælpepakke".
        further = _walk_left(tokens, begin - 2)
        opens = further == 0 or tokens[further - 1].lower() in DETERMINERS or tokens[further - 1] in _SENTENCE_STARTS
        # "... 73 procent svarende til et årligt løft på": a participle's phrase is not the subject's
        inside = {t.lower() for t in tokens[further : begin - 2]}
        if opens and further < begin - 2 and not inside & _PARTICIPLES:
            begin = further  # "Gasprisen på det europæiske marked har ligget på"
    if not subject and begin > 0 and tokens[begin - 1].lower() == "at":
        begin += 1  # "at komme med reduktionsforslag": the word after "at" is a verb
    region = list(range(begin, end))
    if not region or tokens[region[-1]].lower() in PREPOSITIONS | _PARTICIPLES:
        return None
    opener = tokens[begin - 1].lower() if begin > 0 else "\n"
    determined = opener in DETERMINERS
    preps = [k for k, i in enumerate(region) if tokens[i].lower() in PREPOSITIONS | _PARTICIPLES]
    if subject and preps and preps[0] == 0:
        return None
    if region and _is_sentence_start(tokens, region[0]) and tokens[region[0]].lower() in _NOT_HEADS:
        region = region[1:]
        preps = [k - 1 for k in preps if k > 0]
    if anchored and (preps or len(region) > 3 or not (determined or opener in _SENTENCE_STARTS)):
        return None
    if preps:
        after_med = tokens[region[preps[-1]]].lower() == "med" and not determined
        if preps[0] == 0:  # "med styrker": the object of a leading preposition is the phrase
            region = region[preps[-1] + 1 :] if len(preps) > 1 else region[1:]
        elif after_med:
            object_head = _head(tokens, region[-1])
            if object_head is not None:
                return object_head  # "budgetterer med anlægsinvesteringer for": a verb's object
            region = region[: preps[0]]
        else:
            before = region[: preps[0]]  # "støtte til Ukraine for", "antallet af henvisninger til X steget"
            head = _head(tokens, before[-1]) if before else None
            after = region[preps[-1] + 1 :]
            if (
                head is None
                and after
                and not subject
                and len(preps) == 1
                and tokens[region[preps[0]]].lower() in PREPOSITIONS
            ):
                return _head(tokens, after[-1])  # "partierne enige om udmøntningen af 846 mio. kr."
            return head
    return _head(tokens, region[-1]) if region else None


def _strip_fillers(tokens: list[str]) -> list[str]:
    for filler in _FILLERS:
        if tuple(w.lower() for w in tokens[-len(filler) :]) == filler:
            return tokens[: -len(filler)]
    return tokens


def subject_before(text: str, start: int, *, keywords: Collection[str] = ("på",), anchored: bool = False) -> str | None:
    """Head noun of the phrase right before a keyword ("på") + the mention starting at `start`.

    `anchored` (for keywords as loose as "med") only accepts a short phrase that opens with a determiner
    or a sentence: "et rejsehold med seks medarbejdere", not "har bidraget med 50 mio. euro".
    """
    tokens = _strip_fillers(_tokens(text[max(0, start - _WINDOW) : start]))
    if not tokens or tokens[-1] not in keywords:
        return None
    return _np_head(tokens, len(tokens) - 1, anchored=anchored, reach=tokens[-1] == "for")


# Nouns of an action done to what is counted: "istandsættelse af ti kirker", "screeningen af 350 stoffer",
# "reduktionen af 100 stillinger". Other nouns before "af" ("i forlængelse af", "præg af") say nothing.
_ACTION_ENDINGS = ("else", "elsen", "elser", "ning", "ningen", "ninger", "ring", "ringen", "tion", "tionen")
_NOT_ACTIONS = frozenset({"forlængelse", "forlængelsen", "betydning", "betydningen", "mening", "meningen"})


def action_of(text: str, start: int) -> str | None:
    """The action noun right before "af" + the count: what is done to the things counted."""
    tokens = _tokens(text[max(0, start - _WINDOW) : start])
    if len(tokens) < 2 or tokens[-1].lower() not in {"af", "de"}:
        return None
    if tokens[-1].lower() == "de":  # "screeningen af de 350 pesticidstoffer"
        tokens = tokens[:-1]
        if len(tokens) < 2 or tokens[-1].lower() != "af":
            return None
    head = _head(tokens, len(tokens) - 2)
    if head is None or not head.lower().endswith(_ACTION_ENDINGS) or head.lower() in _NOT_ACTIONS:
        return None
    return head


def change_subject(text: str, start: int) -> str | None:
    """What a change measures: "en stigning i ledigheden på 3 procent" -> "ledigheden"."""
    tokens = _strip_fillers(_tokens(text[max(0, start - _WINDOW) : start]))
    if len(tokens) < 4 or tokens[-1] != "på":
        return None
    for k in range(len(tokens) - 3, max(0, len(tokens) - 7), -1):
        if tokens[k].lower() in _CHANGE_NOUNS and tokens[k + 1].lower() in {"i", "af"}:
            return _phrase_head(tokens, k + 2)
    return None


def subject_after(text: str, end: int, *, keywords: Collection[str] = ("til",), one_noun: bool = False) -> str | None:
    """Head noun of the phrase after a keyword ("til") that follows the mention ending at `end`.

    Time adverbials in between are skipped: "2-3 mia. kr. frem til 2030 til opkøb af jord" -> "opkøb";
    "til side i en standby-pulje" is an idiom whose "i" phrase is the purpose.
    """
    pos = end
    while m := _TIME_AFTER.match(text, pos):
        pos = m.end()
    tokens = _tokens(text[pos : pos + _WINDOW])
    if tokens[:2] == ["til", "side"]:
        tokens = tokens[2:]
        keywords = ("i",)
    if not tokens or tokens[0].lower() not in keywords:
        return None
    if tokens[0].lower() == "til" and tokens[1:2] == ["at"] and len(tokens) > 3:
        return _phrase_head(tokens, 3)  # "til at få flere varige pasningspladser": the verb's object
    return _phrase_head(tokens, 2 if tokens[1:2] == ["."] else 1, one_noun=one_noun)  # "pr. kommune"


def spend_subject(text: str, start: int, end: int) -> str | None:
    """ "bruge 232 mia. kr. på serviceudgifter" -> "serviceudgifter": only after a verb of spending, since
    "40 mio. kr. på finansloven" names where the money is booked."""
    before = _tokens(text[max(0, start - 40) : start])
    if not before or before[-1].lower() not in _SPEND_VERBS:
        return None
    head = subject_after(text, end, keywords=("på",))
    return None if head is None or head.lower() in _NOT_PURPOSES else head


_PHRASE_DETERMINERS = DETERMINERS | {"al"}
# Words before a phrase's adjectives and head: determiners, "mere", "henholdsvis".
_PHRASE_OPENERS = _PHRASE_DETERMINERS | {"mere", "mindre", "henholdsvis"}
_COUNT_QUALIFIERS = _QUALIFIERS | {"ca"}


def _phrase_head(tokens: Sequence[str], i: int, *, one_noun: bool = False) -> str | None:
    """Head of "(determiners) adjectives noun" starting at tokens[i]: the last word of the run, which
    ends at a function word or after a plural definite noun ("af patienterne udredes")."""
    opened = i
    while i < len(tokens) and tokens[i].lower() in _PHRASE_OPENERS:
        i += 1
    determined = i > opened and tokens[i - 1].lower() in _PHRASE_DETERMINERS
    counted = i
    while i + 1 < len(tokens) and (
        tokens[i].lower() in _COUNT_QUALIFIERS or tokens[i][:1].isdigit() or tokens[i] in {".", ","}
    ):
        i += 1  # "til de ca. 6.100 landmænd", "til 478 projekter": the count inside the phrase
    if i > counted and tokens[i].lower() in _SCALES_AND_UNITS:
        return None  # "fra 2 mio. kr. til 1 mio. kr.": another amount, no phrase
    if i + 1 < len(tokens) and tokens[i].lower() in _QUANTIFIER_NOUNS:
        i += 2 if tokens[i + 1].lower() == "af" else 1  # "en række (af) projekter"
    last: int | None = None
    while i < len(tokens):
        word, lower = tokens[i], tokens[i].lower()
        if word.endswith("-") and i + 2 < len(tokens) and tokens[i + 1].lower() in {"og", "eller"}:
            i += 2  # "natur- og kystprojekter": the head is the last compound
            continue
        if lower in _TIME_AND_IDIOMS:
            return None  # "i de kommende år" is when, not what for
        if word[0].isupper() and (after := _after_genitive_name(tokens, i)) is not None:
            i = after  # a name's genitive stands where a determiner would: "til FN's humanitære landefond"
            continue
        if lower.endswith("s") and lower[:-1] in _TIME_AND_IDIOMS and i + 1 < len(tokens):
            i += 1  # "af årets afsatte midler": a genitive of time is no head
            continue
        if last is None and lower in _ADVERBS and _looks_like_adjective(lower) and _is_word_at(tokens, i + 1):
            i += 1  # "til et særligt løft": an adjective that can also be an adverb, before its noun
            continue
        if not word[0].isalpha() or lower in CLOSED_CLASS or lower in _ADVERBS or _looks_like_passive(lower):
            break
        if _is_name_part(word):
            break
        last = i
        i += 1
        if lower.endswith(("erne", "ene")):
            break
        if one_noun and determined and (not lower.endswith("e") or lower.endswith(("ere", "erne"))):
            break  # "af den danske befolkning ejer", "af alle borgere benyttede": adjectives in -e, then the noun
    if last is None:
        return None
    head = _head(tokens, last)
    if head is not None and head.lower() in _TIL_IDIOMS and i < len(tokens) and tokens[i] in {"for", "af"}:
        return _phrase_head(tokens, i + 1, one_noun=one_noun)  # "til fordel for børnefamilier"
    return head


def _drop_time_adverbial(tokens: list[str]) -> bool:
    """Remove a time adverbial ending the tokens ("i år", "i uge 38", "i 2022"); True if one was."""
    for shape in _TIME_BETWEEN:
        n = len(shape)
        tail = tokens[-n:]
        if len(tail) < n:
            continue
        if all(w is None or t.lower() == w for t, w in zip(tail, shape, strict=True)):
            free = [t for t, w in zip(tail, shape, strict=True) if w is None]
            if all(t[:1].isdigit() for t in free):
                del tokens[-n:]
                return True
    return False


_FROM_LEVEL = re.compile(
    r"\s(?i:fra)\s+[\w.,]+(?:\s+(?i:mio|mia|millioner|milliarder)\.?)?(?:\s+(?i:kr\.|kroner))?\s+(?i:til)\s*$"
)


def verb_subject(text: str, start: int, verbs: Collection[str]) -> str | None:
    """Subject of a verb right before the mention: "NP (der) (aux) (at) VERB (prep) MENTION".

    "Rejseholdet finansieres med 12 mio. kr." -> "Rejseholdet"; "antallet ventes at stige med op mod 15
    procent" -> "antallet"; "forbindelsen, der forventes at koste ..." -> "forbindelsen".
    """
    window = text[max(0, start - _WINDOW) : start]
    if changed := _FROM_LEVEL.search(window):
        window = window[: changed.start()]  # "Bevillingen hæves fra 10 til 15 mio. kr.": past the old level
    tokens = _strip_fillers(_tokens(window))
    while tokens and (tokens[-1].lower() in _QUALIFIERS or [t.lower() for t in tokens[-2:]] == ["ca", "."]):
        del tokens[-2 if tokens[-1] == "." else -1 :]  # a qualifier the span left out: "koster omkring 3,6 mia. kr."
    if tokens and tokens[-1].lower() in {"med", "på", "til", "fra", "af"}:
        tokens.pop()
    elif len(tokens) > 1 and tokens[-1].lower() == "for" and tokens[-2].lower() in {"står", "stod"}:
        tokens.pop()  # "Industrien står for omkring 20 pct.": a share of a whole
    if len(tokens) > 1 and tokens[-1].lower() == "sig" and tokens[-2].lower() == "beløber":
        tokens.pop()
    while tokens and tokens[-1].lower() in _ADVERBS:
        tokens.pop()
    if not tokens or tokens[-1].lower() not in verbs:
        return None
    tokens.pop()
    if tokens and tokens[-1].lower() == "at":
        tokens.pop()
    while tokens:
        if tokens[-1].lower() in _AUXILIARIES or tokens[-1].lower() in _ADVERBS:
            tokens.pop()
        elif not _drop_time_adverbial(tokens):
            break
    if not tokens or tokens[-1].lower() == "og":
        return None  # "inflationen topper i efteråret og falder til": the subject is too far away
    if len(tokens) > 2 and tokens[-1].lower() in {"der", "som"} and tokens[-2] == ",":
        return _head(tokens, len(tokens) - 3)  # "forbindelsen, der forventes at koste"
    return _np_head(tokens, len(tokens), subject=True)


_LABEL_RE = re.compile(r"(?:^|\n)[ \t]*(?:[-–•*][ \t]*)?(\w[\w-]*(?:[ \t]+\w[\w-]*){0,2})[ \t]*:[ \t]*$")


def label_subject(text: str, start: int) -> str | None:
    """The label of a fact-box line: "- Inflation: 7,7 pct." -> "Inflation" (its last word)."""
    m = _LABEL_RE.search(text, max(0, start - 80), start)
    if m is None:
        return None
    word = m.group(1).split()[-1]
    lower = word.lower()
    if lower in _NOT_HEADS or lower in _NOT_LABELS or not word[0].isalpha() or _looks_like_adjective(lower):
        return None
    if lower.endswith(("dt", "et")) and len(lower) > 5:
        return None  # "Strukturfondsprogrammer godkendt: 2,6 mia. kr.": a headline's participle
    return word


# --- the rule set ---------------------------------------------------------------------------------------

Finder = Callable[[str, int, int], "str | None"]


@dataclass(frozen=True)
class Rule:
    """One subject pattern: a readable name, an example, and the function that tries it at a mention
    (text, start, end) and returns the head as written, or None."""

    name: str
    example: str
    find: Finder


@dataclass(frozen=True)
class Subject:
    """A subject found: the head noun as written, its lemma (the `subject` column) and the rule."""

    head: str
    lemma: str
    rule: str


AMOUNT_RULES: tuple[Rule, ...] = (
    Rule("X på N", "en pulje på 40 mio. kr.", lambda t, s, e: subject_before(t, s, keywords=("på", "af", "for"))),
    Rule("N til X", "2 mia. kr. til sygehuse", lambda t, s, e: subject_after(t, e, keywords=("til",))),
    Rule("N i X", "415 mio. kr. i nyt akuthus", lambda t, s, e: subject_after(t, e, keywords=("i",))),
    Rule("N af X", "1 mia. kr. af udviklingsbistanden", lambda t, s, e: subject_after(t, e, keywords=("af",))),
    Rule("bruge N på X", "bruge 232 mia. kr. på serviceudgifter", lambda t, s, e: spend_subject(t, s, e)),
    Rule("X VERB N", "Byggeriet koster 148 mio. kr.", lambda t, s, e: verb_subject(t, s, AMOUNT_VERBS)),
    Rule("N pr. X", "40 mio. kr. pr. kommune", lambda t, s, e: subject_after(t, e, keywords=("pr", "per"))),
    Rule("label: N", "- Tilskud: 3 mio. kr.", lambda t, s, e: label_subject(t, s)),
    Rule("et X med N", "en skolepulje med 500 mio. kr.", lambda t, s, e: _anchored_med(t, s)),
    Rule("VERB X med N", "puljen forhøjes med 50 mio. kr.", lambda t, s, e: inverted_verb_subject(t, s)),
)
# "Antallet af syge faldt til 4 tilfælde" gives a count no subject: "antal" says how much, not whom.
COUNT_RULES: tuple[Rule, ...] = (
    Rule("X på N", "et radarbidrag på op til ca. 30 personer", lambda t, s, e: subject_before(t, s)),
    Rule("X VERB N", "bidraget vil bestå af op til 105 personer", lambda t, s, e: verb_subject(t, s, COUNT_VERBS)),
    Rule("X af N", "istandsættelse af ti kirker", lambda t, s, e: action_of(t, s)),
    Rule("label: N", "- Beskæftigelse: godt 2,9 mio. personer", lambda t, s, e: label_subject(t, s)),
    Rule("et X med N", "et rejsehold med seks medarbejdere", lambda t, s, e: _anchored_med(t, s)),
    Rule("VERB X med N", "udvides direktionen med to nye direktører", lambda t, s, e: inverted_verb_subject(t, s)),
)
PERCENT_RULES: tuple[Rule, ...] = (
    Rule("antallet af X ... N", "Antallet af ulykker faldt med 10 procent", lambda t, s, e: measure_noun_subject(t, s)),
    Rule("X VERB N", "ledigheden faldt med 2,7 procent", lambda t, s, e: verb_subject(t, s, CHANGE_VERBS)),
    Rule("stigning i X på N", "en stigning i ledigheden på 3 procent", lambda t, s, e: change_subject(t, s)),
    Rule("X på N", "en tilbagegang på 13 pct.", lambda t, s, e: subject_before(t, s)),
    Rule("label: N", "- Inflation: 7,7 pct.", lambda t, s, e: label_subject(t, s)),
    Rule("X med N", "reducere udledningen med 70 pct.", lambda t, s, e: subject_before(t, s, keywords=("med",))),
    Rule("N flere X", "5 pct. flere ledige", lambda t, s, e: subject_after(t, e, keywords=("flere", "færre"))),
    Rule("N af X", "90 procent af patienterne", lambda t, s, e: _share_of(t, e)),
)


# "Antallet af X", "andelen af X": the noun a sentence's figure measures, whatever stands in between.
_MEASURE_NOUN_RE = re.compile(
    r"(?<!\w)(?:(?i:antallet|andelen|antal|andel|procentdelen)\s+af(?!\w)|Antal(?=\s+[a-zæøå]))"
)  # "Antallet af X", "Antal solgte rejser er 2 procent lavere"
_SENTENCE_END_RE = re.compile(r"[.!?:\n](?=\s|$)")
_OTHER_PERCENT_RE = re.compile(r"%|(?<!\w)(?i:procent|pct)(?!\w)")


def measure_noun_subject(text: str, start: int) -> str | None:
    """ "Antallet af PCR-tests ... er steget med 8 %": "antallet" (or "andelen") earlier in the sentence of the
    mention is what it measures, unless another percentage stands between them (then that one is its)."""
    window_start = max(0, start - _WINDOW * 2)
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(text, window_start, start)]
    sentence_start = ends[-1] if ends else window_start
    found = list(_MEASURE_NOUN_RE.finditer(text, sentence_start, start))
    if not found:
        return None
    noun = found[-1]
    if _OTHER_PERCENT_RE.search(text, noun.end(), start):
        return None
    return noun.group(0).split()[0]


def _share_of(text: str, end: int) -> str | None:
    """ "90 procent af patienterne" -> "patienterne"; a base is no subject: "0,7 pct. af BNI" -> None."""
    head = subject_after(text, end, keywords=("af",), one_noun=True)
    return None if head is None or head.lower() in _PERCENT_BASES else head


def _anchored_med(text: str, start: int) -> str | None:
    return subject_before(text, start, keywords=("med",), anchored=True)


_NOT_INVERTING = _AUXILIARIES | {"er", "var", "være", "blive", "bliver", "blev"}
_INVERTING_VERBS = AMOUNT_VERBS | CHANGE_VERBS | _RAISE_VERBS


def inverted_verb_subject(text: str, start: int) -> str | None:
    """ "udvides direktionen med to nye direktører" -> "direktionen": a verb of change or money (or an
    s-passive) before a short noun phrase and "med" (or "fra": "reduceres den samlede folioramme fra 63 mia.
    kr. til 32 mia. kr.", both levels); never after an auxiliary ("har bidraget med"). A subject pronoun and
    adverbs may stand between the verb and the phrase ("øger vi også mediestøtten med"), a name's genitive
    and a coordinated compound inside it ("støtter Danmark WHO’s krisefond med", "løftes børne- og
    skoleområdet med")."""
    window = text[max(0, start - _WINDOW) : start]
    if changed := _FROM_LEVEL.search(window):
        window = window[: changed.start()] + " fra "  # the second level: "fra 63 mia. kr. til [32 mia. kr.]"
    tokens = _strip_fillers(_tokens(window))
    if len(tokens) < 3 or tokens[-1].lower() not in {"med", "fra"}:
        return None
    k = len(tokens) - 1
    begin = k
    while begin > 0 and k - begin < 5:
        word = tokens[begin - 1]
        lower = word.lower()
        if word in {"’", "'"} or (lower == "s" and begin > 1 and tokens[begin - 2] in {"’", "'"}):
            begin -= 1  # "WHO’s krisefond"
            continue
        if lower == "og" and begin > 1 and tokens[begin - 2].endswith("-"):
            begin -= 1  # "børne- og skoleområdet"
            continue
        if (
            not word[0].isalpha()
            or lower in CLOSED_CLASS - DETERMINERS
            or lower in _ADVERBS
            or _looks_like_passive(lower)
        ):
            break
        begin -= 1
    if begin == k or begin == 0:
        return None
    v = begin - 1
    while v > 0 and (tokens[v].lower() in _ADVERBS or tokens[v].lower() in _SUBJECT_PRONOUNS):
        v -= 1  # "øger vi også mediestøtten med"
    verb = tokens[v].lower()
    if verb in _NOT_INVERTING or not (_looks_like_passive(verb) or verb in _INVERTING_VERBS):
        return None
    if any(t.lower() in DETERMINERS for t in tokens[begin + 1 : k]):
        return None  # a determiner can only open the phrase
    return _head(tokens, k - 1)


def subject_lemma(head: str) -> str:
    """The `subject` column for a head noun: its lemma, lower case, but a prefix before a hyphen keeps its
    case ("CO2-udledningen" -> "CO2-udledning") and an acronym stays one ("BNP")."""
    if head.isupper():
        return head
    prefix, dash, last = head.rpartition("-")
    lemma = noun_lemma(last)
    return f"{prefix}{dash}{lemma}" if prefix and prefix.isupper() else noun_lemma(head)


def find_subject(
    rules: Sequence[Rule],
    text: str,
    start: int,
    end: int,
    *,
    unit_words: Collection[str] = (),
    never: Collection[str] = (),
) -> Subject | None:
    """The first rule's head that is not one of `unit_words` (a count's unit noun and lemma: "op til 40
    soldater" is not a subject of its own); a head whose lemma is in `never` gives no subject."""
    units = {u.lower() for u in unit_words}
    for rule in rules:
        head = rule.find(text, start, end)
        if head is None:
            continue
        lemma = subject_lemma(head)
        if head.lower() in units or lemma.lower() in units or lemma.lower() in never:
            return None
        return Subject(head, lemma, rule.name)
    return None


def amount_subject(text: str, start: int, end: int) -> Subject | None:
    """What the money of text[start:end] is for (AMOUNT_RULES)."""
    return find_subject(AMOUNT_RULES, text, start, end)


def count_subject(text: str, start: int, end: int, unit_words: Collection[str] = ()) -> Subject | None:
    """Whom or what the count of text[start:end] belongs to (COUNT_RULES); never its unit."""
    return find_subject(COUNT_RULES, text, start, end, unit_words=unit_words, never=_NOT_SUBJECTS)


_PERCENT_WORDS = ("procent", "procentpoint", "pct", "pct.", "%")


def percent_subject(text: str, start: int, end: int) -> Subject | None:
    """What the percentage of text[start:end] measures (PERCENT_RULES); never "procent" itself."""
    return find_subject(PERCENT_RULES, text, start, end, unit_words=_PERCENT_WORDS)


# --- the lenient match of extract evaluate --------------------------------------------------------------


def _head_forms(subject: str) -> set[str]:
    """The head noun of a subject as written and as its lemma, lower case: "Bidraget" -> {"bidraget", "bidrag"}."""
    words = subject.split()
    if not words:
        return set()
    word = words[-1].lower()
    forms = {word, noun_lemma(word)}
    for mark in ("’", "'"):
        if mark in word:
            forms.add(word.split(mark, 1)[0])  # "VUC’er" ~ "VUC"
    return forms


def same_head(a: str, b: str) -> bool:
    """Whether two subjects name the same head noun, leniently: equal lemmas ("Bidraget" ~ "bidrag"), or
    one a compound ending in the other ("stabiliseringsprogram" ~ "programmet", "BNP-vækst" ~ "vækst").

    The shorter form must keep 3 letters and leave at least 2 for the compound's first part, so that
    "er" never matches "soldater". A subject of several words ("Danmarks Mediemuseum") is matched by
    its last.
    """
    for x in _head_forms(a):
        for y in _head_forms(b):
            short, long_ = sorted((x, y), key=len)
            if x == y or (len(short) >= 3 and len(long_) - len(short) >= 2 and long_.endswith(short)):
                return True
    return False
