"""Checks a graph in a Bolt server (ArcadeDB here) through the official neo4j driver.

Usage:
  python check_bolt.py script URI DATABASE OUT_DIR   run OUT_DIR/graph.cypher twice, then check
  python check_bolt.py counts URI DATABASE OUT_DIR   check what `newsgraph push` wrote
The password is read from NEWSGRAPH_TEST_PASSWORD; the user is root (ArcadeDB's admin).
"""

import os
import sys

from neo4j import GraphDatabase

from expected import Expected, Failures


def counts(session):
    one = lambda q: session.run(q).single()[0]
    return (
        one("MATCH (n:Actor) RETURN count(n)"),
        one("MATCH ()-[r:STANCE]->() RETURN count(r)"),
        one("MATCH ()-[r:COMENTION]->() RETURN count(r)"),
    )


def run_script(session, path):
    with open(path, encoding="utf-8") as fh:
        statements = [line for line in fh.read().split("\n") if line.strip() and not line.startswith("//")]
    for st in statements:
        session.run(st.rstrip().rstrip(";")).consume()
    return len(statements)


def check(session, exp, f, label):
    want = (len(exp.nodes), len(exp.stance), len(exp.comention))
    f.equal(counts(session), want, f"{label}: (actors, stance, co-mention)")
    for t in ("Person", "Country", "Organization", "Place"):
        n = session.run(f"MATCH (n:{t}) RETURN count(n)").single()[0]
        f.equal(n, sum(1 for x in exp.nodes.values() if x["type"].title() == t), f"{label}: {t} count")
    worst = session.run(
        "MATCH (a:Actor)-[r:STANCE]->(b:Actor) RETURN a.name AS name, b.id AS target, r.mean_intensity AS m "
        "ORDER BY r.mean_intensity ASC LIMIT 1"
    ).single()
    f.equal(worst["name"], exp.most_hostile_name, f"{label}: most hostile stance source")
    f.equal(worst["target"], exp.most_hostile["target"], f"{label}: most hostile stance target")
    for nid, n in exp.nodes.items():
        rec = session.run("MATCH (a:Actor) WHERE a.id = $id RETURN a.name AS name, a.aliases AS aliases", id=nid).data()
        if len(rec) != 1:
            f.check(False, f"{label}: actor {nid!r} found {len(rec)} times")
            continue
        f.equal(rec[0]["name"], n["name"], f"{label}: name of {nid!r}")
        f.equal(rec[0]["aliases"], sorted(n["aliases"]), f"{label}: aliases of {nid!r}")


def main():
    mode, uri, database, out = sys.argv[1:5]
    exp = Expected(out)
    f = Failures(f"bolt {mode}")
    driver = GraphDatabase.driver(uri, auth=("root", os.environ["NEWSGRAPH_TEST_PASSWORD"]))
    try:
        with driver.session(database=database) as session:
            if mode == "script":
                path = os.path.join(out, "graph.cypher")
                n = run_script(session, path)
                check(session, exp, f, "after one run")
                run_script(session, path)
                check(session, exp, f, f"after a second run ({n} statements)")
            else:
                check(session, exp, f, "after push")
    finally:
        driver.close()
    f.finish()


if __name__ == "__main__":
    main()
