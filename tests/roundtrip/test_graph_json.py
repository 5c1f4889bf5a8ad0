#!/usr/bin/python3
"""The graph file through networkx, and the build/query commands end to end.

Usage: test_graph_json.py DIPLOGRAPH_BINARY SOURCE_DIR

- `diplograph build` on hand-written event records (tests/data/graph/seed_events.jsonl) writes
  node-link JSON that networkx.node_link_graph reads as it is ("links", and "edges" with
  --edges-key), with the same numbers of nodes and edges and the attributes intact.
- Building in two steps with --into gives the same bytes as building at once; giving the same
  records twice changes nothing (de-duplication keeps one copy of each piece of evidence); a
  document given again (same id, or same text under another name) is not coded again.
- `query path` and `query neighbors` answer the issue's acceptance questions; unknown names get
  suggestions and exit code 1; a file of a newer format version is refused.
"""
import json
import os
import subprocess
import sys
import tempfile

import networkx as nx

BIN, SRC = sys.argv[1], sys.argv[2]
DATA = os.path.join(SRC, "tests", "data", "graph")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(*args, expect=0):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    check(p.returncode == expect, f"{' '.join(args)}: exit {p.returncode}, want {expect}\n{p.stderr}")
    return p


def read_node_link(path, key):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    try:  # networkx >= 3.4
        return data, nx.node_link_graph(data, edges=key)
    except TypeError:  # networkx 2.8 (its default, "links", needs no argument)
        return data, (nx.node_link_graph(data) if key == "links" else nx.node_link_graph(data, link=key))


