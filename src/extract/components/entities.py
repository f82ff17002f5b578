"""Resolve candidate spans into `doc.ents`: the one tested step that decides what is an entity.

Candidates come from the gazetteer (`doc.spans["gazetteer"]`) and the person finder
(`doc.spans["persons"]`). Rules, in order:
1. a place name that is also a Danish word or name ("Greve", "Holm", "Rom", "Nice") is a CITY only with
   evidence: a locative word before it ("i Rom", "fra Greve") or a country after it ("Nice, Frankrig");
2. overlaps go to the longest span ("Aarhus Universitet" beats "Aarhus"; "Anders Holm" beats "Holm"),
   then to PERSON > ORG > COUNTRY > CITY, then to a known name over a pattern match.
Each entity gets `id_` = canonical name (ISO code for countries), `kb_id_` = GeoNames id / ISO code, and an
entry in `doc._.ent_extra` with the end of the name without a genitive ending and a city's country.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import ORTH, SUFFIX
from spacy.lang.da import Danish
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract.components.ministers import PARTY_LETTERS, STREET_WORDS
from extract.extensions import doc_text, register_extensions
from extract.resources import city_records, party_letters, word_list
from extract.rule_ids import ANY_KEY, RuleId, parse_rule_id, strip_genitive

LOCATIVES = frozenset(
    "i fra til ved nær mod omkring gennem via udenfor indenfor nordfor sydfor byen hovedstaden havnebyen "
    "kommunen nord syd øst vest bl.a. besøg besøget besøger besøgte gæster gæstede rejser rejste ankom".split()
)
SENTENCE_ENDS = frozenset('. ! ? : " “ ” « » - – —'.split())


def starts_sentence(doc: Doc, i: int) -> bool:
    """True for the first word of the text, of a line, or after a sentence-ending mark."""
    if i == 0:
        return True
    prev = doc[i - 1]
    return prev.is_space or "\n" in prev.whitespace_ or prev.text in SENTENCE_ENDS


LABEL_PRIORITY = {"PERSON": 4, "ORG": 3, "COUNTRY": 2, "CITY": 1, "LOC": 0}

# Buildings and sites named after their town: "Hillerød Stadion", "Svendborg Havn", "Frederiksberg Slot" (the
# town inside such a name is no CITY mention; ANNOTATION.md: a place inside a name belongs to the name).
FACILITIES = frozenset(
    "Havn Rådhus Stadion Slot Station Banegård Hovedbanegård Domkirke Kaserne Arena Bugt bugt Fjord fjord "
    "Skov Plantage Hede Strand Sø".split()  # "Oksbøl Skov": a forest named after the town
)
# "Hjemmeværnets Årsberetning 2020" is a document of the organisation, not a part of it.
DOCUMENT_NOUNS = word_list("document_nouns.txt")
# Nor an event named after it: "Forsvarets Dag", "Folkemødets Uge".
EVENT_NOUNS = frozenset({"dag", "dage", "uge", "døgn", "konference", "topmøde", "festival", "kongres"})
# After an organisation's genitive, nouns that make no part of it.
NOT_PARTS_AFTER_GENITIVE = DOCUMENT_NOUNS | EVENT_NOUNS
# Words after an organisation's name that name a regional branch of it: "Beredskabsstyrelsen Sjælland".
REGIONAL_BRANCHES = frozenset(
    "Nord Syd Øst Vest Midt Nordvest Sydvest Nordøst Sydøst Sjælland Fyn Jylland Nordjylland Midtjylland "
    "Sydjylland Sønderjylland Østjylland Vestjylland Bornholm Hovedstaden Storkøbenhavn Lolland-Falster "
    "Nordsjælland Sydsjælland Vestsjælland Østsjælland Midtsjælland".split()
)
# The last word of a street name ("Gade" too: after a place it is no surname).
STREETS = STREET_WORDS | {"Gade"}
# After a town, the words that make it part of another name (a street, a building, a bay).
NOT_A_TOWN_AFTER = STREETS | FACILITIES
# Company forms after a name: the name alone is the company too.
COMPANY_FORMS = frozenset({"A/S", "ApS", "I/S", "P/S", "K/S", "a.m.b.a.", "amba", "A.M.B.A."})
# Last words of a municipality's administrations ("Teknik- og Miljøforvaltningen").
DEPARTMENT_ENDINGS = ("forvaltningen", "forvaltning")
# "KL. 13.00" in a heading written in capitals is the clock, not Kommunernes Landsforening.
CLOCK_AFTER = re.compile(r"\.[^\S\n]*\d{1,2}[.:]\d\d")
ABBREVIATION = re.compile(r"^[A-ZÆØÅ][A-ZÆØÅ0-9&-]{1,7}$")


_CAPITALISED_COMPOUND = re.compile(r"[A-ZÆØÅ][A-ZÆØÅa-zæøå]*-[A-ZÆØÅ][a-zæøå]+")


def _follows_name(doc: Doc, i: int, taken: set[int]) -> bool:
    """Token i continues a name: a capitalised word, not a genitive, in no candidate span of its own."""
    if i >= len(doc) or i in taken or not doc[i - 1].whitespace_:
        return False
    tok = doc[i]
    text = tok.text
    # "Region Hovedstadens AMK-Vagtcentral": a compound of an abbreviation and a capitalised noun too
    word = tok.is_alpha and tok.is_title or _CAPITALISED_COMPOUND.fullmatch(text) is not None
    return word and len(text) > 1 and not text.endswith("s")


def _is_genitive_word(tok: Token) -> bool:
    return tok.is_title and tok.is_alpha and len(tok.text) > 2 and tok.text.endswith("s")


def _genitive_before_name(doc: Doc, span: Span, starts: set[int]) -> bool:
    """ "Københavns Vestegn", "Københavns Frihavn": a town's genitive before a capitalised word on the same
    line that is no entity of its own names another place or a part of the town, not the town."""
    if span.end >= len(doc) or span.end in starts:
        return False
    gap, nxt = doc[span.end - 1].whitespace_, doc[span.end]
    return bool(gap) and "\n" not in gap and nxt.is_alpha and nxt.is_title and len(nxt.text) > 1


# A page's language switch, "DA / EN": layout chrome, not Dansk Arbejdsgiverforening.
_LANGUAGE_SWITCH = re.compile(r"(?:DA|EN|DE)[^\S\n]*[/|][^\S\n]*(?:DA|EN|DE)(?!\w)")


def _language_switch(doc: Doc, span: Span) -> bool:
    if len(span.text) != 2:
        return False
    text = doc_text(doc)
    window = _LANGUAGE_SWITCH.finditer(text, max(0, span.start_char - 8), span.end_char + 8)
    return any(m.start() <= span.start_char < m.end() for m in window)


def _names_an_event(doc: Doc, span: Span) -> bool:
    """An organisation's genitive before a capitalised event noun: "Forsvarets Dag", "Folkemødets Uge"."""
    if span.end >= len(doc) or not doc[span.end - 1].whitespace_:
        return False
    nxt = doc[span.end]
    return nxt.is_title and nxt.lower_ in EVENT_NOUNS


