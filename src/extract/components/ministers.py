"""Ministers and other persons, found by the cues Danish releases give around names.

Cues: a minister title ("forsvarsminister", "beskæftigelses- og ligestillingsminister", "minister for
byer og landdistrikter", definite "Statsministeren"), a role noun ("direktør", "borgmester"), a speech
verb ("siger"), a known first name, a party letter "(V)". Once a full name is known, later bare
surnames and definite titles ("Frederiksen", "forsvarsministeren", "ministeren") are tied to it.

Writes `doc.spans["persons"]` (label PERSON, id = canonical full name, see rule_ids.py) and
`doc.spans["ministers"]` (label = title, id = full name or "", kb_id = ISO country code).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.attrs import IDX, LENGTH, SPACY
from spacy.lang.da import Danish
from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.extensions import doc_text
from extract.officeholders import default_register, normalise_name
from extract.resources import nationalities, party_letters, word_list
from extract.rule_ids import ANY_KEY, RuleId, parse_rule_id, strip_genitive

# "udenrigsministerkollega": "sin polske udenrigsministerkollega Zbigniew Rau" titles him too
MINISTER_TOKEN = re.compile(r"^[A-ZÆØÅa-zæøå]*minister(en|ens|s|kollega)?$", re.IGNORECASE)
# Between the posts of one person's title: ", " or " og " before the next post's minister word.
POST_SEPARATOR = re.compile(r", | og (?=\S*minister)")
COMPOUND_PART = re.compile(r"^[A-ZÆØÅa-zæøå]+-$")
NAME_WORD = re.compile(
    r"^(?:[A-ZÆØÅÉÁÓÚÍÜÖÄŠŽČÐÞ][a-zæøåéáóúíüöäëïñçšžčćđłńśźżőűāēīūţşğðþý'’]+"
    r"(?:-[A-ZÆØÅa-zæøå][a-zæøåéáóúíüöäë]+)*(?:'s|’s)?"
    r"|[A-ZÆØÅ]\.(?:-?[A-ZÆØÅ]\.)*|Mc[A-Z][a-z]+|Chr\.|Fr\.|Th\.|Wm\.)$"  # "Lars Chr. Lilleholt"
)
# Definite nouns that start with a capital in names of offices ("Handicapforvaltningen"): never a name.
NOUN_ENDING = re.compile(r"(ningen|ionen|heden|eriet|skabet|ratet|udvalget|området|centret)s?$")
PARTICLES = frozenset({"von", "van", "de", "der", "den", "af", "av", "la", "le", "di", "da", "du", "bin", "al", "el"})
NAME_SUFFIXES = frozenset({"Jr.", "Sr.", "II", "III", "IV"})
# The last word of a street name: "Niels Bohrs Vej", "H.C. Andersens Boulevard" name no person ("Gade" is also
# a surname: "Søren Gade").
STREET_WORDS = frozenset("Vej Allé Alle Plads Boulevard Vænge Stræde".split())
# After a genitive, nouns of places named after a person: "Otto Mønsteds Gade", "Hans Tavsens Park".
PLACES_AFTER_GENITIVE = frozenset("Gade Park Have Kirke Bro Skov Torv Bakke Minde Gård".split())
# Honorifics between a title and a name; not part of the name.
HONORIFICS = frozenset({"Dr.", "dr.", "Prof.", "prof.", "Sir", "Dame"})
# Nouns after a genitive name that make it an organisation's name.
ORG_HEADS = frozenset("Fond Fonden Legat Museum Skole Gymnasium Hospital Kaserne Stadion Hal Institut Fabrik".split())
# Capitalised words that start sentences but never names.
NOT_NAMES = (
    frozenset(
        "I Det Den De Der Han Hun Vi Jeg Men Og Som At En Et Til Fra På Med For Efter Når Hvis Da Nu Her Dette "
        "Denne Disse Samtidig Derfor Også Både Ifølge Blandt Under Over Mellem Om Alle Flere Regeringen "
        "Baggrund Fakta Kontakt Læs Yderligere Pressemeddelelse Kilde Januar Februar Marts April Maj Juni Juli "
        "August September Oktober November December Mandag Tirsdag Onsdag Torsdag Fredag Lørdag Søndag "
        "Dansk Danske Ministeren Statsministeren Kommunen Regionen Forsvaret".split()
    )
    | ORG_HEADS
)  # "Ejner Christian Christensens Fond"
SPEECH_VERBS = frozenset(
    "siger sagde udtaler udtalte fortæller fortalte understreger understregede tilføjer tilføjede påpeger "
    "påpegede forklarer forklarede mener skriver skrev lyder slår konstaterer konstaterede".split()
)
ROYAL_TITLES = frozenset({"kronprins", "kronprinsesse", "dronning", "kong", "prins", "prinsesse"})
# Heads of state and of international bodies are named by the surname alone: "præsident Ghani",
# "kansler Scholz", "generalsekretær Guterres" (a Danish role noun before one word is too loose: "direktør Vest").
HEAD_TITLES = frozenset({"præsident", "vicepræsident", "kansler", "forbundskansler", "generalsekretær"})
SURNAME_TITLES = ROYAL_TITLES | HEAD_TITLES  # titles after which one word is a name
PARTY_LETTERS = frozenset(party_letters())
COUNTRY_LEAD_SKIP = frozenset(
    "den det de nuværende tidligere afgående nye nyudnævnte daværende kommende fungerende konstituerede "
    "nyvalgte ,".split()
    # "sin svenske kollega, udenrigsminister Anna Berg": the nationality is the colleague's
    + "kollega kollegaer kolleger kollegen modpart".split()
)
# Words between a nationality and a name that make the nationality the person's: "min svenske kollega NN".
COLLEAGUE_WORDS = frozenset("kollega kollegaen kolleger kollegaer ministerkollega ministerkollegaen modpart".split())
# A surname in -sen/-son with an -s is a genitive ("Ane Halsboe-Jørgensens kommentar").
GENITIVE_SURNAME = re.compile(r"(?:sen|son)s$")
MAX_NAME_TOKENS = 5
ROLE_HEADS = (
    "formand",
    "formanden",
    "direktør",
    "direktøren",
    "chef",
    "chefen",
    "borgmester",
    "borgmesteren",
    "sekretær",
    "sekretæren",
    "rådgiver",
    "rådgiveren",
    "ordfører",
    "ordføreren",
    "kommissær",
    "kommissæren",
)


@dataclass(frozen=True, slots=True)
class Words:
    """The text, lower case and trailing whitespace of a Doc's tokens, read once.

    Why: every `doc[i]` or `for tok in doc` makes a new Token object; the finder looks at each token
    several times (titles, cues, names, repeated mentions), which made it the pipeline's slowest part.
    """

    text: list[str]
    lower: list[str]
    ws: list[str]

    @classmethod
    def of(cls, doc: Doc) -> Words:
        # slices of the Doc's text at each token's offset and length: no Token object is made
        whole = doc_text(doc)
        rows = doc.to_array([IDX, LENGTH, SPACY]).tolist()
        text = [whole[start : start + length] for start, length, _ in rows]
        return cls(text, [t.lower() for t in text], [" " if space else "" for _, _, space in rows])

    def __len__(self) -> int:
        return len(self.text)

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens start..end, as `doc[start:end].text` gives it."""
        if start >= end:
            return ""
        return (
            "".join(t + s for t, s in zip(self.text[start : end - 1], self.ws[start : end - 1], strict=True))
            + (self.text[end - 1])
        )


