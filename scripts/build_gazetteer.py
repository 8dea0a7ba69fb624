#!/usr/bin/env python3
"""Build data/gazetteer/*.tsv from facts.

Sources:
  scripts/gazetteer/*.tsv|txt          curated fact tables written by us (names, codes,
                                       capitals, offices with dates, aliases)
  <reference>/wikidata-entities.tsv    QIDs: every QID we write is checked against it
  <reference>/petrarch/*.actors.txt    PETRARCH2/Phoenix dictionaries (MIT): ISO codes to
                                       cross-check, cities per country, spelling variants
                                       of leaders' names

Usage:
  python3 scripts/build_gazetteer.py [--reference ../shared/reference] [--out data/gazetteer]

Python 3 standard library only. Deterministic: the same inputs give byte-identical
files. Prints to stderr what it could not match or had to leave out.
"""

import argparse
import collections
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FACTS = os.path.join(HERE, "gazetteer")
ROOT = os.path.dirname(HERE)

QID_RE = re.compile(r"^Q[1-9][0-9]*$")
ORG_KINDS = {"igo", "un", "eu", "government", "military", "armed_group", "party",
             "media", "ngo", "company", "court", "other"}
PLACE_KINDS = {"capital", "city", "region", "contested", "body_of_water", "base",
               "continent", "landmark", "territory", "locality"}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# QIDs we are certain of although wikidata-entities.tsv lacks them or lists them
# ambiguously. Keep this list short; each entry is a well-known fact.
CERTAIN_QIDS = {
    "country/georgia": "Q230",
    "country/ireland": "Q27",
    "place/georgia-us-state": "Q1428",
    "country/oman": "Q842",
    "country/qatar": "Q846",
    "country/kosovo": "Q1246",
    "country/peru": "Q419",
    "country/somalia": "Q1045",
    "country/iceland": "Q189",
    "country/luxembourg": "Q32",
    "country/malta": "Q233",
    "country/estonia": "Q191",
    "country/albania": "Q222",
    "country/bangladesh": "Q902",
    "country/nepal": "Q837",
    "country/mongolia": "Q711",
    "country/chad": "Q657",
    "country/mali": "Q912",
    "country/senegal": "Q1041",
    "country/south-sudan": "Q958",
    "country/eritrea": "Q986",
    "country/djibouti": "Q977",
    "country/paraguay": "Q733",
    "country/nicaragua": "Q811",
    "country/haiti": "Q790",
    "country/costa-rica": "Q800",
    "country/el-salvador": "Q792",
    "country/dominican-republic": "Q786",
    "country/angola": "Q916",
    "country/cameroon": "Q1009",
    "country/mozambique": "Q1029",
    "country/kyrgyzstan": "Q813",
    "country/laos": "Q819",
    "country/greenland": "Q223",
    "country/puerto-rico": "Q1183",
    "country/macau": "Q14773",
    "person/barack-obama": "Q76",
    "person/joe-biden": "Q6279",
    "person/vladimir-putin": "Q7747",
    "person/angela-merkel": "Q567",
    "person/emmanuel-macron": "Q3052772",
    "person/narendra-modi": "Q1058",
}

# Label matches that name something else (an island, a region, a namesake city):
# these stay without a QID.
NO_QID = {
    "country/trinidad-and-tobago": "label Trinidad is the island",
    "country/north-macedonia": "label Macedonia may be the region",
    "place/caucasus": "label North Caucasus is a part of it",
    "place/tripoli": "label Tripoli does not say which Tripoli",
}

# PETRARCH lists these under a country, and Wikidata calls them geographic, but they
# are not places of that country today.
NOT_PLACES = {"JOINT CHIEFS OF STAFF", "WEST GERMANY", "FORMOSA"}

