"""An embedded Cypher database (LadybugDB, the continuation of Kuzu) imports the Neo4j CSV
files with COPY FROM and answers Cypher queries with the counts of graph.json.

Usage: python check_ladybug.py OUT_DIR   (reads OUT_DIR/graph.json and OUT_DIR/neo4j/*.csv)
"""

import csv
import os
import re
import sys
import tempfile

try:
    import ladybug as db
except ImportError:  # the Kuzu release line has the same API
    import kuzu as db

from expected import Expected, Failures

TYPES = {"long": "INT64", "int": "INT64", "double": "DOUBLE", "float": "DOUBLE", "boolean": "BOOLEAN"}


def columns(path):
    """Column definitions from a neo4j-admin header: typed where scalar, arrays kept as text."""
    with open(path, encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    cols = []
    for i, h in enumerate(header):
        if h.startswith(":START_ID") or h.startswith(":END_ID"):
            continue
        if ":ID(" in h:
            cols.append(("id", "STRING"))
            continue
        name, _, ty = h.rpartition(":") if ":" in h else (h, "", "string")
        name = {"": "labels" if ty == "LABEL" else "rel_type"}.get(name, name)
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            name = f"c{i}"
        cols.append((name, TYPES.get(ty, "STRING")))
    return cols


def main():
    out = sys.argv[1]
    exp = Expected(out)
    neo = os.path.join(out, "neo4j")
    f = Failures(f"{db.__name__} {getattr(db, '__version__', '')}".strip())
    with tempfile.TemporaryDirectory() as tmp:
        conn = db.Connection(db.Database(os.path.join(tmp, "graph.db")))
        node_cols = columns(os.path.join(neo, "nodes.csv"))
        conn.execute(
            "CREATE NODE TABLE Actor(" + ", ".join(f"{n} {t}" for n, t in node_cols) + ", PRIMARY KEY (id))"
        )
        for rel in ("COMENTION", "STANCE"):
            cols = columns(os.path.join(neo, rel.lower() + ".csv"))
            conn.execute(
                f"CREATE REL TABLE {rel}(FROM Actor TO Actor, " + ", ".join(f"{n} {t}" for n, t in cols) + ")"
            )
        # PARALLEL=false: quoted fields may hold newlines (names, evidence sentences).
        opts = "(HEADER=true, PARALLEL=false)"
        for table, file in (("Actor", "nodes.csv"), ("COMENTION", "comention.csv"), ("STANCE", "stance.csv")):
            conn.execute(f"COPY {table} FROM '{os.path.join(neo, file)}' {opts}")

        def one(q, **params):
            r = conn.execute(q, params)
            rows = []
            while r.has_next():
                rows.append(r.get_next())
            return rows

        f.equal(one("MATCH (a:Actor) RETURN count(a)")[0][0], len(exp.nodes), "actors")
        f.equal(one("MATCH ()-[r:STANCE]->() RETURN count(r)")[0][0], len(exp.stance), "stance edges")
        f.equal(one("MATCH ()-[r:COMENTION]->() RETURN count(r)")[0][0], len(exp.comention), "co-mention edges")
        worst = one(
            "MATCH (a:Actor)-[r:STANCE]->(b:Actor) "
            "RETURN a.name, b.id, r.mean_intensity, r.negative ORDER BY r.mean_intensity ASC LIMIT 1"
        )[0]
        f.equal(worst[0], exp.most_hostile_name, "most hostile stance: source name")
        f.equal(worst[1], exp.most_hostile["target"], "most hostile stance: target id")
        f.close(worst[2], exp.most_hostile["mean_intensity"], "most hostile stance: mean intensity")
        # Every name comes back exactly, looked up by id through a parameter.
        for nid, n in exp.nodes.items():
            got = one("MATCH (a:Actor) WHERE a.id = $id RETURN a.name, a.labels", id=nid)
            if len(got) != 1:
                f.check(False, f"actor {nid!r} found {len(got)} times")
                continue
            f.equal(got[0][0], n["name"], f"name of {nid!r}")
            f.equal(got[0][1], "Actor;" + n["type"].title(), f"labels of {nid!r}")
    f.finish()


if __name__ == "__main__":
    main()