@dataclass(frozen=True)
class Title:
    start: int  # token index of the first title token
    end: int  # token index after the title
    title: str  # lower-case indefinite form
    definite: bool  # the title word is definite: "forsvarsministeren"
    article: bool = False  # made definite by "den" before it: "den nederlandske migrationsminister"


@dataclass
class Mention:
    start: int
    end: int
    name: str | None  # canonical full name
    genitive: bool = False


def normalise_title(text: str) -> tuple[str, bool]:
    """ "Forsvarsministeren" -> ("forsvarsminister", True); "statsministers" -> ("statsminister", False)."""
    low = text.lower()
    for ending, definite in (("ens", True), ("en", True), ("s", False), ("kollega", False)):
        if low.endswith("minister" + ending):
            return low[: -len(ending)], definite
    return low, False


def same_post(short: str, full: str) -> bool:
    """Whether a title refers to a minister introduced with `full`.

    "forsvarsminister" ~ "vicestatsminister og forsvarsminister"; "udviklingsminister" ~ "minister for
    udviklingssamarbejde og global klimapolitik" (the stem begins the field after "minister for");
    "kirkeminister" ~ "minister for byer og landdistrikter, kirkeminister og minister for nordisk samarbejde".
    """
    posts = POST_SEPARATOR.split(full)
    if short == full or short in posts:
        return True
    if short == "minister":
        return False
    stem = short.removesuffix("minister").rstrip("s")
    return len(stem) >= 4 and any(
        post.startswith("minister for ") and post.removeprefix("minister for ").startswith(stem) for post in posts
    )