with tempfile.TemporaryDirectory() as tmp:
    records = os.path.join(DATA, "seed_events.jsonl")
    graph = os.path.join(tmp, "graph.json")
    run("build", records, "-o", graph, "-q")
    data, G = read_node_link(graph, "links")
    events = [l for l in data["links"] if l["type"] == "event"]
    affiliations = [l for l in data["links"] if l["type"] == "affiliation"]
    check(isinstance(G, nx.MultiDiGraph), "a directed multigraph")
    check(G.number_of_nodes() == len(data["nodes"]) == 8, f"nodes {G.number_of_nodes()}")
    check(len(events) == 7, f"events {len(events)}")
    check(G.number_of_edges() == len(events) + len(affiliations),
          f"edges {G.number_of_edges()} != {len(events)} + {len(affiliations)}")
    check(len(affiliations) == 5, f"affiliations {len(affiliations)} (4 people and US Forces Japan)")
    check(G.nodes["state/JPN"]["name"] == "Japan" and G.nodes["state/JPN"]["kind"] == "state",
          "node attributes")
    lai = [d for _, _, d in G.out_edges("person/lai-ching-te", data=True) if d["type"] == "event"]
    check(any(d["cameo"] == "051" and isinstance(d["cameo"], str) for d in lai), "CAMEO as a string")
    check(all(d["provenance"][0]["evidence"] for d in lai), "evidence kept")
    check(data["graph"]["format_version"] == 1, "format version")
    check(G.graph["format"] == "diplograph", "graph attributes")

    edges_file = os.path.join(tmp, "edges.json")
    run("build", records, "-o", edges_file, "-q", "--edges-key")
    _, H = read_node_link(edges_file, "edges")
    check(H.number_of_edges() == G.number_of_edges(), "the 'edges' key reads the same")

    # Incremental equals batch; the same input twice changes nothing.
    with open(records, encoding="utf-8") as f:
        lines = f.readlines()
    part_a, part_b = os.path.join(tmp, "a.jsonl"), os.path.join(tmp, "b.jsonl")
    with open(part_a, "w", encoding="utf-8") as f:
        f.writelines(lines[:12])
    with open(part_b, "w", encoding="utf-8") as f:
        f.writelines(lines[:9] + lines[12:])
    step = os.path.join(tmp, "step.json")
    run("build", part_b, "-o", step, "-q")
    run("build", part_a, "--into", step, "-q")
    run("build", records, "--into", step, "-q")
    with open(step, "rb") as f1, open(graph, "rb") as f2:
        check(f1.read() == f2.read(), "build A, then --into with B and again with all == build all")
    check(not [n for n in os.listdir(tmp) if ".tmp-" in n], "no temporary file left")

    # The acceptance questions.
    p = run("query", graph, "path", "Lai Ching-te", "United States")
    check("person/lai-ching-te" in p.stdout and "state/USA" in p.stdout and '"' in p.stdout,
          "path with evidence:\n" + p.stdout)
    p = run("query", graph, "neighbors", "Japan", "--hops", "1", "--json")
    ids = {n["id"] for n in json.loads(p.stdout)["neighbors"]}
    check({"state/TWN", "state/USA"} <= ids, f"Japan's neighbours {ids}")
    p = run("query", graph, "path", "Japn", "Taiwan", expect=1)
    check("did you mean" in p.stderr and "state/JPN" in p.stderr, "suggestions:\n" + p.stderr)
    p = run("query", graph, "rank", "--by", "pagerank", "--json")
    ranking = json.loads(p.stdout)["ranking"]
    # PageRank as networkx computes it on the event multigraph (weight = number of events).
    E = nx.DiGraph()
    E.add_nodes_from(G.nodes())
    for u, v, d in G.edges(data=True):
        if d["type"] == "event":
            E.add_edge(u, v, count=E.get_edge_data(u, v, {"count": 0})["count"] + 1)
    pr = nx.pagerank(E, alpha=0.85, weight="count", tol=1e-10)
    check(all(abs(r["score"] - pr[r["id"]]) < 1e-8 for r in ranking), "PageRank equals networkx's")
    p = run("query", graph, "rank", "--by", "betweenness", "--direction", "both", "--json", "--top", "0")
    bc = nx.betweenness_centrality(nx.Graph(E), normalized=False)
    check(all(abs(r["score"] - bc[r["id"]]) < 1e-9 for r in json.loads(p.stdout)["ranking"]),
          "undirected betweenness equals networkx's")
    run("query", graph, "stats")
    run("query", graph, "dyad", "Japan", "Taiwan")

    # Documents (through the extractor): the same article again, or a copy under another name,
    # is not coded twice, whatever the extractor finds in it.
    article = os.path.join(SRC, "graphs", "examples", "01-japan-taiwan.txt")
    copy = os.path.join(tmp, "copy-of-article.txt")
    with open(article, "rb") as f, open(copy, "wb") as g:
        g.write(f.read())
    docs = os.path.join(tmp, "docs.json")
    run("build", article, "-o", docs, "-q")
    with open(docs, "rb") as f:
        once = f.read()
    check(len(json.loads(once)["graph"]["documents"]) == 1, "the document is remembered")
    p = run("build", article, copy, "--into", docs)
    with open(docs, "rb") as f:
        check(f.read() == once, "the same document given again is coded once")
    check("not coded again" in p.stderr, "and the user is told:\n" + p.stderr)

    newer = os.path.join(tmp, "newer.json")
    data["graph"]["format_version"] = 99
    with open(newer, "w", encoding="utf-8") as f:
        json.dump(data, f)
    p = run("query", newer, "stats", expect=1)
    check("newer" in p.stderr, "newer format refused:\n" + p.stderr)
    run("build", records, expect=2)  # neither -o nor --into
    run("query", graph, "path", "Japan", "Taiwan", "--weight", "friendship", expect=2)
    run("query", graph, "--since", "yesterday", "stats", expect=2)
    p = run("query", graph, "--quad", "4", "stats", "--json")
    check(json.loads(p.stdout)["events"] == 0, "filters apply to queries (no QuadClass 4 event)")

if failures:
    sys.exit(f"{len(failures)} failure(s)")
print("ok")
