#!/usr/bin/env python3
"""The node-judging set (data/eval/nodes.jsonl): real news articles chosen by a seeded
hash, and judged mentions of the nodes sampled from newsgraph's output on them.

  nodes.py select > OUT                 the article lines (ids, checksums), fixed first
  nodes.py sample DUMP [-n K] > SHEET   stratified sample of nodes (seeded hash of node
                                        ids) from `newsgraph eval nodes --dump DUMP`, with
                                        up to four mention contexts each, for judging
  nodes.py convert DUMP WORK -o OUT     judgements (work file) -> mention lines, appended
                                        to the article lines (checked)

Selection and rendering follow passages.py (same renderer, same filters), with their own
seed; CoNLL-2003 train.txt documents and GMB five-sentence runs. See data/eval/PROTOCOL.md.
"""
import argparse, json, sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import passages as P  # noqa: E402

SEED = 0x5EED_2026_1203
N_CONLL, N_GMB = 100, 60
PER_TYPE = {"person": 30, "organization": 30, "place": 30, "country": 25}
CONTEXTS = 4


def key(s):
    return P.fnv1a64(f"{SEED}:{s}".encode())


def select(a):
    docs = P.conll_docs(a.conll_train)
    cands = []
    for d, doc in enumerate(docs):
        if len(doc) < 5:
            continue
        head = [t for t, _ in doc[0]]
        letters = "".join(ch for ch in " ".join(head) if ch.isalpha())
        if not letters or letters.isupper():
            continue
        if len(P.entity_strings(doc, {"per", "org", "loc"})) < 2:
            continue
        cands.append(d)
    cands.sort(key=lambda d: key(f"conll-train-{d}"))
    out = []
    for d in sorted(cands[:N_CONLL]):
        text, spans = P.render([[t for t, _ in s] for s in docs[d]], "\n")
        out.append((f"conll-train-{d}", "conll", text, spans))
    sents = P.gmb_sentences(a.gmb)
    cands = []
    for k in range(0, len(sents) - P.GMB_LEN + 1, P.GMB_LEN):
        if len(P.entity_strings(sents[k:k + P.GMB_LEN], {"per", "org", "gpe", "geo"})) >= 3:
            cands.append(k + 1)
    cands.sort(key=lambda n: key(f"gmb-{n}"))
    for n in sorted(cands[:N_GMB]):
        text, spans = P.render([[t for t, _ in s] for s in sents[n - 1:n - 1 + P.GMB_LEN]], " ")
        out.append((f"gmb-{n}", "gmb", text, spans))
    for pid, corpus, text, spans in out:
        print(json.dumps({"kind": "article", "article": pid, "corpus": corpus,
                          "checksum": f"{P.fnv1a64(text.encode()):016x}",
                          "sentences": len(spans)}, separators=(",", ":")))


def load_dump(path):
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    nodes = defaultdict(list)
    for r in rows:
        nodes[r["node"]].append(r)
    for ms in nodes.values():
        ms.sort(key=lambda r: key(f"{r['article']}:{r['start']}"))
    return nodes


def shown(ms):
    return ms[:CONTEXTS]


def related(nodes, nid):
    """Other nodes sharing a capitalised word of 3+ letters with this node's name or
    aliases: where a duplicate would be."""
    def words(n):
        ms = nodes[n]
        out = set(ms[0]["name"].split())
        for m in ms:
            out |= set(m["text"].replace("'s", "").split())
        return {w.strip(".,") for w in out if len(w.strip(".,")) >= 3 and w[:1].isupper()}
    mine = words(nid)
    return sorted(n for n in nodes if n != nid and words(n) & mine)


def sample(a):
    nodes = load_dump(a.dump)
    by_type = defaultdict(list)
    for nid, ms in nodes.items():
        by_type[ms[0]["etype"].lower()].append(nid)
    for t, k in PER_TYPE.items():
        ids = sorted(by_type[t], key=key)[:k]
        for nid in sorted(ids):
            ms = nodes[nid]
            print(f"### {nid}  [{t}]  name={ms[0]['name']!r} qid={ms[0].get('qid')} "
                  f"mentions={len(ms)} articles={len({m['article'] for m in ms})}")
            for i, m in enumerate(shown(ms)):
                print(f"  m{i} {m['article']} {m['start']}-{m['end']} {m['text']!r}: "
                      f"{m['context']}")
            for r in related(nodes, nid)[:8]:
                rm = nodes[r][0]
                print(f"  ~ {r} name={rm['name']!r} ({len(nodes[r])}): {rm['article']} "
                      f"{rm['text']!r}: {rm['context'][:160]}")
            print()