# Labels of a release's contact block: "Pressekontakt: Anne Holm, tlf. ...", "Yderligere oplysninger: ...".
CONTACT_LABELS = frozenset(
    "kontakt pressekontakt kontaktperson kontaktpersoner presse pressevagt pressevagten oplysninger "
    "information info spørgsmål foto fotos fotograf".split()
)


def is_contact_label(w: Words, i: int) -> bool:
    """Token i is the colon after a contact label: a name may follow."""
    return w.text[i] == ":" and i > 0 and w.lower[i - 1] in CONTACT_LABELS


def join_titles(w: Words, titles: list[Title], nationalities: dict[str, str]) -> list[Title]:
    """Titles as written for one person, from the titles found token by token.

    - a list of posts is one title: "kirkeminister, minister for landdistrikter og minister for nordisk
      samarbejde" (a "for" phrase that runs into the next post keeps it; the post inside is dropped);
    - a coordination whose middle part lacks its hyphen: "Klima-, energi og forsyningsminister";
    - a title after "den": "den nederlandske migrationsminister", "den armenske udenrigsministers besøg"
      refers to one minister, as a definite title does.
    """
    kept: list[Title] = []
    reach: Title | None = None  # the earlier title that reaches furthest: one pass, no pairs
    for t in titles:
        if reach is not None and reach.start < t.start and t.end <= reach.end and not t.definite:
            continue  # "minister for landdistrikter og minister for nordisk samarbejde": the inner post
        kept.append(t)
        if reach is None or t.end > reach.end:
            reach = t
    out: list[Title] = []
    for title in kept:
        start, text = title.start, title.title
        if (
            start >= 4
            and w.lower[start - 1] == "og"
            and w.text[start - 2].isalpha()
            and w.text[start - 2].islower()
            and w.text[start - 3] == ","
            and COMPOUND_PART.match(w.text[start - 4])
        ):
            start -= 4
            while start > 0 and (COMPOUND_PART.match(w.text[start - 1]) or w.text[start - 1] == ","):
                start -= 1
            text = f"{w.span_text(start, title.start).lower()} {title.title}"
        article = False
        if not title.definite:  # "den nederlandske migrationsminister", "den armenske udenrigsministers besøg"
            k = title.start - 1
            if k >= 0 and (w.lower[k] in nationalities or w.lower[k].endswith("e")):
                k -= 1
            article = k >= 0 and w.lower[k] in {"den", "det"}
        joined = Title(start, title.end, text, title.definite, article)
        prev = out[-1] if out else None
        if prev is not None and not prev.definite and prev.end + 1 == start and w.text[prev.end] in {",", "og"}:
            separator = ", " if w.text[prev.end] == "," else " og "
            title_text = prev.title + separator + joined.title
            out[-1] = Title(prev.start, joined.end, title_text, joined.definite, joined.article)
        else:
            out.append(joined)
    return out


