#!/usr/bin/env python3
"""Derives data/gazetteer/genders.tsv (first name -> M or F) for pronoun resolution.

Source: the 1990 US Census first-name frequency lists (public domain), as shipped in the
MIT-licensed PyPI package `names` 0.3.0 (`pip download names==0.3.0 --no-deps`, then
`tar xzf`): names/dist.male.first and names/dist.female.first. A name is kept when one
sex holds at least 90 % of its combined frequency; only the name and the letter are kept.

  scripts/build_name_genders.py names-0.3.0/names > data/gazetteer/genders.tsv
"""
import sys
from pathlib import Path


def read(path):
    out = {}
    for line in open(path, encoding="ascii"):
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].capitalize()] = float(parts[1])
    return out


def main():
    d = Path(sys.argv[1])
    male, female = read(d / "dist.male.first"), read(d / "dist.female.first")
    print("# first name<TAB>M|F: derived by scripts/build_name_genders.py from the 1990 US Census lists")
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m + f == 0:
            continue
        if m / (m + f) >= 0.9:
            print(f"{name}\tM")
        elif f / (m + f) >= 0.9:
            print(f"{name}\tF")


if __name__ == "__main__":
    main()