LABELS = {"right", "type", "ref", "junk", "notent"}


def convert(a):
    nodes = load_dump(a.dump)
    articles = [l for l in open(a.articles, encoding="utf-8") if '"kind":"article"' in l]
    out, errors, judged = [], 0, 0
    for ln, line in enumerate(open(a.work, encoding="utf-8"), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            w = json.loads(line)
            nid = w["node"]
            if nid not in nodes:
                raise ValueError(f"unknown node {nid}")
            judged += 1
            default = w["v"]
            per = w.get("m", {})
            for i, m in enumerate(shown(nodes[nid])):
                j = dict(default=default)
                j.update({"v": default, "ref": w.get("ref"), "type": w.get("type"),
                          "exact": w.get("exact")})
                if f"m{i}" in per:
                    j.update(per[f"m{i}"])
                v = j["v"]
                if v not in LABELS:
                    raise ValueError(f"label {v}")
                rec = {"kind": "mention", "article": m["article"], "span": [m["start"], m["end"]],
                       "role": "sample", "node": nid}
                if v in ("junk", "notent"):
                    rec["label"] = "junk" if v == "junk" else "not-entity"
                else:
                    rec["label"] = "entity"
                if j.get("ref"):
                    if not j.get("type"):
                        raise ValueError("ref without type")
                    rec["ref"], rec["type"] = j["ref"], j["type"]
                    if v == "junk":
                        # a cut or overlong span around a real name: where the name is
                        ex = j.get("exact")
                        if not ex:
                            raise ValueError("junk with ref needs exact")
                        k = m["text"].find(ex)
                        if k < 0:
                            raise ValueError(f"{ex!r} not inside {m['text']!r}")
                        s = m["start"] + len(m["text"][:k].encode())
                        rec["exact"] = [s, s + len(ex.encode())]
                    if v == "ref":
                        rec["not"] = nid
                elif v in ("right", "type", "ref"):
                    raise ValueError("entity label needs ref and type")
                out.append(rec)
            for d in w.get("dups", []):
                if d not in nodes:
                    raise ValueError(f"unknown duplicate node {d}")
                m = nodes[d][0]
                out.append({"kind": "mention", "article": m["article"],
                            "span": [m["start"], m["end"]], "role": "witness", "node": d,
                            "label": "entity", "ref": w["ref"], "type": w["type"]})
        except (KeyError, ValueError, json.JSONDecodeError) as e:
            errors += 1
            print(f"{a.work}:{ln}: {e}", file=sys.stderr)
    seen, uniq = set(), []
    for r in sorted(out, key=lambda r: (r["article"], r["span"], r["role"] != "sample")):
        k = (r["article"], tuple(r["span"]))
        if k in seen:
            continue
        seen.add(k)
        uniq.append(r)
    with open(a.out, "w", encoding="utf-8") as f:
        f.writelines(articles)
        for r in uniq:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    print(f"{judged} nodes judged, {len(uniq)} mentions, {errors} error(s)", file=sys.stderr)
    return 1 if errors else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--conll-train", default=str(P.SHARED / "conll2003" / "train.txt"))
    ap.add_argument("--gmb", default=str(P.SHARED / "gmb" / "ner_dataset.csv"))
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("select")
    s = sub.add_parser("sample")
    s.add_argument("dump")
    c = sub.add_parser("convert")
    c.add_argument("dump")
    c.add_argument("work")
    c.add_argument("--articles", default="data/eval/nodes.jsonl")
    c.add_argument("-o", "--out", default="data/eval/nodes.jsonl")
    a = ap.parse_args()
    if a.cmd == "select":
        select(a)
    elif a.cmd == "sample":
        sample(a)
    else:
        sys.exit(convert(a))


if __name__ == "__main__":
    main()