class PersonFinder:
    """Finds persons and ministers with the cues described in the module docstring."""

    def __init__(self, nlp: Language, name: str, gazetteer_key: str = "gazetteer") -> None:
        self.name = name
        self.gazetteer_key = gazetteer_key
        self.first_names = word_list("first_names.txt")
        roles = word_list("person_roles.txt")
        self.roles = roles | {r + "en" for r in roles} | {r + "n" for r in roles if r.endswith("e")}
        self.nationalities = nationalities()
        self._name_words: dict[str, bool] = {}

    def _is_role(self, low: str) -> bool:
        """A role noun, also as the head of a compound ("kommissionsformand", "kampagnechef")."""
        return low in self.roles or (len(low) > 8 and low.endswith(ROLE_HEADS))

    # ---- names ---------------------------------------------------------------------------------
    def _is_name_word(self, text: str) -> bool:
        """A word that may be part of a person's name (remembered per word: texts repeat them)."""
        known = self._name_words.get(text)
        if known is None:
            known = self._name_words[text] = (
                bool(NAME_WORD.match(text))
                and text not in NOT_NAMES
                and not NOUN_ENDING.search(text)
                and not self._is_role(text.lower())  # "Regionsrådsformand Sophie Hæstorp Andersen (S)"
            )
        return known

    def _name_end(self, w: Words, start: int, blocked: set[int]) -> int | None:
        """End of a name starting at `start` (two or more words, or one word we allow), else None."""
        n = len(w)
        if start >= n or start in blocked or not self._is_name_word(w.text[start]):
            return None
        i = start + 1
        while i < n and i - start < MAX_NAME_TOKENS and w.ws[i - 1]:
            text = w.text[i]
            if i in blocked or text.endswith(("'s", "’s")) and self._is_name_word(text):
                if i not in blocked:
                    i += 1
                break
            if self._is_name_word(text):
                i += 1
            elif text in NAME_SUFFIXES:
                # "regeringen Mette Frederiksen II" numbers the government, not the person
                if start > 0 and w.lower[start - 1] == "regeringen":
                    break
                i += 1
            elif text in PARTICLES:
                k = i
                while k < n and w.text[k] in PARTICLES and k - i < 3:
                    k += 1
                if k < n and self._is_name_word(w.text[k]) and k not in blocked:
                    i = k + 1
                else:
                    break
            else:
                break
        if w.text[start].endswith(("'s", "’s")):
            return start + 1
        if i < n and w.text[i] in ORG_HEADS and w.text[i - 1].endswith("s"):
            return None  # "Ejner Christian Christensens Fond": a name inside an organisation's
        if any(
            w.text[k] in STREET_WORDS or (w.text[k] in PLACES_AFTER_GENITIVE and w.text[k - 1].endswith("s"))
            for k in range(start + 1, min(i + 1, n))
        ):
            return None  # an address or a place: "Niels Bohrs Vej 30", "Otto Mønsteds Gade", "Hans Tavsens Park"
        return i

    # ---- titles --------------------------------------------------------------------------------
    def _titles(self, doc: Doc, w: Words | None = None) -> list[Title]:
        w = Words.of(doc) if w is None else w
        n = len(w)
        titles: list[Title] = []
        for i, low in enumerate(w.lower):
            if "minister" not in low or low.startswith("ministeri") or not MINISTER_TOKEN.match(low):
                continue
            start, end = i, i + 1
            # "beskæftigelses- og ligestillingsminister", "uddannelses-, forsknings- og …minister"
            j = i - 1
            if j >= 0 and w.lower[j] == "og":
                k = j - 1
                while k >= 0 and (COMPOUND_PART.match(w.text[k]) or w.text[k] == ","):
                    k -= 1
                if k + 1 < j and COMPOUND_PART.match(w.text[k + 1]):
                    start = k + 1
                elif j >= 1 and MINISTER_TOKEN.match(w.text[j - 1]) and not normalise_title(w.text[j - 1])[1]:
                    start = j - 1  # "vicestatsminister og forsvarsminister": one person, two posts
                    # A title ending at j has its minister token at most 8 tokens back (a "for" phrase
                    # takes up to 7), so it is among the last 9 titles: no scan of all titles per pair.
                    titles[-9:] = [t for t in titles[-9:] if t.end != j]
            title, definite = normalise_title(w.text[i])
            text = w.span_text(start, i) + " " + title if start < i else title
            text = text.lower()
            # "minister for byer og landdistrikter", "forbundsminister for digitalisering og transport"
            if end < n and w.lower[end] == "for" and (end + 1 >= n or w.lower[end + 1] != "at"):  # "… for at drøfte"
                k = end + 1
                # the field ends before the next post: "minister for byer og landdistrikter, kirkeminister og …"
                while (
                    k < n
                    and k - end <= 6
                    and (w.text[k].islower() or w.text[k] == ",")
                    and not MINISTER_TOKEN.match(w.text[k])
                ):
                    k += 1
                while k > end + 1 and w.text[k - 1] in {",", "og"}:
                    k -= 1
                if k > end + 1:
                    text = f"{text} {w.span_text(end, k)}".lower()
                    end = k
            titles.append(Title(start, end, text, definite))
        return join_titles(w, titles, self.nationalities)

    def _country_position(self, w: Words, i: int) -> int:
        """The token before a title (from i back) that may name its country, past "den", "nye", ",".

        In a list of office holders the country before the first holder counts for all: "Moldovas
        præsident Maia Sandu, premierminister Dorin Recean" -> Moldova for Recean too.
        """
        while i >= 1 and w.lower[i] == "og" and self._is_role(w.lower[i - 1]):
            i -= 2  # "den schweiziske forbundspræsident og finansminister": past the other office
        while i >= 0 and w.lower[i] in COUNTRY_LEAD_SKIP and w.lower[i] not in self.nationalities:
            i -= 1
        if i >= 1 and w.text[i + 1] == "," and self._is_name_word(w.text[i]):
            k = i
            while k >= 0 and self._is_name_word(w.text[k]) and i - k < MAX_NAME_TOKENS:
                k -= 1
            if k >= 0 and (self._is_role(w.lower[k]) or MINISTER_TOKEN.match(w.text[k])):
                return self._country_position(w, k - 1)
        return i

    def _title_country(
        self, doc: Doc, title: Title, genitive_countries: dict[int, str], w: Words | None = None
    ) -> str | None:
        """The country before a title: a nationality ("den svenske statsminister") or a genitive country.

        `genitive_countries` maps the token end of each genitive COUNTRY span ("Sveriges") to its ISO code.
        """
        w = Words.of(doc) if w is None else w
        i = self._country_position(w, title.start - 1)
        if i < 0:
            return None
        if w.lower[i] in self.nationalities:
            return self.nationalities[w.lower[i]]
        return genitive_countries.get(i + 1)

    def _first_name_inside(self, doc: Doc, span: Span) -> int:
        """Where a pattern's name gives way to a person's: "Styrelsen for Patientsikkerhed Anne Hansen",
        "medlem af Danmarks Erhvervsfremmebestyrelse Gert Jørgensen" (a first name + a name word)."""
        for k in range(span.start + 1, span.end):
            if doc[k].text in self.first_names and k + 1 < len(doc) and NAME_WORD.match(doc[k + 1].text):
                return k
        return span.end

    # ---- main ----------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        gaz = list(doc.spans[self.gazetteer_key]) if self.gazetteer_key in doc.spans else []
        # Known organisations and countries (not ambiguous places) cannot be names.
        blocked: set[int] = set()
        genitive_countries: dict[int, str] = {}  # token end -> ISO code, the first span ending there
        for span in gaz:
            if span.label_ in {"ORG", "COUNTRY"} and len(span) > 0:
                end = span.end
                # "medlem af Danmarks Erhvervsfremmebestyrelse Gert Jørgensen": a pattern's last capitalised
                # word may be the first name of a person named right after it
                if span.label_ == "ORG" and len(span) >= 2 and parse_rule_id(span.id_).key == ANY_KEY:
                    end = self._first_name_inside(doc, span)
                blocked.update(range(span.start, end))
            if span.label_ == "COUNTRY":
                rid = parse_rule_id(span.id_)
                if rid.genitive:
                    genitive_countries.setdefault(span.end, rid.key)
        w = Words.of(doc)
        n = len(w)
        titles = self._titles(doc, w)
        title_tokens = {i for t in titles for i in range(t.start, t.end)}
        blocked |= title_tokens

        names: dict[int, int] = {}  # start -> end of full-name mentions found by a cue
        minister_of: dict[int, tuple[Title, str | None]] = {}  # name start -> (title, country)
        title_only: list[tuple[Title, str | None]] = []
        trailing: dict[int, tuple[Title, str | None]] = {}  # token after ", " -> a title naming nobody after it
        for title in titles:
            country = self._title_country(doc, title, genitive_countries, w)
            k = title.end + (1 if title.end < n and w.text[title.end] == "," else 0)
            while k < n and w.text[k] in HONORIFICS:
                k += 1  # "forbundsminister for transport, Dr. Peter Ramsauer"
            end = self._name_end(w, k, blocked)
            # "Presserådgiver for udenrigsministeren, Kasper Thams Olsen": the name is the adviser's
            of_role = title.start >= 2 and w.lower[title.start - 1] == "for" and self._is_role(w.lower[title.start - 2])
            if end is not None and (end - k >= 2 or title.definite is False) and not of_role:
                names[k] = end
                minister_of[k] = (title, country)
            elif title.definite or title.article or title.start in genitive_countries:
                title_only.append((title, country))  # "modtog Georgiens udenrigsminister, som ..."
            elif title.start >= 1 and w.text[title.start - 1] == ",":
                trailing[title.start] = (title, country)

        for i, low in enumerate(w.lower):
            start = None
            byline = low == "af" and (i == 0 or "\n" in w.ws[i - 1] or w.text[i - 1].isspace())  # "Af Jari Nielsen"
            if low in SPEECH_VERBS or self._is_role(low) or is_contact_label(w, i) or byline:
                start = i + 1
                while start < n and (self._is_role(w.lower[start]) or w.text[start] == ","):
                    start += 1
            elif low == "kontakt" and i + 1 < n and w.lower[i + 1] == "venligst":
                start = i + 2  # "For yderligere oplysninger kontakt venligst Justyna Wijas-Jensen"
            elif w.text[i] in self.first_names and i not in blocked:
                start = i
            if start is None or start in names:
                continue
            end = self._name_end(w, start, blocked)
            # a royal is named by the first name alone: "Kronprins Frederik", "Dronning Margrethe"
            if end is not None and (end - start >= 2 or (start == i + 1 and low in SURNAME_TITLES)):
                names[start] = end
        # "Jakob Ellemann-Jensen (V)": a party letter after a two-word name
        for i, text in enumerate(w.text):
            if text == "(" and i + 2 < n and w.text[i + 2] == ")" and w.text[i + 1] in PARTY_LETTERS:
                k = i - 1
                while k >= 0 and self._is_name_word(w.text[k]) and k not in blocked and i - k <= 4:
                    k -= 1
                # "borgmester i Randers Henning Jensen Nyhuus (S)": a name found inside the run is the name
                inside = any(names.get(j) == i for j in range(k + 2, i))
                if i - (k + 1) >= 2 and (k + 1) not in names and not inside:
                    names[k + 1] = i

        # "siger Ellen Trane Nørby, minister for børn, undervisning og ligestilling": the title after the name
        for start, end in names.items():
            if start not in minister_of and end + 1 in trailing and w.text[end] == ",":
                minister_of[start] = trailing[end + 1]
        mentions = self._mentions(w, names, blocked)
        self._write(doc, mentions, minister_of, title_only, self._colleague_countries(w, mentions))
        return doc

    def _mentions(self, w: Words, names: dict[int, int], blocked: set[int]) -> list[Mention]:
        """Full-name mentions plus later mentions of a known full name or its surname."""
        full: dict[str, str] = {}  # surface full name -> canonical
        tails: dict[str, str] = {}  # "Dybvad Bek", "Bek" -> the first full name ending so ("Kaare Dybvad Bek")
        surnames: dict[str, str] = {}
        double: dict[tuple[str, str], str] = {}
        mentions: list[Mention] = []
        taken: set[int] = set()
        # "minister Lars Aagaards drøftelse" beside "Lars Aagaard": a full name + s is its genitive
        written = {w.span_text(start, end) for start, end in names.items()}
        for start in sorted(names):
            end = names[start]
            if start in taken:
                continue
            words = w.text[start:end]
            genitive = (
                words[-1].endswith(("'s", "’s"))
                or bool(GENITIVE_SURNAME.search(words[-1]))
                or (len(words) >= 2 and words[-1].endswith("s") and " ".join(words)[:-1] in written)
            )
            if genitive:
                words[-1] = strip_genitive(words[-1])
            canonical = " ".join(words)
            # "siger Dybvad Bek" after "Kaare Dybvad Bek": the tail of a known name is that person
            canonical = tails.get(canonical, canonical)
            if canonical not in full:
                full[canonical] = canonical
                parts = canonical.split(" ")
                for k in range(1, len(parts)):
                    tails.setdefault(" ".join(parts[k:]), canonical)
            surnames[words[-1]] = canonical
            if len(words) >= 3:
                double[(words[-2], words[-1])] = canonical  # "Lund Poulsen", "Løkke Rasmussen"
                if words[-2] not in self.first_names and words[-2][:1].isupper():
                    surnames.setdefault(words[-2], canonical)  # "Dybvad" for Kaare Dybvad Bek, "Løkke"
            mentions.append(Mention(start, end, canonical, genitive))
            taken.update(range(start, end))
        if not full:
            return mentions
        # "Udenrigsminister Kofod tager imod ..." before "Jeppe Kofod": a surname alone names the full name
        for m in mentions:
            if m.name and " " not in m.name and surnames.get(m.name, m.name) != m.name:
                m.name = surnames[m.name]
        # a full name written again, whatever cue found it first ("forbundskansler Angela Merkel ... med Angela Merkel")
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # first word -> (words, canonical)
        for c in full:
            if " " in c:
                name_words = tuple(c.split())
                by_first.setdefault(name_words[0], []).append((name_words, c))
        n = len(w)
        for i, text in enumerate(w.text):
            if i in taken or i in blocked or not text[:1].isupper():
                continue
            candidates = by_first.get(text)
            repeated = self._repeated_name(w, i, candidates, taken) if candidates else None
            if repeated is not None:
                end, canonical, genitive = repeated
                mentions.append(Mention(i, end, canonical, genitive))
                taken.update(range(i, end))
                continue
            if i + 1 < n and i + 1 not in taken and w.ws[i]:
                nxt = w.text[i + 1]
                last = strip_genitive(nxt) if nxt not in surnames else nxt
                if (text, last) in double:
                    mentions.append(Mention(i, i + 2, double[(text, last)], last != nxt))
                    taken.update((i, i + 1))
                    continue
            base = strip_genitive(text) if text not in surnames else text
            if base not in surnames:
                continue
            prev_lower = w.lower[i - 1] if i > 0 else None
            if (  # a particle that belongs to the surname: "Av Reyni", "de Voss"
                prev_lower is not None
                and i - 1 not in taken
                and prev_lower in PARTICLES
                and f" {prev_lower} {base.lower()}" in f" {surnames[base].lower()}"
            ):
                mentions.append(Mention(i - 1, i + 1, surnames[base], base != text))
                taken.update((i - 1, i))
                continue
            if i == 0 or w.text[i - 1] not in self.first_names:
                mentions.append(Mention(i, i + 1, surnames[base], base != text))
                taken.add(i)
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _colleague_countries(self, w: Words, mentions: list[Mention]) -> dict[str, str]:
        """Countries given by a nationality before "kollega": "min nederlandske ministerkollega Eric van der
        Burg" makes him a Dutch minister wherever he is named."""
        found: dict[str, str] = {}
        for m in mentions:
            k = m.start - 1
            if m.name and k >= 1 and w.lower[k] in COLLEAGUE_WORDS and w.lower[k - 1] in self.nationalities:
                found.setdefault(m.name, self.nationalities[w.lower[k - 1]])
        return found

    @staticmethod
    def _repeated_name(
        w: Words, i: int, candidates: list[tuple[tuple[str, ...], str]], taken: set[int]
    ) -> tuple[int, str, bool] | None:
        """(end, canonical, genitive) of a known full name (one of those starting with the word at i)
        written out again from token i, else None."""
        for words, canonical in candidates:
            end = i + len(words)
            if end > len(w) or any(k in taken for k in range(i, end)):
                continue
            texts = w.text[i:end]
            if texts[:-1] != list(words[:-1]):
                continue
            if texts[-1] == words[-1]:
                return end, canonical, False
            if strip_genitive(texts[-1]) == words[-1]:
                return end, canonical, True
        return None

    def _write(
        self,
        doc: Doc,
        mentions: list[Mention],
        minister_of: dict[int, tuple[Title, str | None]],
        title_only: list[tuple[Title, str | None]],
        colleague_countries: dict[str, str],
    ) -> None:
        persons = [
            Span(doc, m.start, m.end, label="PERSON", span_id=str(RuleId(m.name or "", genitive=m.genitive)))
            for m in mentions
        ]
        doc.spans["persons"] = persons
        ministers: dict[str, tuple[str, str]] = {}  # name -> (title, country)
        named_titles: list[tuple[int, str, str, str]] = []  # (token, name, title, country)
        name_at: dict[int, str] = {}  # token start -> name of the first named mention there
        for m in mentions:
            if m.name:
                name_at.setdefault(m.start, m.name)
        # "Ungarns udenrigsminister … udenrigsminister Szijjártó": a title whose only stated country is a
        # foreign one gives that country to the named holder of the title our Danish data does not know
        foreign: dict[str, set[str]] = {}
        for bare, country in title_only:
            if country not in (None, "DK"):
                foreign.setdefault(bare.title, set()).add(country)
        danish = default_register().by_name if foreign else {}
        for start, (title, country) in minister_of.items():
            name = name_at.get(start)
            if name is None:
                continue
            guess = country or colleague_countries.get(name)
            if guess is None and len(foreign.get(title.title, ())) == 1 and normalise_name(name) not in danish:
                guess = next(iter(foreign[title.title]))
            ministers.setdefault(name, (title.title, guess or "DK"))
            named_titles.append((start, name, title.title, country or ministers[name][1]))
        rows: list[Span] = []
        for m in mentions:
            if m.name in ministers:
                title_text, iso = ministers[m.name]
                rows.append(Span(doc, m.start, m.end, label=title_text, kb_id=iso, span_id=m.name))
        pools: dict[tuple[str, str | None], _Pool] = {}
        for bare, country in title_only:
            name, resolved_title, iso = self._resolve_title(bare, country, named_titles, pools)
            rows.append(Span(doc, bare.start, bare.end, label=resolved_title, kb_id=iso, span_id=name or ""))
        rows.sort(key=lambda s: s.start)
        doc.spans["ministers"] = rows

    @staticmethod
    def _resolve_title(
        title: Title,
        country: str | None,
        named: list[tuple[int, str, str, str]],
        pools: dict[tuple[str, str | None], _Pool],
    ) -> tuple[str | None, str, str]:
        """Tie "forsvarsministeren"/"ministeren" to the nearest named minister, preferring earlier ones.

        Returns (name, title, country); a bare "ministeren" takes the title of the minister it refers to.
        The named ministers a title may refer to are chosen once per title and country (`pools`), so a
        text with thousands of bare titles does not filter every named minister for each of them.
        """
        key = (title.title, country)
        pool = pools.get(key)
        if pool is None:
            pool = pools[key] = _Pool.of(title.title, country, named)
        pick = pool.nearest(title.start)
        if pick is None:
            return None, title.title, country or "DK"
        return pick[1], pick[2], country or pick[3]