def _is_party_letter(doc: Doc, span: Span) -> bool:
    """ "Anna Touborg (SF)": a party's letters in parentheses after a name are no entity (ANNOTATION.md)."""
    return (
        len(span) == 1
        and span.text in PARTY_LETTERS
        and span.start >= 2
        and span.end < len(doc)
        and doc[span.start - 1].text == "("
        and doc[span.end].text == ")"
        and doc[span.start - 2].is_title
    )


def party_letter_lists(doc: Doc) -> list[Span]:
    """ "Forligspartierne (S, DF, V, LA, RV og K)": in a parenthesised list of two or more party letters
    each letter names its party, the single letters too (alone they are too ambiguous to trust)."""
    parties = party_letters()
    n = len(doc)
    found: list[Span] = []
    for i in _token_positions(doc, ("(",)):
        letters: list[int] = []
        k = i + 1
        while k < n and doc[k].text in parties:
            letters.append(k)
            k += 1
            j = k
            while j < n and doc[j].text in {",", "og"} and j - k < 2:  # ", ", " og ", ", og "
                j += 1
            if j == k or j >= n or doc[j].text not in parties:
                break
            k = j
        if len(letters) < 2 or k >= n or doc[k].text != ")":
            continue
        # "(A, B og C)" lists figures, unless a party's abbreviation or the word is there: "partierne (V, K og I)"
        before = doc_text(doc)[max(0, doc[i].idx - 80) : doc[i].idx].lower()
        if any(len(doc[j]) > 1 for j in letters) or "parti" in before or "forlig" in before:
            found += [Span(doc, j, j + 1, label="ORG", span_id=str(RuleId(parties[doc[j].text]))) for j in letters]
    return found