# Words that make a PETRARCH variant a title phrase rather than a spelling of a name.
PETRARCH_TITLE_WORDS = {
    "PRESIDENT", "PRIME", "MINISTER", "AYATOLLAH", "HOJATOLISLAM", "HOJATOLESLAM",
    "SAYYED", "SAYYID", "SHEIKH", "SHEIK", "KING", "PRINCE", "SECRETARY", "GENERAL",
    "SECRETARY-GENERAL", "CHANCELLOR", "LEADER", "SUPREME", "EMIR", "SULTAN", "DR.",
    "MR.", "GEN.", "UN", "U.N.", "UNITED", "NATIONS", "FOREIGN", "QUEEN", "CROWN",
    "HIS", "HER", "MR", "MRS", "SENATOR", "PRESIDENT-ELECT", "ADMINISTRATION", "GOVERNMENT", "REGIME", "THE", "OF", "GOVERNMENT'S", "KANZLER", "BUNDESKANZLER", "PRES.", "PM", "AMBASSADOR", "ENVOY", "GENERAL-SECRETARY", "MAJESTY", "HIGHNESS", "CHIEF", "SPEAKER", "VICE", "DEPUTY", "FORMER",
}

problems = []


def warn(msg):
    problems.append(msg)


def slug(name):
    """Same rule as newsgraph::model::slug."""
    out = []
    dash = False
    for c in name:
        if c.isalnum():
            if dash and out:
                out.append("-")
            dash = False
            out.append(c.lower())
        elif c in "'’.":
            pass
        else:
            dash = True
    return "".join(out)


def read_table(name):
    """Rows of a curated TSV (comments skipped) as dicts keyed by the header row."""
    path = os.path.join(FACTS, name)
    rows = []
    header = None
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
                continue
            if len(fields) != len(header):
                sys.exit(f"{path}:{lineno}: {len(fields)} fields, expected {len(header)}")
            row = {k: v.strip() for k, v in zip(header, fields)}
            row["_where"] = f"{name}:{lineno}"
            rows.append(row)
    return rows


