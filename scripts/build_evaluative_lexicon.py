#!/usr/bin/env python3
"""Derives data/stance/evaluative.tsv: words that evaluate what they describe, with a
valence from -4 (most negative) to +4, for the sign of what a speaker says about an actor.

Source: the VADER sentiment lexicon (C.J. Hutto, MIT licence), `vader_lexicon.txt` in the
PyPI package vaderSentiment 3.3.2 (`pip download vaderSentiment==3.3.2 --no-deps`, unzip).
Kept: lower-case alphabetic words of at least three letters whose mean rating is at least
1.0 away from zero and whose ratings agree (standard deviation below 1.6), minus chat slang;
only the word and its mean are kept. Words the stance lexicon already treats as events
(attack, kill, support ...) are left to it: the stance rules read this file only for
adjectives and nouns that describe an actor or its conduct.

  scripts/build_evaluative_lexicon.py vaderSentiment/vader_lexicon.txt > data/stance/evaluative.tsv
"""
import sys

SLANG = {
    "lol", "lmao", "lmfao", "rofl", "wtf", "omg", "haha", "hahaha", "hehe", "xoxo", "yay",
    "meh", "ugh", "bff", "fml", "smh", "sux", "luv", "wow", "woo", "yeah", "yes", "gr8",
    "kewl", "lovey", "huggy", "cutie", "crazier", "craziest", "fubar", "jk", "pmsl", "wtg",
    "yummy", "xd", "ftw", "fav", "faved", "bestie", "lolz", "lulz", "oops", "ohh", "ooh",
    "damn", "dammit", "damnit", "shit", "shitty", "fuck", "fucked", "fucking", "bitch", "ass",
    "asshole", "bastard", "bullshit", "crap", "crappy", "piss", "pissed", "dick", "dumbass",
    "hell", "heck", "god", "christ", "jesus", "kiss", "hug", "hugs", "lover", "sexy", "lmao",
    "like", "likes", "liked", "please", "thanks", "thank", "ok", "okay", "fun", "funny",
    "haha", "joke", "jokes", "play", "playing", "party", "smile", "smiles", "laugh", "laughs",
}


# Our own entries for words of political news VADER lacks or rates with disagreeing raters;
# they win over VADER's row for the same word.
CURATED = {
    "crimes": -2.5, "aggression": -2.5, "aggressive": -1.5, "catastrophic": -2.5,
    "unwise": -1.5, "dishonorable": -2.0, "dishonourable": -2.0, "rubbish": -1.5,
    "atrocities": -3.0, "atrocity": -3.0, "genocide": -3.5, "massacre": -3.0,
    "provocation": -1.5, "provocations": -1.5, "provocative": -1.5, "hypocrisy": -2.0,
    "interference": -1.2, "meddling": -1.5, "illegitimate": -2.0, "unlawful": -2.0,
    "lawless": -2.0, "destabilizing": -1.5, "destabilising": -1.5, "corrupt": -2.2,
    "corruption": -2.2, "tyrant": -2.5, "dictator": -2.0, "dictatorship": -2.0,
    "thugs": -2.3, "terrorism": -3.0, "terrorists": -3.2, "extremist": -2.0,
    "extremists": -2.0, "criminals": -2.4, "murderers": -3.0, "warmonger": -2.5,
    "warmongering": -2.5, "lies": -1.8, "lying": -2.0, "deceit": -2.0, "deceitful": -2.2,
    "treacherous": -2.4, "betrayal": -2.5, "unacceptable": -2.0, "outrageous": -2.0,
    "shameful": -2.2, "disgraceful": -2.3, "irresponsible": -1.9, "reckless": -1.7,
    "barbaric": -3.0, "inhumane": -2.8, "cruel": -2.5, "oppressive": -2.2,
    "repressive": -2.2, "unjust": -2.0, "unfair": -1.6, "baseless": -1.6,
    "groundless": -1.6, "fabricated": -1.8, "bullying": -2.0, "coercive": -1.5,
    "fruitful": 1.8, "productive": 1.5, "constructive": 1.6, "statesmanlike": 1.6,
    "brotherly": 1.6, "courageous": 2.4, "wise": 1.8, "wisdom": 1.8, "commendable": 2.0,
    "admirable": 2.2, "honourable": 1.8, "honorable": 1.8, "trustworthy": 2.0,
    "reliable": 1.5, "responsible": 1.2, "generous": 2.0, "heroic": 2.4, "heroes": 2.0,
    "visionary": 1.8, "steadfast": 1.6, "invaluable": 2.0,
}


# An actor's own readiness or mood ("the IAEA remained ready to resume talks", "confident
# that"): it describes the actor, it does not judge it.
DISPOSITION = {
    "ready", "willing", "prepared", "able", "eager", "keen", "determined", "confident",
    "committed", "hopeful", "optimistic", "sure", "certain", "happy", "glad", "pleased",
}


def main():
    rows = []
    for line in open(sys.argv[1], encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3:
            continue
        word, mean, sd = parts[0], float(parts[1]), float(parts[2])
        if not (word.isalpha() and word.islower() and word.isascii() and len(word) >= 3):
            continue
        if word in SLANG or word in DISPOSITION or abs(mean) < 1.0 or sd >= 1.6:
            continue
        rows.append((word, mean))
    rows = [(w, m) for w, m in rows if w not in CURATED] + sorted(CURATED.items())
    print("# word<TAB>valence (-4..4): derived by scripts/build_evaluative_lexicon.py from VADER (MIT)")
    for word, mean in sorted(dict(rows).items()):
        print(f"{word}\t{mean:.1f}")


if __name__ == "__main__":
    main()