def drop_joined_names(spans: list[Span]) -> list[Span]:
    """Drop a name pattern joined with "og"/"&" that is two names rather than one.

    "Vind og Velfærd K/S" is one company; "Energistyrelsen og Ørsted A/S" is two organisations (its
    first word is a candidate of its own), and so is "Styrelsen for Patientsikkerhed og Klagenævnet for
    Udbud" (a candidate starts inside the joined name and ends after it) or "Styrelsen for Patientsikkerhed
    og Fødevarestyrelsen" (a known name follows the last "og").
    """
    one_word = {s.start for s in spans if len(s) == 1}
    reach: dict[int, int] = {}  # token -> the furthest end of a candidate starting there
    known_reach: dict[int, int] = {}  # the same for names the gazetteer knows ("Fødevarestyrelsen")
    for s in spans:
        reach[s.start] = max(reach.get(s.start, 0), s.end)
        if s.label_ == "ORG" and parse_rule_id(s.id_).key != ANY_KEY:
            known_reach[s.start] = max(known_reach.get(s.start, 0), s.end)

    def joined_two(s: Span) -> bool:
        if s.label_ != "ORG" or parse_rule_id(s.id_).key != ANY_KEY or len(s) < 3:
            return False
        joins = [t.i for t in s[1:-1] if t.text in {"og", "&"}]
        if not joins:
            return False
        if s[1].text in {"og", "&"} and s.start in one_word:
            return True
        # "Styrelsen for Patientsikkerhed og Fødevarestyrelsen" ("By-, Land- og Kirkeministeriet" is one)
        if known_reach.get(joins[-1] + 1, 0) >= s.end and not s.doc[joins[-1] - 1].text.endswith("-"):
            return True
        return any(reach.get(i, 0) > s.end for i in range(joins[0] + 1, s.end))

    return [s for s in spans if not joined_two(s)]


def _is_department(span: Span) -> bool:
    """An administration of a municipality or region: "Beskæftigelses- og Integrationsforvaltningen"."""
    return span.label_ == "ORG" and span[-1].lower_.endswith(DEPARTMENT_ENDINGS)


def _municipality_as_place(doc: Doc, span: Span, rid: RuleId) -> bool:
    """A municipality's bare name ("Rudersdal" for Rudersdal Kommune) after "i"/"ved": the place."""
    return (
        len(span) == 1
        and rid.key == f"{strip_genitive(span.text)} Kommune"
        and span.start > 0
        and doc[span.start - 1].lower_ in {"i", "ved"}
    )


_DEFINITE_ENDINGS = ("erne", "ene", "en", "et", "n", "t")


def _written_lower_case(text: str, word: str) -> bool:
    """The word (without its definite ending) is written in lower case elsewhere in the text: it is a
    common noun, not a name ("krisefond" ... "Krisefonden")."""
    stem = word.lower()
    for ending in _DEFINITE_ENDINGS:
        if stem.endswith(ending) and len(stem) - len(ending) >= 5:
            stem = stem[: -len(ending)]
            break
    return re.search(rf"(?<![\w-]){re.escape(stem)}", text) is not None


ARTICLES = frozenset({"Den", "Det", "De"})


def _article_before(doc: Doc, span: Span) -> bool:
    """A capitalised article inside a sentence right before a name opens it: "for Den Danske Kampgruppe"
    (at a sentence start "Den" is any sentence's first word)."""
    k = span.start - 1
    return (
        k >= 1
        and doc[k].text in ARTICLES
        and doc[k].whitespace_ == " "
        and span[0].text[:1].isupper()
        and not starts_sentence(doc, k)
    )