def read_lines(name):
    with open(os.path.join(FACTS, name), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def split_list(s):
    return [x.strip() for x in s.split("|") if x.strip()]


def strip_the(s):
    return s[4:] if s[:4] in ("the ", "The ") else s


def uniq(items, exclude=()):
    """Order-preserving dedup that drops anything in exclude."""
    seen = set(exclude)
    out = []
    for x in items:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


# ---------------------------------------------------------------- wikidata

class Wikidata:
    def __init__(self, path):
        self.rows = {}
        self.by_label = collections.defaultdict(list)
        with open(path, encoding="utf-8") as f:
            next(f)
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 3:
                    continue
                qid, label, types = parts[0], parts[1], parts[2]
                self.rows[qid] = (label, set(types.split(",")))
                self.by_label[label].append(qid)

    def compatible(self, qid, etype):
        types = self.rows[qid][1]
        if etype in ("country", "place"):
            return "geographic" in types
        if etype == "org":
            return "organization" in types
        if etype == "person":
            return "person" in types
        return False

    def match(self, etype, tiers):
        """First tier (list of names) with exactly one type-compatible label match."""
        for names in tiers:
            found = sorted({q for n in names for q in self.by_label.get(n, [])
                            if self.compatible(q, etype)}, key=lambda q: int(q[1:]))
            if len(found) == 1:
                return found[0], None
            if len(found) > 1:
                return None, found
        return None, None


# ---------------------------------------------------------------- petrarch

def petrarch_blocks(path):
    """(head, [variants], code-or-None) for each entry of a PETRARCH actors file."""
    blocks = []
    cur = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("+"):
                if cur is not None:
                    cur[1].append(petrarch_name(line[1:]))
                continue
            if line[0].isspace():
                # Codes may follow on indented lines, possibly with date ranges.
                m = re.match(r"^\s*\[([A-Z]{3})", line)
                if cur is not None and cur[2] is None and m:
                    cur[2] = m.group(1)
                continue
            m = re.match(r"^([^\[#]+?)\s*(?:\[([A-Z]{3})[^\]]*\]\s*)*(?:#.*)?$", line)
            if not m:
                cur = None
                continue
            cur = [petrarch_name(m.group(1)), [], m.group(2)]
            blocks.append(cur)
    return blocks


def petrarch_name(s):
    s = s.split("#")[0].strip()
    s = re.sub(r"\[.*?\]", "", s).strip()
    return " ".join(s.replace("_", " ").split())


def title_case(upper):
    """ERDOGAN -> Erdogan, AL-ASSAD -> al-Assad, ABU MAZEN -> Abu Mazen."""
    words = []
    for w in upper.split(" "):
        parts = []
        for p in w.split("-"):
            low = p.lower()
            if re.fullmatch(r"[IVX]+", p):
                parts.append(p)
            elif low in ("al", "el", "bin", "ibn", "bint", "ul", "e", "i", "de", "da", "von", "der"):
                parts.append(low)
            else:
                parts.append(low[:1].upper() + low[1:])
        words.append("-".join(parts))
    out = " ".join(words)
    return out[:1].upper() + out[1:]


# ---------------------------------------------------------------- build

def default_reference():
    for path in (os.path.join(os.path.dirname(ROOT), "shared", "reference"),
                 "/work/shared/reference"):
        if os.path.isdir(path):
            return path
    return os.path.join(os.path.dirname(ROOT), "shared", "reference")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", default=default_reference(),
                    help="folder holding wikidata-entities.tsv and petrarch/ "
                         "(default: ../shared/reference beside the checkout)")
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "gazetteer"))
    args = ap.parse_args()

    wd = Wikidata(os.path.join(args.reference, "wikidata-entities.tsv"))
    petrarch = os.path.join(args.reference, "petrarch")

    countries = {}   # id -> dict
    by_iso2 = {}
    places = {}
    orgs = {}
    people = {}

    # ---- countries
    for r in read_table("countries.tsv"):
        cid = "country/" + slug(r["name"])
        if cid in countries:
            sys.exit(f"{r['_where']}: duplicate country id {cid}")
        if not re.fullmatch(r"[A-Z]{2}", r["iso2"]) or not re.fullmatch(r"[A-Z]{3}", r["iso3"]):
            sys.exit(f"{r['_where']}: bad ISO codes {r['iso2']} {r['iso3']}")
        names = [r["name"], r["official"]]
        c = {
            "id": cid, "name": r["name"], "official": r["official"], "iso2": r["iso2"],
            "iso3": r["iso3"], "qid": "",
            "capital": "place/" + slug(r["capital"]) if r["capital"] else "",
            "seat": "place/" + slug(r["seat"]) if r["seat"] else "",
            "status": r["status"],
            "aliases": uniq(split_list(r["aliases"]) + [r["official"]], exclude=[r["name"]]),
            "demonyms": uniq(split_list(r["demonyms"])),
            "_tiers": [[r["name"]], [r["official"]], split_list(r["aliases"])],
            "_where": r["_where"],
        }
        countries[cid] = c
        if r["iso2"] in by_iso2:
            sys.exit(f"{r['_where']}: duplicate iso2 {r['iso2']}")
        by_iso2[r["iso2"]] = cid
        for cap, kind in ((r["capital"], "capital"), (r["seat"], "city")):
            if not cap:
                continue
            pid = "place/" + slug(cap)
            if pid in places and places[pid]["country"] != cid:
                sys.exit(f"{r['_where']}: capital {cap} collides with {places[pid]['_where']}")
            places[pid] = {"id": pid, "name": cap, "qid": "", "country": cid, "kind": kind,
                           "aliases": [], "_tiers": [[cap]], "_where": r["_where"]}
        del names

    def country_ref(code, where):
        if not code:
            return ""
        if code not in by_iso2:
            sys.exit(f"{where}: unknown country code {code}")
        return by_iso2[code]

    # ---- places
    for r in read_table("places.tsv"):
        pid = "place/" + slug(r["name"])
        if r["kind"] not in PLACE_KINDS:
            sys.exit(f"{r['_where']}: unknown place kind {r['kind']}")
        country = country_ref(r["country"], r["_where"])
        aliases = split_list(r["aliases"])
        if pid in places and places[pid]["_where"].startswith("countries.tsv"):
            p = places[pid]  # a capital: add aliases, keep kind and country
            if country and country != p["country"]:
                sys.exit(f"{r['_where']}: {r['name']} is the capital of {p['country']}")
            p["aliases"] = uniq(p["aliases"] + aliases, exclude=[p["name"]])
            p["_tiers"].append(aliases)
            if r["qid"]:
                p["qid"] = r["qid"]
            continue
        if pid in places:
            sys.exit(f"{r['_where']}: duplicate place id {pid} (see {places[pid]['_where']})")
        places[pid] = {"id": pid, "name": r["name"], "qid": r["qid"], "country": country,
                       "kind": r["kind"], "aliases": uniq(aliases, exclude=[r["name"]]),
                       "_tiers": [[r["name"]], aliases], "_where": r["_where"]}

    # ---- organizations
    org_by_name = {}
    for r in read_table("organizations.tsv"):
        oid = "org/" + slug(r["name"])
        if oid in orgs:
            sys.exit(f"{r['_where']}: duplicate organization id {oid}")
        if r["kind"] not in ORG_KINDS:
            sys.exit(f"{r['_where']}: unknown organization kind {r['kind']}")
        aliases = split_list(r["aliases"])
        orgs[oid] = {"id": oid, "name": r["name"], "qid": r["qid"],
                     "country": country_ref(r["country"], r["_where"]), "kind": r["kind"],
                     "aliases": uniq(aliases, exclude=[r["name"]]),
                     "demonyms": uniq(split_list(r["demonyms"])),
                     "_tiers": [[r["name"]], aliases], "_where": r["_where"]}
        org_by_name[r["name"]] = oid

    # ---- people
    person_by_name = {}
    for r in read_table("people.tsv"):
        pid = "person/" + slug(r["name"])
        if pid in people:
            sys.exit(f"{r['_where']}: duplicate person id {pid}")
        aliases = split_list(r["aliases"])
        people[pid] = {"id": pid, "name": r["name"], "qid": r["qid"],
                       "country": country_ref(r["country"], r["_where"]),
                       "aliases": uniq(aliases, exclude=[r["name"]]),
                       "_tiers": [[r["name"]]], "_where": r["_where"]}
        person_by_name[r["name"]] = pid

    # ---- offices
    offices = []
    for r in read_table("offices.tsv"):
        pid = person_by_name.get(r["person"])
        if pid is None:
            sys.exit(f"{r['_where']}: unknown person {r['person']}")
        holder = r["country"]
        if re.fullmatch(r"[A-Z]{2}", holder):
            holder = country_ref(holder, r["_where"])
        elif holder in org_by_name:
            holder = org_by_name[holder]
        else:
            sys.exit(f"{r['_where']}: unknown country or organization {holder}")
        if not re.fullmatch(r"[a-z_]+", r["office"]):
            sys.exit(f"{r['_where']}: office must be lower_snake_case: {r['office']}")
        for d in (r["start"], r["end"]):
            if d and not DATE_RE.match(d):
                sys.exit(f"{r['_where']}: bad date {d}")
        if not r["start"] or (r["end"] and r["end"] < r["start"]):
            sys.exit(f"{r['_where']}: bad date range {r['start']}..{r['end']}")
        offices.append((pid, r["office"], holder, r["start"], r["end"]))

    # ---- PETRARCH: cross-check ISO codes, derive cities, spelling variants of leaders
    pet_countries = petrarch_blocks(os.path.join(petrarch, "Phoenix.Countries.actors.txt"))
    pet_codes = {b[2] for b in pet_countries if b[2]}
    iso3_to_country = {c["iso3"]: cid for cid, c in countries.items()}
    for cid, c in sorted(countries.items()):
        if c["iso3"] not in pet_codes:
            warn(f"petrarch: no country block for {c['iso3']} ({c['name']})")
    derive_cities(pet_countries, iso3_to_country, countries, places, wd)
    derive_spellings(petrarch, people)
    derive_org_spellings(petrarch, orgs)

    # ---- QIDs
    all_entities = [("country", countries), ("place", places), ("org", orgs), ("person", people)]
    assign_qids(all_entities, wd)

    # ---- write
    os.makedirs(args.out, exist_ok=True)
    write_tsv(args.out, "countries.tsv",
              ["id", "name", "official", "iso2", "iso3", "qid", "capital", "aliases",
               "demonyms", "seat", "status"],
              [[c["id"], c["name"], c["official"], c["iso2"], c["iso3"], c["qid"],
                c["capital"], "|".join(c["aliases"]), "|".join(c["demonyms"]), c["seat"],
                c["status"]] for c in countries.values()])
    write_tsv(args.out, "places.tsv", ["id", "name", "qid", "country", "kind", "aliases"],
              [[p["id"], p["name"], p["qid"], p["country"], p["kind"], "|".join(p["aliases"])]
               for p in places.values()])
    write_tsv(args.out, "organizations.tsv",
              ["id", "name", "qid", "country", "kind", "aliases", "demonyms"],
              [[o["id"], o["name"], o["qid"], o["country"], o["kind"], "|".join(o["aliases"]),
                "|".join(o["demonyms"])] for o in orgs.values()])
    write_tsv(args.out, "people.tsv", ["id", "name", "qid", "country", "aliases"],
              [[p["id"], p["name"], p["qid"], p["country"], "|".join(p["aliases"])]
               for p in people.values()])
    write_tsv(args.out, "offices.tsv", ["person", "office", "country", "start", "end"],
              [list(o) for o in offices], key=lambda r: (r[0], r[3], r[1], r[2]))
    write_lines(args.out, "titles.txt", read_lines("titles.txt"))
    write_lines(args.out, "first_names.txt", read_lines("first_names.txt"))
    with open(os.path.join(FACTS, "ambiguous.txt"), encoding="utf-8") as f:
        write_lines(args.out, "ambiguous.txt",
                    [l.strip() for l in f if l.strip() and not l.startswith("#")])

    counts = {n: len(d) for n, d in (("countries", countries), ("places", places),
                                    ("organizations", orgs), ("people", people))}
    counts["offices"] = len(offices)
    with_qid = sum(1 for _, d in all_entities for e in d.values() if e["qid"])
    total = sum(len(d) for _, d in all_entities)
    for p in problems:
        print(p, file=sys.stderr)
    print(f"wrote {args.out}: " + ", ".join(f"{v} {k}" for k, v in counts.items())
          + f"; {with_qid}/{total} entities with a checked QID; {len(problems)} notes above",
          file=sys.stderr)


