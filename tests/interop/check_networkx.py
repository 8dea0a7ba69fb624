"""NetworkX loads node-link JSON, GraphML and GEXF with the counts and attributes of graph.json.

Usage: python check_networkx.py OUT_DIR   (the folder `build --format all` wrote)
"""

import json
import os
import sys

import networkx as nx

from expected import Expected, Failures, xml_text


def check(G, fmt, exp, f, xml):
    ident = xml_text if xml else (lambda s: s)
    f.equal(G.number_of_nodes(), len(exp.nodes), f"{fmt} node count")
    f.equal(G.number_of_edges(), len(exp.edges), f"{fmt} edge count")
    f.check(G.is_directed() and G.is_multigraph(), f"{fmt} should load as a directed multigraph")
    for nid, n in exp.nodes.items():
        key = ident(nid)
        if key not in G.nodes:
            f.check(False, f"{fmt} lacks node {nid!r}")
            continue
        a = G.nodes[key]
        name = a.get("label") if fmt == "gexf" else a.get("name")
        f.equal(name, ident(n["name"]), f"{fmt} name of {nid!r}")
        f.equal(a.get("type"), n["type"], f"{fmt} type of {nid!r}")
        f.equal(a.get("mentions"), n["mentions"], f"{fmt} mentions of {nid!r}")
        if "qid" in n:
            f.equal(a.get("qid"), n["qid"], f"{fmt} qid of {nid!r}")
        for k, v in n.get("analysis", {}).items():
            col = k if k not in ("id", "name", "type", "kind", "label") else "analysis_" + k
            col = ident(col)
            got = a.get(col)
            if isinstance(v, float):
                f.close(got, v, f"{fmt} {k} of {nid!r}")
            else:
                f.equal(got, ident(v) if isinstance(v, str) else v, f"{fmt} {k!r} of {nid!r}")
        aliases = a.get("aliases")
        if isinstance(aliases, str):
            # GraphML/GEXF: a JSON array, whose \u escapes carry even what XML cannot
            aliases = json.loads(aliases)
        f.equal(sorted(aliases), sorted(n["aliases"]), f"{fmt} aliases of {nid!r}")
    for e in exp.edges:
        u, v = ident(e["source"]), ident(e["target"])
        data = G.get_edge_data(u, v) or {}
        kinds = [d for d in data.values() if d.get("kind") == e["kind"]]
        if len(kinds) != 1:
            f.check(False, f"{fmt}: {len(kinds)} {e['kind']} edges {u!r} -> {v!r}")
            continue
        d = kinds[0]
        if e["kind"] == "stance":
            for k in ("positive", "negative", "neutral", "count"):
                f.equal(d.get(k), e[k], f"{fmt} stance {k}")
            f.close(d.get("mean_intensity"), e["mean_intensity"], f"{fmt} mean_intensity")
            f.equal(d.get("sign"), e["sign"], f"{fmt} sign")
        else:
            f.equal(d.get("sentences"), e["sentences"], f"{fmt} comention sentences")
        ev = d.get("evidence")
        if isinstance(ev, str):
            ev = json.loads(ev)
        f.equal(len(ev), len(e["evidence"]), f"{fmt} evidence count")
        if ev and e["evidence"]:
            f.equal(ev[0]["text"], e["evidence"][0]["text"], f"{fmt} evidence text")


def main():
    out = sys.argv[1]
    exp = Expected(out)
    f = Failures("networkx " + nx.__version__)
    with open(os.path.join(out, "graph.nodelink.json"), encoding="utf-8") as fh:
        data = json.load(fh)
    try:
        G = nx.node_link_graph(data, edges="edges")
    except TypeError:  # NetworkX < 3.4 knows only `link`
        G = nx.node_link_graph(data, link="links")
    check(G, "node-link", exp, f, xml=False)
    check(nx.read_graphml(os.path.join(out, "graph.graphml"), force_multigraph=True), "graphml", exp, f, xml=True)
    check(nx.read_gexf(os.path.join(out, "graph.gexf")), "gexf", exp, f, xml=True)
    f.finish()


if __name__ == "__main__":
    main()
