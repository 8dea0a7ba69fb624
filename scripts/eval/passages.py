#!/usr/bin/env python3
"""Passages of real news for the relation gold set (data/eval/relations.jsonl).

Reference implementation of how `newsgraph eval relations` selects passages and renders
their text from the corpora, and the converter from annotation work files (which quote
actor names) to the gold file (which stores only ids, byte offsets and checksums, never
corpus text). The Rust side (src/stance/gold.rs) must render byte-identical text; the
checksum stored per passage proves it.

  passages.py list                        ids, corpus and split of every selected passage
  passages.py show ID...                  the text of passages, one numbered sentence a line
  passages.py convert WORK.jsonl... -o OUT  annotations -> gold file (checked)

Corpus paths: --conll (CoNLL-2003 valid.txt), --gmb (GMB ner_dataset.csv), --petrarch
(PETR2_GSR_validation.xml); defaults point at ../shared/corpora.
"""
import argparse, csv, json, re, sys, xml.etree.ElementTree as ET
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
SEED = 0x5EED_2026_1217
N_CONLL, N_GMB, GMB_LEN = 70, 50, 5

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "'S", "'",
                   "n't", "N'T", "'re", "'ve", "'ll", "'d", "'m", "''", "..."}
NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}


def fnv1a64(data: bytes) -> int:
    h = 0xcbf29ce484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def key(s: str) -> int:
    """Seeded order of ids: FNV-1a of the seed's decimal digits, ':' and the id."""
    return fnv1a64(f"{SEED}:{s}".encode())


def split_of(pid: str) -> str:
    return "dev" if fnv1a64(pid.encode()) % 2 == 0 else "test"


def render(sentences, sep):
    """Token lists -> (text, sentence byte spans). Straight double quotes alternate
    open/close over the whole passage; sentences are joined by `sep`."""
    out, spans, open_quote = "", [], False
    for si, toks in enumerate(sentences):
        if si:
            out += sep
        start = len(out.encode())
        prev = None
        for tok in toks:
            space = prev is not None
            if tok == '"':
                if open_quote:
                    space = False
                open_quote = not open_quote
                is_open = open_quote
            else:
                is_open = False
            if tok in NO_SPACE_BEFORE:
                space = False
            if prev is not None and (prev[0] in NO_SPACE_AFTER or prev[1]):
                space = False
            if space:
                out += " "
            out += tok
            prev = (tok, is_open)
        spans.append((start, len(out.encode())))
    return out, spans


def conll_docs(path):
    docs, cur, sent = [], None, []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            if cur is not None and sent:
                cur.append(sent)
            sent, cur = [], []
            docs.append(cur)
            continue
        if not line.strip():
            if sent and cur is not None:
                cur.append(sent)
            sent = []
            continue
        parts = line.split(" ")
        sent.append((parts[0], parts[-1]))
    if sent and cur is not None:
        cur.append(sent)
    return docs


def entity_strings(tagged_sentences, types):
    """Distinct entity surface strings from BIO/IOB tags of the given types."""
    found, cur = set(), []
    for sent in tagged_sentences:
        for tok, tag in sent + [("", "O")]:
            t = tag.split("-", 1)[-1].lower() if tag != "O" else None
            if t in types and not (tag.startswith("B-") and cur):
                cur.append(tok)
                continue
            if cur:
                found.add(" ".join(cur))
                cur = []
            if t in types:
                cur.append(tok)
    return found


def conll_passages(path):
    docs = conll_docs(path)
    cands = []
    for d, doc in enumerate(docs):
        if len(doc) < 5:
            continue
        head = [t for t, _ in doc[0]]
        letters = "".join(ch for ch in " ".join(head) if ch.isalpha())
        if not letters or letters.isupper():
            continue  # all-caps headlines: sports results and company briefs
        if len(entity_strings(doc, {"per", "org", "loc"})) < 2:
            continue
        cands.append(d)
    cands.sort(key=lambda d: key(f"conll-valid-{d}"))
    out = {}
    for d in sorted(cands[:N_CONLL]):
        text, spans = render([[t for t, _ in s] for s in docs[d]], "\n")
        out[f"conll-valid-{d}"] = ("conll", text, spans)
    return out