def derive_cities(blocks, iso3_to_country, countries, places, wd):
    """Cities PETRARCH lists under a country that Wikidata knows as a geographic entity."""
    country_labels = {c["name"].upper() for c in countries.values()}
    geo_labels = {}
    for qid, (label, types) in wd.rows.items():
        if "geographic" in types and "person" not in types:
            geo_labels.setdefault(label.upper(), []).append((qid, label))
    known = {p["name"].upper() for p in places.values()}
    known |= {a.upper() for p in places.values() for a in p["aliases"]}
    for head, variants, code in blocks:
        cid = iso3_to_country.get(code or "")
        if not cid:
            continue
        for v in variants:
            key = v.upper()
            if key in known or key in country_labels or key not in geo_labels \
                    or key in NOT_PLACES:
                continue
            hits = geo_labels[key]
            if len(hits) != 1:
                continue
            qid, label = hits[0]
            if any(label == a for c in countries.values() for a in [c["name"]] + c["aliases"]):
                continue
            pid = "place/" + slug(label)
            if pid in places:
                continue
            places[pid] = {"id": pid, "name": label, "qid": "", "country": cid, "kind": "locality",
                           "aliases": [], "_tiers": [[label]],
                           "_where": f"petrarch:{countries[cid]['iso3']}"}
            known.add(key)