def extend_org_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names built on an organisation's name: its genitive + a capitalised noun ("Miljøstyrelsens
    Kemikalieinspektion", "Regionsrådets Forretningsudvalg", "Region Hovedstadens Psykiatri"), its
    regional branches ("Beredskabsstyrelsen Sjælland") and a municipality's administration written after
    it on the same line ("Københavns Kommune Beskæftigelses- og Integrationsforvaltningen"). The whole is
    one organisation, named as written."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    departments: dict[int, int] = {}  # start -> end of the longest department span starting there
    for s in spans:
        if _is_department(s):
            departments[s.start] = max(departments.get(s.start, 0), s.end)
    out = list(spans)
    for span in spans:
        if span.label_ != "ORG":
            continue
        if _article_before(doc, span):  # "chef for Den Danske Kampgruppe": the article is the name's
            out.append(Span(doc, span.start - 1, span.end, label="ORG", span_id=span.id_))
        if span.end >= len(doc):
            continue
        rid = parse_rule_id(span.id_)
        nxt = doc[span.end]
        gap = doc[span.end - 1].whitespace_
        # an abbreviation's genitive + a capital is rarely one name ("FN's Verdensmål", "UNDP’s Human
        # Development Index"); the ones that are ("FN's Sikkerhedsråd") the gazetteer knows
        acronym = strip_genitive(span.text).isupper()
        # a pattern's name that ends in a place's genitive: "Hærhjemmeværnsdistrikt Københavns Vestegn"
        ends_genitive = rid.genitive or (rid.key == ANY_KEY and len(span) >= 2 and _is_genitive_word(span[-1]))
        if (
            ends_genitive
            and not acronym
            and _follows_name(doc, span.end, taken)
            and nxt.lower_ not in NOT_PARTS_AFTER_GENITIVE
        ):
            out.append(Span(doc, span.start, span.end + 1, label="ORG", span_id=ANY_KEY))
        elif not rid.genitive and nxt.text in REGIONAL_BRANCHES and gap:
            out.append(Span(doc, span.start, span.end + 1, label="ORG", span_id=ANY_KEY))
        elif (
            not rid.genitive
            and span[-1].text in {"Kommune", "Regionskommune"}
            and span.end in departments
            and gap
            and "\n" not in gap
        ):
            out.append(Span(doc, span.start, departments[span.end], label="ORG", span_id=ANY_KEY))
    return out


def _abbreviation_after(doc: Doc, e: int) -> tuple[str, ...] | None:
    """The abbreviation right after an organisation ending at token e: "(DFH)", "(UKA Vest)", ", SLV."."""
    if e + 2 >= len(doc) or not ABBREVIATION.match(doc[e + 1].text):
        return None
    if doc[e].text == "(":
        if doc[e + 2].text == ")":
            return (doc[e + 1].text,)
        if e + 3 < len(doc) and doc[e + 2].text in REGIONAL_BRANCHES and doc[e + 3].text == ")":
            return (doc[e + 1].text, doc[e + 2].text)
    if doc[e].text == "," and doc[e + 2].is_punct:
        return (doc[e + 1].text,)
    return None


# Lower-case words inside a name that its initials skip: "Center for Militære Studier" (CMS).
_INITIAL_SKIPS = frozenset({"for", "og", "af", "i", "til", "mod", "på", "of", "and", "the", "de", "du"})
_MAX_INITIALS = 10


def _abbreviation_tokens(doc: Doc, start: int, end: int) -> str | None:
    """The letters of an abbreviation written as tokens start..end ("DFI", "DEMA USAR", the genitive
    "ISAF’s"), or None."""
    if not 0 < end - start <= 2:
        return None
    words = [t.text for t in doc[start:end]]
    words[-1] = strip_genitive(words[-1]) if words[-1].endswith(("'s", "’s")) else words[-1]
    if not all(ABBREVIATION.match(w) and w.isalpha() for w in words):
        return None
    return "".join(words)