def gmb_sentences(path):
    sents, cur = [], None
    with open(path, encoding="latin-1", newline="") as f:
        r = csv.reader(f)
        next(r)
        for row in r:
            if row[0].startswith("Sentence:"):
                cur = []
                sents.append(cur)
            if cur is not None:
                cur.append((row[1], row[3]))
    return sents


def gmb_passages(path):
    sents = gmb_sentences(path)
    cands = []
    for k in range(0, len(sents) - GMB_LEN + 1, GMB_LEN):
        chunk = sents[k:k + GMB_LEN]
        if len(entity_strings(chunk, {"per", "org", "gpe", "geo"})) < 3:
            continue
        cands.append(k + 1)  # GMB numbers sentences from 1
    cands.sort(key=lambda n: key(f"gmb-{n}"))
    out = {}
    for n in sorted(cands[:N_GMB]):
        text, spans = render([[t for t, _ in s] for s in sents[n - 1:n - 1 + GMB_LEN]], " ")
        out[f"gmb-{n}"] = ("gmb", text, spans)
    return out


def petrarch_passages(path):
    out = {}
    xml = open(path, encoding="utf-8").read()
    for m in re.finditer(r'<Sentence\b([^>]*)>(.*?)(?=<Sentence\b|</Sentences>)', xml, re.S):
        sid = re.search(r'\bid="([^"]+)"', m.group(1))
        txt = re.search(r"<Text>(.*?)</Text>", m.group(2), re.S)
        if not sid or not txt:
            continue
        text = " ".join(txt.group(1).split())
        out[f"petr-{sid.group(1)}"] = ("petrarch", text, [(0, len(text.encode()))])
    return out


def all_passages(a):
    ps = {}
    ps.update(conll_passages(a.conll))
    ps.update(gmb_passages(a.gmb))
    ps.update(petrarch_passages(a.petrarch))
    return ps


def find_span(text, spans, s, name, occ):
    """Byte span of `name`: its occ-th occurrence inside sentence s, else the nearest
    occurrence before the sentence, else the first after it."""
    b = text.encode()
    nb = name.encode()
    lo, hi = spans[s]
    hits = []
    i = b.find(nb)
    while i >= 0:
        hits.append(i)
        i = b.find(nb, i + 1)
    def at_boundary(i):
        before = b[i - 1:i].decode("latin-1") if i else " "
        after = b[i + len(nb):i + len(nb) + 1].decode("latin-1")
        return not (before.isalnum() or after.isalnum())
    hits = [h for h in hits if at_boundary(h)] or hits
    inside = [h for h in hits if lo <= h and h + len(nb) <= hi]
    if inside:
        if occ > len(inside):
            raise ValueError(f"{name!r}: only {len(inside)} occurrence(s) in sentence {s}")
        h = inside[occ - 1]
    else:
        before = [h for h in hits if h < lo]
        after = [h for h in hits if h >= hi]
        if before:
            h = before[-1]
        elif after:
            h = after[0]
        else:
            raise ValueError(f"{name!r} not in the passage")
    return [h, h + len(nb)]


SIGNS = {"-": "negative", "+": "positive", "0": "neutral",
         "negative": "negative", "positive": "positive", "neutral": "neutral"}
CATEGORIES = {
    "negative": {"attack", "coerce", "threaten", "criticize", "oppose", "demand"},
    "positive": {"support", "cooperate"},
    "neutral": {"meet", "ask", "statement", "other"},
}
SPEECH = {"direct", "indirect", "none"}
REFS = {"name", "pronoun", "title", "nominal", "demonym", "metonym"}


