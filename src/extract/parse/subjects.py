"""Which noun an amount or a count belongs to, found by patterns around the mention.

Pure functions over the text and the mention's offsets, no spaCy: a blank Danish pipeline has no
tagger or parser, so these are word-list heuristics for the shapes press releases use
(corpus/ANNOTATION.md, "subject"). Each function tries one shape and returns None when it does not fit,
so a component can try them in its own order:

- `subject_before`: "NP på MENTION" — "det nye regionale stabiliseringsprogram for Syrien og Irak på cirka
  332,5 millioner kroner" -> "stabiliseringsprogram" (the head before any prepositional phrase);
- `subject_after`: "MENTION til NP" — "afsætter 2 mia. kr. til sygehuse" -> "sygehuse";
- `verb_subject`: "NP VERB (prep) MENTION" — "ledigheden faldt med 2,7 procent" -> "ledigheden",
  "forbindelsen, der forventes at koste 2 mia. kr." -> "forbindelsen";
- `label_subject`: "- Inflation: 7,7 pct." in fact boxes -> "Inflation".

Subjects are returned in the form written ("Bidraget" stays capitalised when it starts a sentence).
"""

from __future__ import annotations

import re
from collections.abc import Collection

__all__ = [
    "AMOUNT_VERBS",
    "CHANGE_VERBS",
    "CLOSED_CLASS",
    "COUNT_VERBS",
    "DETERMINERS",
    "PREPOSITIONS",
    "label_subject",
    "subject_after",
    "subject_before",
    "verb_subject",
]

_TOKEN_RE = re.compile(r"\n|\w+(?:-\w+)*-?|[^\w\s]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DETERMINERS = _words(
    """en et den det de denne dette disse sin sit sine min mit mine din dit dine vores jeres deres hans hendes
    dens dets hver hvert ingen intet nogle nogen flere færre mange alle begge samme anden andet andre enkelte"""
)
PREPOSITIONS = _words(
    """for til i af med mod imod fra om ved under efter over hos inden uden gennem igennem mellem blandt bag
    foran omkring per pr via på"""
)
# Present participles that open a post-modifier like a preposition does ("et bidrag omfattende ...").
_PARTICIPLES = _words("omfattende bestående indeholdende vedrørende inklusive inkl gældende")
# Finite verbs and auxiliaries frequent in releases; they end a noun phrase when walking left.
_VERBS = _words(
    """er var være bliver blev blive har havde have vil ville skal skulle kan kunne må måtte får fik få
    giver gav gives givet afsætter afsættes afsat afsatte bevilger bevilges bevilget bevilgede sender sendes
    sendt udsender udsendes udsendt består bestod omfatter omfattede yder ydes ydet tilfører tilføres
    modtager modtog modtages etablerer etableres etableret opretter oprettes oprettet lancerer lanceres
    lanceret indeholder rummer bidrager bidrog støtter støttes investerer investeres koster kostede
    udgør udgjorde ligger lå ligget viser viste tæller talte ventes forventes forventer fået haft været
    gjort sat lavet taget brugt deltaget stillet fordelt uddelt modtaget indgået besluttet vedtaget indført
    kommer kom går gik gør gjorde tager tog står stod ser så siger sagde mener mente søger søgte arbejder
    arbejdede bor boede venter ventede mangler manglede bruger brugte skaber skabte"""
)
_SUBORDINATORS = _words("som der hvor hvis når at fordi mens men samt eller både hvoraf")
_PRONOUNS = _words("jeg du han hun vi de man den det dem os sig mig dig ham hende")
_ADVERBS = _words(
    """også nu dermed hermed derfor således igen yderligere kun blot bl bla ca alt samlet ekstra hele allerede
    endnu næsten mere mindre desuden samtidig herunder heraf senest fortsat stadig årligt dog dels ind ud op
    ned hjem frem tilbage væk"""
)
# Words of time and idioms that look like nouns but never are what money or a count is for.
_TIME_AND_IDIOMS = _words(
    """januar februar marts april maj juni juli august september oktober november december mandag tirsdag
    onsdag torsdag fredag lørdag søndag år året årene dag dagen dage uge ugen uger måned måneden måneder
    kvartal kvartalet halvår halvåret periode perioden perioder gang gange tid tiden løbet stedet forhold
    forbindelse alt stede"""
)
# Words that are never part of a noun phrase's adjectives or head (adverbs aside: "20 ekstra betjente").
CLOSED_CLASS = DETERMINERS | PREPOSITIONS | _PARTICIPLES | _VERBS | _SUBORDINATORS | _PRONOUNS
CLOSED_CLASS |= _TIME_AND_IDIOMS | frozenset({"og"})
_NOT_HEADS = CLOSED_CLASS | _ADVERBS
# Between a keyword and the mention: "en pulje på i alt 40 mio. kr.".
_FILLERS = (("i", "alt"), ("samlet", "set"), ("samlet",), ("yderligere",), ("ekstra",), ("hele",))
# "til fordel for NP": the subject is after the idiom.
_TIL_IDIOMS = _words("fordel gavn brug")
# Adverbials that may stand between a mention and "til NP": "2-3 mia. kr. frem til 2030 til opkøb".
_TIME_AFTER = re.compile(
    r"\s*(?:,\s*)?(?i:frem\s+til\s+(?:og\s+med\s+)?\d{4}|i\s+(?:år|alt|\d{4}(?:\s*[-–]\s*\d{4})?)"
    r"|(?:om|pr\.?)\s+(?:året|måneden|år|måned)|årligt|ekstra|yderligere|hvert\s+år|i\s+udsigt)(?!\w)"
)
_SENTENCE_STARTS = {".", "!", "?", ":", "\n", '"', "”", "“", "•", "-", "–"}