def _initialled(doc: Doc, start: int, end: int, letters: str) -> bool:
    """Tokens start..end are a name whose capitalised words' initials spell `letters` ("Den Frivillige
    Indsatsstyrke" -> DFI); lower-case function words may stand between them, nothing else."""
    words = doc[start:end]
    if len(words) < 2 or not words[0].is_title or not words[-1].is_title:
        return False
    initials = []
    for tok in words:
        if tok.is_alpha and tok.text[0].isupper():
            initials.append(tok.text[0])
        elif tok.lower_ not in _INITIAL_SKIPS or not tok.is_lower:
            return False
    return len(initials) >= 2 and "".join(initials).upper() == letters.upper()


# Heads of a described organisation: "Den nationale videns- og specialrådgivningsorganisation (VISO)".
_ORG_HEAD_ENDINGS = ("organisation", "organisationen", "institut", "instituttet", "center", "centret", "agentur")


def _described_name(doc: Doc, p: int, close: int) -> list[Span]:
    """A name written in lower case after "Den"/"Det" whose head is an organisation noun, with its
    abbreviation in parentheses: both are the organisation (the initials need not match)."""
    head = doc[p - 1] if p >= 1 else None
    if head is None or not head.is_lower or not head.lower_.endswith(_ORG_HEAD_ENDINGS):
        return []
    for start in range(p - 2, max(-1, p - _MAX_INITIALS), -1):
        tok = doc[start]
        if tok.text in ARTICLES and "\n" not in doc[start:p].text:
            name = Span(doc, start, p, label="ORG", span_id=ANY_KEY)
            return [name, Span(doc, p + 1, close, label="ORG", span_id=name.text)]
        if not (tok.is_lower or tok.text.endswith("-")):
            return []
    return []


def initialled_names(doc: Doc) -> list[Span]:
    """A name introduced with its initials in parentheses, or initials with the name in parentheses:
    "Den Frivillige Indsatsstyrke (DFI)", "DEMA USAR (Danish Emergency Management Agency Urban Search And
    Rescue)". That the letters are the name's initials is the evidence; no suffix or gazetteer is needed.
    Both become organisations, the abbreviation carrying the name as its key (for its later mentions)."""
    found: list[Span] = []
    for p in _token_positions(doc, ("(",)):
        close = next((k for k in range(p + 1, min(len(doc), p + _MAX_INITIALS + 2)) if doc[k].text == ")"), None)
        if close is None or "\n" in doc[p:close].text:
            continue
        letters = _abbreviation_tokens(doc, p + 1, close)
        if letters is not None:  # Name (ABBR)
            for start in range(max(0, p - _MAX_INITIALS), p - 1):
                if "\n" not in doc[start:p].text and _initialled(doc, start, p, letters):
                    name = Span(doc, start, p, label="ORG", span_id=ANY_KEY)
                    found += [name, Span(doc, p + 1, close, label="ORG", span_id=name.text)]
                    break
            else:
                found += _described_name(doc, p, close)
            continue
        # ABBR (Name), also in the genitive: "ISAF’s (International Security Assistance Force)"
        for start in (p - 1, p - 2):
            letters = _abbreviation_tokens(doc, start, p) if start >= 0 else None
            if letters is not None and _initialled(doc, p + 1, close, letters):
                name = Span(doc, p + 1, close, label="ORG", span_id=ANY_KEY)
                genitive = doc[p - 1].text.endswith(("'s", "’s"))
                found += [name, Span(doc, start, p, label="ORG", span_id=str(RuleId(name.text, genitive=genitive)))]
                break
    return found


ORG_CUE_NOUNS = tuple(sorted(word_list("org_cue_nouns.txt")))
_MAX_CUED_TOKENS = 5
# The last three letters of the cue nouns: tokens ending so are found in the SUFFIX array in one step,
# and only they are looked at.
_CUE_SUFFIXES = tuple(sorted({noun[-3:] for noun in ORG_CUE_NOUNS}))


def _token_positions(doc: Doc, texts: tuple[str, ...], attr: int = ORTH) -> list[int]:
    """Indices of the tokens whose `attr` (ORTH: the text) is one of `texts` (one array read, no Token
    objects made)."""
    wanted = [doc.vocab.strings[t] for t in texts]
    return [int(i) for i in numpy.flatnonzero(numpy.isin(doc.to_array(attr), wanted))]


