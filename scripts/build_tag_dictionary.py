#!/usr/bin/env python3
"""Build data/models/tagdict.txt: which Penn Treebank tags each English word can take.

Source: Eric Brill's tagger lexicon (word -> possible tags, most frequent first, derived
from the Penn Treebank WSJ and Brown corpora), as shipped in the MIT-licensed npm package
`natural` 8.1.1 at lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json.
Fetch it with `npm pack natural@8.1.1 && tar xzf natural-8.1.1.tgz`.

Only facts are kept: a word and the set of tags it is known to take, in the source's
order. Tags outside the 45-tag Penn set are dropped; "A|B" entries count as A and B.

Output: one `word<TAB>TAG TAG ...` line per word, sorted by word (bytes), unique.

Usage: python3 scripts/build_tag_dictionary.py LEXICON_JSON [OUT]
"""
import json
import os
import sys

PENN = set(
    "CC CD DT EX FW IN JJ JJR JJS LS MD NN NNS NNP NNPS PDT POS PRP PRP$ RB RBR RBS RP SYM TO "
    "UH VB VBD VBG VBN VBP VBZ WDT WP WP$ WRB # $ . , : ( ) `` ''".split()
)


def main():
    src = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(__file__), "..", "data", "models", "tagdict.txt")
    with open(src, encoding="utf-8") as f:
        lexicon = json.load(f)
    rows = {}
    for word, tags in lexicon.items():
        if not word or any(c.isspace() for c in word):
            continue
        kept = []
        for entry in tags:
            for tag in entry.split("|"):
                if tag in PENN and tag not in kept:
                    kept.append(tag)
        if kept:
            rows[word] = kept
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for word in sorted(rows, key=lambda w: w.encode("utf-8")):
            f.write(word + "\t" + " ".join(rows[word]) + "\n")
    print(f"{len(rows)} words -> {out}")


if __name__ == "__main__":
    main()