# Verbs linking a subject to money: "Byggeriet koster 148 mio. kr.", "puljen bliver udvidet med 95 mio. kr.".
AMOUNT_VERBS = _words(
    """koster kostede koste kostet udgør udgjorde udgøre finansieres finansieret finansiere opgjort opgøres
    udvides udvidet udvide øges øget forhøjes forhøjet hæves hævet reduceres reduceret beskæres beskåret
    stiger steg steget stige falder faldt faldet falde blive bliver blev er var ligger lå får få fik
    modtager modtog beløber"""
)
# Verbs of change and level for percentages: "ledigheden faldt med", "er steget med", "ligger på".
CHANGE_VERBS = _words(
    """steg stiger stige steget faldt falder falde faldet er var ligger lå udgør udgjorde udgøre øges øgedes
    øget forøges forøget reduceres reduceret reduceredes vokser voksede vokset mindskes mindsket blive
    bliver blev opgjort opgøres"""
)
# Verbs linking a unit to the counts it consists of: "Kampgruppen tæller i alt omkring 1.200 soldater".
COUNT_VERBS = _words("tæller talte består bestod omfatter omfattede udgør udgjorde")
_AUXILIARIES = _words("er var blev bliver har havde vil ventes forventes skal kan kunne må")
# The verbs above are never heads either, and end a noun phrase when walking left.
_LINK_VERBS = AMOUNT_VERBS | CHANGE_VERBS | COUNT_VERBS
CLOSED_CLASS |= _LINK_VERBS
_NOT_HEADS |= _LINK_VERBS
_WINDOW = 240


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def _is_sentence_start(tokens: list[str], i: int) -> bool:
    return i == 0 or tokens[i - 1] in _SENTENCE_STARTS


_NOT_PASSIVES = _words("diabetes herpes proces processes")


def _looks_like_passive(lower: str) -> bool:
    """ "udredes", "afsættes": s-passives are verbs, not heads ("fælles" and "diabetes" are not verbs)."""
    return len(lower) >= 7 and lower.endswith("es") and lower.isalpha() and lower not in _NOT_PASSIVES


def _head(tokens: list[str], i: int) -> str | None:
    """tokens[i] if it can be a common noun: a word, not a function word, lower case unless it opens
    a sentence or is an acronym ("BNP"); a capitalised word elsewhere is a name ("Irak")."""
    word = tokens[i]
    lower = word.lower()
    if not word[0].isalpha() or len(word) < 2 or lower in _NOT_HEADS or word.endswith("-"):
        return None
    if _looks_like_passive(lower):
        return None
    if word[0].isupper() and not (_is_sentence_start(tokens, i) or word.split("-")[0].isupper()):
        return None
    return word


def _is_boundary(tokens: list[str], i: int) -> bool:
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
    )


def _walk_left(tokens: list[str], end: int) -> int:
    """Index where the words before tokens[end] start: at most 12 back, stopping at a boundary."""
    begin = end
    while begin > 0 and end - begin < 12 and not _is_boundary(tokens, begin - 1):
        begin -= 1
    return begin


def _np_head(tokens: list[str], end: int, *, anchored: bool = False) -> str | None:
    """Head of the noun phrase that ends right before tokens[end]: walk left to a determiner, verb or
    punctuation, then strip post-modifiers from the right ("program for Syrien og Irak" -> "program").

    `anchored` asks for evidence that the words form a noun phrase of their own: it must open with a
    determiner, a preposition or a new sentence ("et rejsehold med", not "har bidraget med").
    """
    begin = _walk_left(tokens, end)
    if begin > 1 and tokens[begin - 1].lower() in DETERMINERS and tokens[begin - 2].lower() in PREPOSITIONS:
        # "et sæsonkort til alle koncerter": the determiner may sit inside a PP; go on if a determiner
        # opens the longer phrase, but not for "der er tale om en hjælpepakke".
        further = _walk_left(tokens, begin - 2)
        if further > 0 and tokens[further - 1].lower() in DETERMINERS and further < begin - 2:
            begin = further
    region = list(range(begin, end))
    if anchored and region:
        opener = tokens[begin - 1].lower() if begin > 0 else "\n"
        if not (opener in DETERMINERS or opener in _SENTENCE_STARTS or tokens[begin].lower() in PREPOSITIONS):
            return None
    if region and _is_sentence_start(tokens, region[0]) and tokens[region[0]].lower() in _NOT_HEADS:
        region = region[1:]
    while region:
        preps = [k for k, i in enumerate(region) if tokens[i].lower() in PREPOSITIONS | _PARTICIPLES]
        if not preps:
            break
        if preps[-1] == 0:  # "med styrker": the object of a leading preposition is the phrase
            region = region[1:]
            break
        region = region[: preps[-1]]
    return _head(tokens, region[-1]) if region else None