_INITIALS = re.compile(r"(?:[A-ZÆØÅ]\.)+")  # "C.F. Møller"


def _name_token(tok: Token) -> bool:
    text = tok.text
    return text[:1].isupper() and (tok.is_alpha or "-" in text or text.isalnum() or bool(_INITIALS.fullmatch(text)))


def cued_names(doc: Doc, taken: set[int]) -> list[Span]:
    """An organisation named right after a noun that says what it is: "konsortiet Aarsleff-Siemens",
    "IT-giganten Apple". The name is the capitalised words after the noun (joined by "&" or "-"), on
    the same line; tokens another candidate holds (a city, a person) are not taken."""
    found = []
    for i in _token_positions(doc, _CUE_SUFFIXES, SUFFIX):
        tok = doc[i]
        if i + 1 >= len(doc) or not doc[i + 1].text[:1].isupper():
            continue
        if not tok.lower_.endswith(ORG_CUE_NOUNS) or "\n" in tok.whitespace_:
            continue
        if not (tok.text.endswith(ORG_CUE_NOUNS) or tok.is_title):
            continue  # "KONCERNEN" in a headline
        end = tok.i + 1
        while (
            end < len(doc)
            and end - tok.i <= _MAX_CUED_TOKENS
            and end not in taken
            and "\n" not in doc[end - 1].whitespace_
        ):
            if _name_token(doc[end]):
                end += 1
            elif doc[end].text in {"&", "-"} and end + 1 < len(doc) and _name_token(doc[end + 1]):
                end += 2
            else:
                break
        if end > tok.i + 1 and end < len(doc) and doc[end].is_digit and doc[end - 1].whitespace_ and end not in taken:
            end += 1  # "organisationen Styregruppe 44": a number closes the name
        if end > tok.i + 1:
            found.append(Span(doc, tok.i + 1, end, label="ORG", span_id=str(RuleId(doc[tok.i + 1 : end].text))))
    return found


def abbreviation_mentions(doc: Doc, spans: list[Span], repeated: list[Span] | None = None) -> list[Span]:
    """Mentions of an organisation by its abbreviation alone (or by its name without "A/S").

    An abbreviation is introduced in parentheses ("Dansk Flygtningehjælp (DFH)", "Udlændingekontrolafdeling
    Vest (UKA Vest)") or after a comma ("Statens Luftfartsvæsen, SLV."), or is the initials of a name of two
    or more capitalised words ("Lærernes Centralorganisation" -> LC). Every token (or pair) written so
    elsewhere, also in the genitive ("DFH's"), is that organisation.
    """
    known: dict[tuple[str, ...], str] = {}  # abbreviation tokens -> canonical name
    orgs = [s for s in spans if s.label_ == "ORG"]
    org_tokens = {i for s in orgs for i in range(s.start, s.end)}
    for span in orgs:
        rid = parse_rule_id(span.id_)
        name = rid.key if rid.key != ANY_KEY else (strip_genitive(span.text) if rid.genitive else span.text)
        abbreviation = _abbreviation_after(doc, span.end)
        if abbreviation is not None:
            known.setdefault(abbreviation, name)
        words = [t.text for t in span if t.is_alpha]
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            known.setdefault(("".join(w[0] for w in words),), name)
        if len(span) == 2 and rid.key != ANY_KEY and all(ABBREVIATION.match(t.text) for t in span):
            known.setdefault((span[0].text, span[1].text), name)  # "DEMA USAR" introduced before its name
        if len(span) >= 2 and span[-1].text in COMPANY_FORMS and not rid.genitive:
            known.setdefault(tuple(t.text for t in span[:-1]), name)  # "Amagerbanken A/S" ... "Amagerbanken"
    for span in repeated or ():
        known.setdefault(tuple(t.text for t in span), span.text)  # "konsortiet Aarsleff-Siemens" ... "Aarsleff-Siemens"
    if not known:
        return []
    by_first: dict[str, list[tuple[str, ...]]] = {}  # first token -> abbreviations starting with it
    for key in known:
        by_first.setdefault(key[0], []).append(key)
        if len(key) == 1:
            for ending in ("s", "'s", "’s"):
                by_first.setdefault(key[0] + ending, []).append(key)
    for candidates in by_first.values():
        candidates.sort(key=len, reverse=True)  # "DEMA USAR" before "DEMA"
    found = []
    for i in _token_positions(doc, tuple(by_first)):
        tok = doc[i]
        keys = by_first[tok.text]
        if tok.i in org_tokens:
            continue
        for key in keys:
            n = len(key)
            if tok.i + n > len(doc) or any(i in org_tokens for i in range(tok.i, tok.i + n)):
                continue
            *head, last = (t.text for t in doc[tok.i : tok.i + n])
            genitive = (*head, last) not in known and (*head, strip_genitive(last)) == key
            if genitive or (*head, last) == key:
                span_id = str(RuleId(known[key], genitive=genitive))
                found.append(Span(doc, tok.i, tok.i + n, label="ORG", span_id=span_id))
                break
    return found