def derive_spellings(petrarch, people):
    """Add PETRARCH's spelling variants of a curated person's name as aliases."""
    blocks = []
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"):
        blocks += petrarch_blocks(os.path.join(petrarch, name))
    index = collections.defaultdict(list)
    for b in blocks:
        for n in [b[0]] + b[1]:
            index[n.upper()].append(b)
    for pid, p in sorted(people.items()):
        keys = [p["name"].upper()] + [a.upper() for a in p["aliases"] if " " in a]
        found = []
        for k in keys:
            for b in index.get(k, []):
                if b not in found:
                    found.append(b)
        if len(found) != 1:
            continue
        head, variants, _ = found[0]
        extra = []
        for v in [head] + variants:
            words = v.split(" ")
            if len(words) < 2 or any(w in PETRARCH_TITLE_WORDS for w in words):
                continue
            if not re.fullmatch(r"[A-Z' .-]+", v):
                continue
            extra.append(title_case(v))
        surnames = {n.split(" ")[-1].upper() for n in [p["name"]] + p["aliases"]}
        extra = [e for e in extra if e.split(" ")[-1].upper() in surnames]
        lower = {a.lower() for a in [p["name"]] + p["aliases"]}
        added = [e for e in uniq(extra) if e.lower() not in lower]
        p["aliases"] = p["aliases"] + added


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def derive_org_spellings(petrarch, orgs):
    """One-word transliteration variants PETRARCH gives for a one-word name of ours
    (HIZBALLAH for Hezbollah, TALEBAN for Taliban). PETRARCH entries also list members
    and affiliates, so only near spellings of the same word are taken."""
    blocks = []
    for name in ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        blocks += petrarch_blocks(os.path.join(petrarch, name))
    index = collections.defaultdict(list)
    for b in blocks:
        for n in [b[0]] + b[1]:
            index[n.upper()].append(b)
    for oid, o in sorted(orgs.items()):
        words = [n for n in [o["name"]] + o["aliases"] if " " not in n and len(n) >= 5
                 and not n.isupper()]
        extra = []
        for w in words:
            for head, variants, _ in index.get(w.upper(), []):
                for v in [head] + variants:
                    if " " in v or not re.fullmatch(r"[A-Z'-]+", v) or v == w.upper():
                        continue
                    if v[0] == w[0].upper() and edit_distance(v, w.upper()) <= max(2, len(w) // 4):
                        extra.append(title_case(v))
        known = {a.lower() for a in [o["name"]] + o["aliases"]}
        o["aliases"] += [e for e in uniq(extra) if e.lower() not in known]


def assign_qids(all_entities, wd):
    by_qid = collections.defaultdict(list)
    for etype, table in all_entities:
        for eid, e in sorted(table.items()):
            if eid in NO_QID:
                warn(f"qid: {eid}: left empty on purpose ({NO_QID[eid]})")
                continue
            if eid in CERTAIN_QIDS:
                e["qid"] = CERTAIN_QIDS[eid]
            if e["qid"]:
                if not QID_RE.match(e["qid"]):
                    sys.exit(f"{e['_where']}: malformed QID {e['qid']}")
                if e["qid"] not in wd.rows and eid not in CERTAIN_QIDS:
                    warn(f"qid: {eid}: curated {e['qid']} not in wikidata-entities.tsv; left empty")
                    e["qid"] = ""
            else:
                tiers = [[strip_the(n) for n in t] + t for t in e["_tiers"]]
                qid, ambiguous = wd.match(etype, tiers)
                if qid:
                    e["qid"] = qid
                elif ambiguous:
                    warn(f"qid: {eid}: ambiguous {','.join(ambiguous)}; left empty")
                elif etype != "place" or e["kind"] in ("capital", "contested"):
                    warn(f"qid: {eid}: no match in wikidata-entities.tsv")
            if e["qid"]:
                by_qid[e["qid"]].append(eid)
    for qid, ids in sorted(by_qid.items()):
        if len(ids) > 1:
            # A QID names one thing: keep it on the entity whose own name is the label.
            label = wd.rows.get(qid, ("",))[0]
            keep = [i for i in ids if entity_name(all_entities, i) == label]
            for i in ids:
                if keep and i == keep[0]:
                    continue
                warn(f"qid: {qid} ({label}) matched {', '.join(ids)}; removed from {i}")
                set_qid(all_entities, i, "")


def entity_name(all_entities, eid):
    for _, table in all_entities:
        if eid in table:
            return table[eid]["name"]
    return None


def set_qid(all_entities, eid, qid):
    for _, table in all_entities:
        if eid in table:
            table[eid]["qid"] = qid


def clean(field):
    if "\t" in field or "\n" in field:
        sys.exit(f"field contains a tab or newline: {field!r}")
    return field


def write_tsv(out, name, header, rows, key=None):
    rows = sorted(rows, key=key or (lambda r: r[0]))
    if key is None:
        ids = [r[0] for r in rows]
        dup = [i for i, n in collections.Counter(ids).items() if n > 1]
        if dup:
            sys.exit(f"{name}: duplicate ids {dup}")
    with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(clean(x) for x in r) + "\n")


def write_lines(out, name, lines):
    lines = sorted(set(lines))
    with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as f:
        for l in lines:
            f.write(l + "\n")


if __name__ == "__main__":
    main()
