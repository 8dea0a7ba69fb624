#!/usr/bin/env python3
"""Build the NER gazetteers in data/models/lexicon/ from reference facts.

Inputs (names and facts only, never corpus text):
  /work/shared/reference/petrarch/Phoenix.{Countries,International,MilNonState}.actors.txt
  /work/shared/reference/wikidata-entities.tsv  (qid, label, types, surface forms)

Outputs one lowercased, whitespace-tokenised name per line, sorted and unique:
  countries, demonyms, places, organizations, first_names, people, misc.

Usage: python3 scripts/build_tagger_lexicon.py [--with-wikidata] [REFERENCE_DIR] [OUT_DIR]

wikidata-entities.tsv is left out by default: its surface forms cover 71% of the entity
strings of CoNLL-2003 valid.txt but only 17% of train.txt (it was evidently harvested
from the AIDA-CoNLL annotations), so a gazetteer built from it leaks the dev set into
the model and inflates dev scores. Pass --with-wikidata to measure that effect.
"""
import os
import re
import sys
from collections import Counter

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
WITH_WIKIDATA = "--with-wikidata" in sys.argv[1:]
REF = ARGS[0] if len(ARGS) > 0 else "/work/shared/reference"
OUT = ARGS[1] if len(ARGS) > 1 else os.path.join(os.path.dirname(__file__), "..", "data", "models", "lexicon")

DEMONYM = re.compile(r"^[a-z]+(ian|ean|an|ese|ish|i|ch|ic|ot|er)s?$")
TITLES = {
    "president", "prime", "minister", "king", "queen", "prince", "princess", "general", "gen.", "sheikh",
    "dr.", "mr.", "mrs.", "ms.", "sir", "lord", "pope", "saint", "st.", "el", "al", "the", "of", "de", "and",
    "col.", "colonel", "captain", "capt.", "lt.", "maj.", "major", "sultan", "emir", "chief", "secretary",
}


def norm(raw):
    """Petrarch or Wikidata name -> lowercased tokens joined by single spaces, or None."""
    s = raw.split("#")[0].strip().strip("+").strip()
    s = re.sub(r"\[.*?\]", " ", s)
    s = re.sub(r"\(.*?\)", " ", s)
    s = s.replace("_", " ")
    s = re.sub(r"'s\b", " 's", s, flags=re.I)
    s = re.sub(r"[,;:\"]", " ", s)
    toks = s.lower().split()
    if not toks or len(toks) > 6:
        return None
    if any(not re.search(r"[a-z\u00c0-\u024f]", t) and t not in {"&", "-", "'s"} for t in toks):
        return None
    return " ".join(toks)


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read().splitlines()


def petrarch_blocks(lines):
    """Yields (header line, [alias lines], [code lines]) for each actor entry."""
    head, aliases, codes = None, [], []
    for line in lines:
        if line.startswith("#") or not line.strip():
            if head is not None:
                yield head, aliases, codes
            head, aliases, codes = None, [], []
        elif line.startswith("+"):
            if head is not None:
                aliases.append(line)
        elif line[0] in " \t":
            if head is not None:
                codes.append(line)
        else:
            if head is not None:
                yield head, aliases, codes
            head, aliases, codes = line, [], []
    if head is not None:
        yield head, aliases, codes


def main():
    lists = {k: set() for k in ["countries", "demonyms", "places", "organizations", "first_names", "people", "misc"]}
    pet = os.path.join(REF, "petrarch")

    # Countries file: "NAME_ [ISO]" headers open a country block whose aliases mix spelling
    # variants, demonyms and cities; other headers are people (with role codes).
    country_hdr = re.compile(r"^([^\s#\[]+)\s+\[([A-Z]{3})\]\s*$")
    for head, aliases, codes in petrarch_blocks(read(os.path.join(pet, "Phoenix.Countries.actors.txt"))):
        m = country_hdr.match(head)
        if m:
            name = norm(m.group(1))
            if name:
                lists["countries"].add(name)
            for a in aliases:
                n = norm(a)
                if not n:
                    continue
                # A demonym shares its stem with the country ("iraqi", "iraq"); cities such
                # as "rawalpindi" end like demonyms but do not.
                if (" " not in n and DEMONYM.match(n) and not n.endswith("stan") and len(n) >= 4
                        and name and n[:3] == name[:3]):
                    lists["demonyms"].add(n)
                elif name and name.split()[-1] in n.split():
                    lists["countries"].add(n)
                else:
                    lists["places"].add(n)
        elif "[" not in head:
            for raw in [head] + aliases:
                n = norm(raw)
                if n and len(n.split()) >= 2:
                    lists["people"].add(n)

    # International and militant actors: organizations, except entries with dated roles (people).
    for fname in ["Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"]:
        for head, aliases, codes in petrarch_blocks(read(os.path.join(pet, fname))):
            dated = any(re.search(r"\[[A-Z]+ [<>]?\d{6}", c) for c in codes + [head])
            target = "people" if dated else "organizations"
            for raw in [head] + aliases:
                n = norm(raw)
                if n:
                    lists[target].add(n)

    # Wikidata entities: labels and surface forms by type.
    wikidata = read(os.path.join(REF, "wikidata-entities.tsv")) if WITH_WIKIDATA else []
    for i, line in enumerate(wikidata):
        parts = line.split("\t")
        if i == 0 or len(parts) < 4:
            continue
        _, label, types, forms = parts[:4]
        types = set(types.split(","))
        names = {norm(label)} | {norm(f) for f in forms.split("|")}
        names.discard(None)
        lab = norm(label)
        if "person" in types:
            target = "people"
        elif "geographic" in types:
            target = "countries" if lab in lists["countries"] else "places"
        elif "organization" in types:
            target = "organizations"
        elif types & {"event", "creative_work", "product"}:
            target = "misc"
        else:
            continue
        for n in names:
            if target in ("countries", "places") and n != lab and " " not in n and DEMONYM.match(n) and not n.endswith("stan"):
                # "Japanese" for Japan: a demonym, unless it is the place's own name.
                lists["demonyms"].add(n)
            elif target == "people" and len(n.split()) == 1:
                continue  # a bare surname is too ambiguous to list as a person
            else:
                lists[target].add(n)

    first = Counter()
    for n in lists["people"]:
        toks = n.split()
        if len(toks) >= 2 and toks[0] not in TITLES and re.fullmatch(r"[a-z\u00c0-\u024f]{2,}", toks[0]):
            first[toks[0]] += 1
    lists["first_names"] = {t for t, c in first.items() if c >= 2}

    os.makedirs(OUT, exist_ok=True)
    for name, items in lists.items():
        with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8") as f:
            for n in sorted(items):
                f.write(n + "\n")
        print(f"{name}: {len(items)}", file=sys.stderr)


if __name__ == "__main__":
    main()