register_extensions()


def _cut_before_persons(doc: Doc, spans: list[Span]) -> list[Span]:
    """A pattern's organisation that runs into a person's name ends before it: "Danmarks
    Erhvervsfremmebestyrelse Gert Jørgensen" is the board and Gert Jørgensen."""
    person_ends = {s.start: s.end for s in spans if s.label_ == "PERSON"}
    out = []
    for span in spans:
        if span.label_ == "ORG" and parse_rule_id(span.id_).key == ANY_KEY:
            cut = next((k for k in range(span.start + 1, span.end) if person_ends.get(k, 0) >= span.end), None)
            if cut is not None:
                span = Span(doc, span.start, cut, label="ORG", span_id=span.id_)
        out.append(span)
    return out


class EntityResolver:
    def __init__(self, nlp: Language, name: str, candidate_keys: list[str]) -> None:
        self.name = name
        self.candidate_keys = candidate_keys
        self.cities = city_records()

    def _has_evidence(self, doc: Doc, span: Span, countries: set[int], sure: set[int]) -> bool:
        """A locative word before it, a country after it, or a city beside it in a list."""
        if span.start > 0 and doc[span.start - 1].lower_ in LOCATIVES:
            return True
        if span.end + 1 < len(doc) and doc[span.end].text == "," and span.end + 1 in countries:
            return True
        before = span.start >= 2 and doc[span.start - 1].text in {",", "og"} and span.start - 2 in sure
        after = span.end + 1 < len(doc) and doc[span.end].text in {",", "og"} and span.end + 1 in sure
        return before or after

    def __call__(self, doc: Doc) -> Doc:
        candidates = [s for key in self.candidate_keys if key in doc.spans for s in doc.spans[key]]
        countries = {s.start for s in candidates if s.label_ == "COUNTRY"}
        starts = {s.start for s in candidates}
        # unambiguous cities, as evidence for an ambiguous one beside them in a list ("Tórshavn, Bergen og Aarhus")
        sure = {
            i
            for s in candidates
            if s.label_ == "CITY" and not parse_rule_id(s.id_).ambiguous
            for i in (s.start, s.end - 1)
        }
        kept = []
        for span in candidates:
            rid = parse_rule_id(span.id_)
            if span.label_ == "CITY" and not self._has_evidence(doc, span, countries, sure):
                if rid.ambiguous or (rid.word and starts_sentence(doc, span.start)):
                    continue
            if span.label_ == "ORG" and rid.word and starts_sentence(doc, span.start):
                continue  # "Politiet efterlyser ...": a common noun at a sentence start
            if span.label_ == "ORG" and rid.key == ANY_KEY and len(span) == 1 and starts_sentence(doc, span.start):
                if _written_lower_case(doc_text(doc), span.text):
                    continue  # "WHO's krisefond ... Krisefonden har til formål": the noun, capitalised
            if span.text == "KL" and CLOCK_AFTER.match(doc_text(doc), span.end_char):
                continue
            if span.label_ == "ORG" and (_is_party_letter(doc, span) or _language_switch(doc, span)):
                continue
            if span.label_ == "ORG" and _municipality_as_place(doc, span, rid):
                continue  # "stinet i Rudersdal": the municipality's area, no organisation
            if span.label_ == "CITY" and span.end < len(doc) and doc[span.end].text in NOT_A_TOWN_AFTER:
                continue  # "Otto Mønsteds Gade", "Hillerød Stadion": a street or building named after the place
            if span.label_ == "CITY" and rid.genitive and _genitive_before_name(doc, span, starts):
                continue
            if span.label_ == "ORG" and rid.genitive and _names_an_event(doc, span):
                continue  # "Forsvarets Dag": the event's name, no mention of Forsvaret
            kept.append(span)
        kept = _cut_before_persons(doc, kept)
        kept = self._extend_orgs(doc, kept)
        kept += initialled_names(doc)
        # a country may be part of a company's name: "virksomheden TÜV SÜD Denmark MHS"
        cued = cued_names(doc, {i for c in candidates if c.label_ != "COUNTRY" for i in range(c.start, c.end)})
        kept += cued
        kept += party_letter_lists(doc)
        kept = drop_joined_names(kept)
        kept = extend_org_names(doc, kept)
        kept += abbreviation_mentions(doc, kept, cued)
        kept.sort(
            key=lambda s: (
                -(s.end - s.start),
                -LABEL_PRIORITY.get(s.label_, 0),
                parse_rule_id(s.id_).key == ANY_KEY,
                s.start,
            )
        )
        taken: set[int] = set()
        ents: list[Span] = []
        extra: dict[str, dict[str, object]] = {}
        for span in kept:
            if taken.intersection(range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            ent, info = self._entity(doc, span)
            ents.append(ent)
            extra[f"{ent.start_char}:{ent.end_char}"] = info
        doc.ents = sorted(ents, key=lambda s: s.start)
        doc._.ent_extra = extra
        return doc

    @staticmethod
    def _extend_orgs(doc: Doc, spans: list[Span]) -> list[Span]:
        """Institutions named after their town, and abbreviations given in parentheses.

        "Regionshospitalet Randers", "Kollegiefonden Aarhus": an organisation word directly followed by a
        city is one organisation; "Den Europæiske Centralbank (ECB)": the capitals in parentheses name it too.
        """
        cities = {s.start: s for s in spans if s.label_ == "CITY" and not parse_rule_id(s.id_).genitive}
        out = list(spans)
        for span in spans:
            if span.label_ != "ORG":
                continue
            rid = parse_rule_id(span.id_)
            city = cities.get(span.end)
            if city is not None and rid.key == ANY_KEY and not rid.genitive and len(span) == 1:
                out.append(Span(doc, span.start, city.end, label="ORG", span_id=ANY_KEY))
            e = span.end
            if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")":
                abbr = doc[e + 1]
                if abbr.is_upper and 2 <= len(abbr.text) <= 6 and abbr.is_alpha:
                    key = rid.key if rid.key != ANY_KEY else (strip_genitive(span.text) if rid.genitive else span.text)
                    out.append(Span(doc, e + 1, e + 2, label="ORG", span_id=key))
        return out

    def _entity(self, doc: Doc, span: Span) -> tuple[Span, dict[str, object]]:
        rid = parse_rule_id(span.id_)
        text = span.text
        name = strip_genitive(text) if rid.genitive else text
        country: str | None = None
        kb_id = ""
        if span.label_ == "CITY":
            record = self.cities.get(rid.key, {})
            canonical = str(record.get("name", name))
            country = record.get("country")
            kb_id = rid.key if rid.key.isdigit() else ""  # towns GeoNames lacks have no id
        elif span.label_ == "COUNTRY":
            canonical = kb_id = rid.key
        elif rid.key == ANY_KEY or not rid.key:
            canonical = name
        else:
            canonical = rid.key
        ent = Span(doc, span.start, span.end, label=span.label_, kb_id=kb_id, span_id=canonical)
        return ent, {"end_char": span.start_char + len(name), "country": country}


@Danish.factory(
    "extract/entities",
    assigns=["doc.ents"],
    requires=["doc.spans"],
    default_config={"candidate_keys": ["persons", "gazetteer"]},
)
def make_entities(nlp: Language, name: str, candidate_keys: list[str]) -> EntityResolver:
    return EntityResolver(nlp, name, candidate_keys)
