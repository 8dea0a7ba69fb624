"""What every client must find: read from the graph.json written beside the other formats."""

import json
import os
import sys


class Expected:
    def __init__(self, out_dir: str):
        with open(os.path.join(out_dir, "graph.json"), encoding="utf-8") as f:
            doc = json.load(f)
        self.nodes = {n["id"]: n for n in doc["nodes"]}
        self.edges = doc["edges"]
        self.stance = [e for e in self.edges if e["kind"] == "stance"]
        self.comention = [e for e in self.edges if e["kind"] == "comention"]
        worst = min(self.stance, key=lambda e: e["mean_intensity"])
        self.most_hostile = worst
        self.most_hostile_name = self.nodes[worst["source"]]["name"]


def xml_text(s: str) -> str:
    """What an XML reader gets back: XML 1.0 cannot carry NUL and most control characters."""
    def ok(c):
        o = ord(c)
        return c in "\t\n\r" or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or o >= 0x10000
    return "".join(c for c in s if ok(c))


class Failures:
    def __init__(self, what: str):
        self.what = what
        self.problems = []

    def check(self, cond: bool, message: str):
        if not cond:
            self.problems.append(message)

    def equal(self, got, want, message: str):
        if got != want:
            self.problems.append(f"{message}: got {got!r}, want {want!r}")

    def close(self, got, want, message: str):
        if got is None or abs(float(got) - float(want)) > 1e-6:
            self.problems.append(f"{message}: got {got!r}, want {want!r}")

    def finish(self):
        if self.problems:
            for p in self.problems[:30]:
                print(f"{self.what}: {p}", file=sys.stderr)
            print(f"{self.what}: {len(self.problems)} problems", file=sys.stderr)
            sys.exit(1)
        print(f"{self.what}: ok")