def _strip_fillers(tokens: list[str]) -> list[str]:
    for filler in _FILLERS:
        if tuple(w.lower() for w in tokens[-len(filler) :]) == filler:
            return tokens[: -len(filler)]
    return tokens


def subject_before(text: str, start: int, *, keywords: Collection[str] = ("på",), anchored: bool = False) -> str | None:
    """Head noun of the phrase right before a keyword ("på") + the mention starting at `start`.

    `anchored` (for keywords as loose as "med") only accepts a phrase that opens with a determiner,
    a preposition or a sentence: "et rejsehold med seks medarbejdere", not "har bidraget med 50 mio. euro".
    """
    tokens = _strip_fillers(_tokens(text[max(0, start - _WINDOW) : start]))
    if not tokens or tokens[-1] not in keywords:
        return None
    return _np_head(tokens, len(tokens) - 1, anchored=anchored)


def subject_after(text: str, end: int, *, keywords: Collection[str] = ("til",)) -> str | None:
    """Head noun of the phrase after a keyword ("til") that follows the mention ending at `end`.

    Time adverbials in between are skipped: "2-3 mia. kr. frem til 2030 til opkøb af jord" -> "opkøb".
    """
    pos = end
    while m := _TIME_AFTER.match(text, pos):
        pos = m.end()
    tokens = _tokens(text[pos : pos + _WINDOW])
    if not tokens or tokens[0].lower() not in keywords:
        return None
    return _phrase_head(tokens, 2 if tokens[1:2] == ["."] else 1)  # "pr. kommune"


def _phrase_head(tokens: list[str], i: int) -> str | None:
    """Head of "(determiners) adjectives noun" starting at tokens[i]: the last word of the run, which
    ends at a function word or after a plural definite noun ("af patienterne udredes")."""
    while i < len(tokens) and tokens[i].lower() in DETERMINERS | {"mere", "mindre"}:
        i += 1
    last: int | None = None
    while i < len(tokens):
        word, lower = tokens[i], tokens[i].lower()
        if lower in _TIME_AND_IDIOMS:
            return None  # "i de kommende år" is when, not what for
        if not word[0].isalpha() or lower in CLOSED_CLASS or lower in _ADVERBS or _looks_like_passive(lower):
            break
        if word[0].isupper() and not word.split("-")[0].isupper():
            break
        last = i
        i += 1
        if lower.endswith(("erne", "ene")):
            break
    if last is None:
        return None
    head = _head(tokens, last)
    if head is not None and head.lower() in _TIL_IDIOMS and i < len(tokens) and tokens[i] in {"for", "af"}:
        return _phrase_head(tokens, i + 1)  # "til fordel for børnefamilier"
    return head


def verb_subject(text: str, start: int, verbs: Collection[str]) -> str | None:
    """Subject of a verb right before the mention: "NP (der) (aux) (at) VERB (prep) MENTION".

    "Rejseholdet finansieres med 12 mio. kr." -> "Rejseholdet"; "antallet ventes at stige med op mod 15
    procent" -> "antallet"; "forbindelsen, der forventes at koste ..." -> "forbindelsen".
    """
    tokens = _strip_fillers(_tokens(text[max(0, start - _WINDOW) : start]))
    if tokens and tokens[-1].lower() in {"med", "på", "til", "fra", "af"}:
        tokens.pop()
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
        elif len(tokens) > 1 and tokens[-2].lower() == "i" and tokens[-1].lower() in {"år", "dag"}:
            del tokens[-2:]  # "ventes i år at udgøre"
        else:
            break
    if not tokens or tokens[-1].lower() == "og":
        return None  # "inflationen topper i efteråret og falder til": the subject is too far away
    if len(tokens) > 2 and tokens[-1].lower() in {"der", "som"} and tokens[-2] == ",":
        return _head(tokens, len(tokens) - 3)  # "forbindelsen, der forventes at koste"
    return _np_head(tokens, len(tokens))


_LABEL_RE = re.compile(r"(?:^|\n)[ \t]*(?:[-–•*][ \t]*)?(\w[\w-]*(?:[ \t]+\w[\w-]*){0,2})[ \t]*:[ \t]*$")


def label_subject(text: str, start: int) -> str | None:
    """The label of a fact-box line: "- Inflation: 7,7 pct." -> "Inflation" (its last word)."""
    m = _LABEL_RE.search(text, max(0, start - 80), start)
    if m is None:
        return None
    word = m.group(1).split()[-1]
    return None if word.lower() in _NOT_HEADS or not word[0].isalpha() else word