@dataclass
class _Pool:
    """The named ministers (token, name, title, country) one bare title may refer to, in text order."""

    candidates: list[tuple[int, str, str, str]]
    starts: list[int] | None  # their tokens when strictly increasing (then searched by bisection)

    @classmethod
    def of(cls, title: str, country: str | None, named: list[tuple[int, str, str, str]]) -> _Pool:
        generic = title == "minister"
        candidates = [n for n in named if (generic or same_post(title, n[2])) and (country is None or n[3] == country)]
        if country is None and any(n[3] == "DK" for n in candidates):
            candidates = [n for n in candidates if n[3] == "DK"]  # a bare title means the release's own minister
        starts = [n[0] for n in candidates]
        increasing = all(a < b for a, b in zip(starts, starts[1:], strict=False))
        return cls(candidates, starts if increasing else None)

    def nearest(self, start: int) -> tuple[int, str, str, str] | None:
        """The last candidate before token `start`, else the first after it."""
        if self.starts is None:
            before = [n for n in self.candidates if n[0] < start]
            after = [n for n in self.candidates if n[0] > start]
            return before[-1] if before else (after[0] if after else None)
        i = bisect_left(self.starts, start)
        if i > 0:
            return self.candidates[i - 1]
        j = bisect_right(self.starts, start)
        return self.candidates[j] if j < len(self.candidates) else None


@Danish.factory(
    "extract/ministers",
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={"gazetteer_key": "gazetteer"},
)
def make_ministers(nlp: Language, name: str, gazetteer_key: str) -> PersonFinder:
    return PersonFinder(nlp, name, gazetteer_key=gazetteer_key)
