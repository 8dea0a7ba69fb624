"""pyoxigraph parses the Turtle export and answers SPARQL queries with graph.json's facts.

Usage: python check_rdf.py OUT_DIR   (reads OUT_DIR/graph.ttl and OUT_DIR/graph.json)
"""

import os
import sys

import pyoxigraph as ox

from expected import Expected, Failures

PREFIXES = """
PREFIX ng: <urn:newsgraph:vocab:>
PREFIX schema: <https://schema.org/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


def main():
    out = sys.argv[1]
    exp = Expected(out)
    f = Failures("pyoxigraph " + ox.__version__ if hasattr(ox, "__version__") else "pyoxigraph")
    store = ox.Store()
    store.load(path=os.path.join(out, "graph.ttl"), format=ox.RdfFormat.TURTLE)

    def rows(q):
        return list(store.query(PREFIXES + q))

    f.equal(int(rows("SELECT (COUNT(?a) AS ?n) WHERE { ?a a ng:Actor }")[0]["n"].value), len(exp.nodes), "actors")
    f.equal(int(rows("SELECT (COUNT(?e) AS ?n) WHERE { ?e a ng:Stance }")[0]["n"].value), len(exp.stance), "stance statements")
    f.equal(int(rows("SELECT (COUNT(?e) AS ?n) WHERE { ?e a ng:Comention }")[0]["n"].value), len(exp.comention), "co-mention statements")
    worst = rows(
        "SELECT ?name ?target ?m WHERE { ?e a ng:Stance ; rdf:subject ?s ; rdf:object ?o ; ng:meanIntensity ?m . "
        "?s schema:name ?name . ?o ng:id ?target } ORDER BY ?m LIMIT 1"
    )[0]
    f.equal(worst["name"].value, exp.most_hostile_name, "most hostile stance: source name")
    f.equal(worst["target"].value, exp.most_hostile["target"], "most hostile stance: target id")
    hostile = int(rows("SELECT (COUNT(*) AS ?n) WHERE { ?s ng:hostileToward ?o }")[0]["n"].value)
    f.equal(hostile, sum(1 for e in exp.stance if e["sign"] == "negative"), "hostileToward statements")
    for nid, n in exp.nodes.items():
        got = rows('SELECT ?name ?same WHERE { ?a ng:id ?id ; schema:name ?name OPTIONAL { ?a owl:sameAs ?same } }'
                   .replace("?id", ox.Literal(nid).__str__()))
        if len(got) != 1:
            f.check(False, f"actor {nid!r} found {len(got)} times")
            continue
        f.equal(got[0]["name"].value, n["name"], f"name of {nid!r}")
        same = got[0]["same"].value if got[0]["same"] is not None else None
        want = f"http://www.wikidata.org/entity/{n['qid']}" if "qid" in n else None
        f.equal(same, want, f"owl:sameAs of {nid!r}")
    f.finish()


if __name__ == "__main__":
    main()