def convert(a):
    ps = all_passages(a)
    out, errors = [], 0
    annotated = set()
    for wf in a.work:
        for ln, line in enumerate(open(wf, encoding="utf-8"), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                r = json.loads(line)
                pid = r["p"]
                if pid not in ps:
                    raise ValueError(f"unknown passage {pid}")
                annotated.add(pid)
                if r.get("none"):
                    continue  # a passage read and found to hold no relation
                corpus, text, spans = ps[pid]
                s = int(r["s"])
                if not 0 <= s < len(spans):
                    raise ValueError(f"sentence {s} out of range")
                sign = SIGNS[r["sign"]]
                cat = r["cat"]
                if cat not in CATEGORIES[sign]:
                    raise ValueError(f"category {cat} does not fit sign {sign}")
                speech = r.get("speech", "none")
                if speech not in SPEECH:
                    raise ValueError(f"speech {speech}")
                src = find_span(text, spans, s, r["src"], int(r.get("src_occ", 1)))
                tgt = find_span(text, spans, s, r["tgt"], int(r.get("tgt_occ", 1)))
                if src == tgt:
                    raise ValueError("source and target are the same span")
                for k in ("src_ref", "tgt_ref"):
                    if r.get(k, "name") not in REFS:
                        raise ValueError(f"{k} {r.get(k)}")
                out.append({
                    "kind": "relation", "passage": pid, "sentence": s,
                    "evidence": list(spans[s]), "source": src, "target": tgt,
                    "sign": sign, "category": cat, "speech": speech,
                    "mutual": bool(r.get("mutual", False)),
                    "source_ref": r.get("src_ref", "name"), "target_ref": r.get("tgt_ref", "name"),
                })
            except (KeyError, ValueError, json.JSONDecodeError) as e:
                errors += 1
                print(f"{wf}:{ln}: {e}", file=sys.stderr)
    lines = []
    for pid in sorted(ps):
        corpus, text, spans = ps[pid]
        lines.append({"kind": "passage", "passage": pid, "corpus": corpus,
                      "split": split_of(pid), "checksum": f"{fnv1a64(text.encode()):016x}",
                      "sentences": len(spans), "annotated": pid in annotated})
    out.sort(key=lambda r: (r["passage"], r["sentence"], r["source"], r["target"], r["category"]))
    lines.extend(out)
    dst = open(a.out, "w", encoding="utf-8") if a.out != "-" else sys.stdout
    for r in lines:
        dst.write(json.dumps(r, separators=(",", ":")) + "\n")
    print(f"{len(out)} relations, {len(annotated)} of {len(ps)} passages annotated, "
          f"{errors} error(s)", file=sys.stderr)
    return 1 if errors else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--conll", default=str(SHARED / "conll2003" / "valid.txt"))
    ap.add_argument("--gmb", default=str(SHARED / "gmb" / "ner_dataset.csv"))
    ap.add_argument("--petrarch", default=str(SHARED / "petrarch-gsr" / "PETR2_GSR_validation.xml"))
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("list")
    sh = sub.add_parser("show")
    sh.add_argument("ids", nargs="+")
    cv = sub.add_parser("convert")
    cv.add_argument("work", nargs="+")
    cv.add_argument("-o", "--out", default="-")
    a = ap.parse_args()
    if a.cmd == "list":
        for pid, (corpus, text, spans) in sorted(all_passages(a).items()):
            print(pid, corpus, split_of(pid), len(spans), len(text.encode()), sep="\t")
    elif a.cmd == "show":
        ps = all_passages(a)
        for pid in a.ids:
            corpus, text, spans = ps[pid]
            print(f"=== {pid} ({corpus})")
            b = text.encode()
            for i, (lo, hi) in enumerate(spans):
                print(f"[{i}] {b[lo:hi].decode()}")
            print()
    elif a.cmd == "convert":
        sys.exit(convert(a))


if __name__ == "__main__":
    main()
