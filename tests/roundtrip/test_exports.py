#!/usr/bin/python3
"""Round trips of `diplograph export` through the real clients.

  /usr/bin/python3 test_exports.py path/to/diplograph SOURCE_DIR

The graph tests/data/io/hostile_graph.json (hand-written node-link JSON: an actor whose name
holds quotes, backslashes, <b>, &, a newline, an emoji and a trailing backslash, an actor whose
id is the DOT keyword "node", parallel events, an undated event) is exported to every format and
loaded back with the tool analysts use: networkx (read_graphml, read_gexf, node_link_graph),
igraph (Graph.Read_GraphML), Graphviz (dot -Tsvg, pygraphviz), Cytoscape.js (node), the csv
module. Node and edge counts and a few attributes are compared with the graph's own.
"""
import csv
import inspect
import io
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import igraph
import networkx as nx

CLI = os.path.abspath(sys.argv[1])
SOURCE = os.path.abspath(sys.argv[2])
GRAPH = os.path.join(SOURCE, "tests", "data", "io", "hostile_graph.json")
NODE_DIR = os.path.join(SOURCE, "tests", "roundtrip")

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def export(out, fmt, *extra):
    cmd = [CLI, "export", GRAPH, "--format", fmt, "-o", out, *extra]
    r = subprocess.run(cmd, capture_output=True)
    check(r.returncode == 0, f"{' '.join(cmd[1:])} exited {r.returncode}: {r.stderr.decode()}")
    return out


with open(GRAPH, encoding="utf-8") as f:
    SRC = json.load(f)
NODES = {n["id"]: n for n in SRC["nodes"]}
EVENTS = [l for l in SRC["links"] if l.get("type", "event") == "event"]
AFFILIATIONS = [l for l in SRC["links"] if l.get("type") == "affiliation"]
PAIRS = {(e["source"], e["target"]) for e in EVENTS}
HOSTILE_ID = next(i for i in NODES if i.startswith("group/evil"))
HOSTILE = NODES[HOSTILE_ID]["name"]
assert "\n" in HOSTILE and "<b>" in HOSTILE and HOSTILE.endswith("\\")


def edge_multiset(pairs):
    out = {}
    for p in pairs:
        out[p] = out.get(p, 0) + 1
    return out


EVENT_PAIRS = edge_multiset((e["source"], e["target"]) for e in EVENTS)


def check_graph(name, nodes, labels, edge_pairs, cameos):
    """nodes: ids; labels: id -> label; edge_pairs: list of (source, target); cameos: list."""
    check(set(nodes) == set(NODES), f"{name}: nodes {sorted(set(nodes) ^ set(NODES))} differ")
    check(labels.get(HOSTILE_ID) == HOSTILE, f"{name}: hostile label {labels.get(HOSTILE_ID)!r}")
    check(labels.get("person/fumio-kishida") == "Fumio Kishida", f"{name}: Kishida's label")
    check(edge_multiset(edge_pairs) == EVENT_PAIRS, f"{name}: edges differ from the events")
    check(sorted(cameos) == sorted(e["cameo"] for e in EVENTS), f"{name}: cameo codes {cameos}")


def nx_graphml(path, multi=True):
    g = nx.read_graphml(path)
    # networkx returns a multigraph only when the file has parallel edges, as the events do.
    check(g.is_directed() and (not multi or g.is_multigraph()),
          f"networkx graphml {os.path.basename(path)}: {type(g).__name__}")
    return g


def run(tmp):
    p = lambda name: os.path.join(tmp, name)

    # ---- GraphML: networkx and igraph ------------------------------------------------------
    gm = export(p("g.graphml"), "graphml")
    g = nx_graphml(gm)
    check_graph("networkx graphml", g.nodes, {n: d.get("label") for n, d in g.nodes(data=True)},
                [(u, v) for u, v in g.edges()], [d["cameo"] for _, _, d in g.edges(data=True)])
    e = next(d for _, _, d in g.edges(data=True) if d["cameo"] == "042")
    check(e["domestic"] is False and isinstance(e["quad"], int) and e["weight"] == 1.0,
          f"networkx graphml: types of {e}")
    evil = [d for u, _, d in g.edges(data=True) if u == HOSTILE_ID][0]
    check(evil["evidence"] == next(x["evidence"] for x in EVENTS if x["source"] == HOSTILE_ID),
          "networkx graphml: evidence with a newline and markup")
    check(g.nodes["person/fumio-kishida"].get("state") == "state/JPN", "graphml: affiliation")

    ig = igraph.Graph.Read_GraphML(gm)
    check(ig.is_directed(), "igraph: not directed")
    check(ig.vcount() == len(NODES) and ig.ecount() == len(EVENTS),
          f"igraph: {ig.vcount()} nodes {ig.ecount()} edges")
    # igraph 0.10 (libxml2 SAX2 without entity substitution) returns "&" inside an XML
    # attribute, such as a node id, as "&#38;"; <data> values come back intact. The file is
    # right (networkx reads the id exactly); undo igraph's quirk before comparing.
    ids = [i.replace("&#38;", "&") for i in ig.vs["id"]]
    check(set(ids) == set(NODES), "igraph: node ids")
    check(ig.vs[ids.index(HOSTILE_ID)]["label"] == HOSTILE, "igraph: hostile label")
    check(sorted(ig.es["cameo"]) == sorted(x["cameo"] for x in EVENTS), "igraph: cameo strings")
    check(sorted(ig.es["id"]) == sorted(set(ig.es["id"])), "igraph: edge ids unique")

    ga = export(p("a.graphml"), "graphml", "--aggregate")
    a = nx_graphml(ga, multi=False)
    check(a.number_of_edges() == len(PAIRS), f"graphml --aggregate: {a.number_of_edges()} edges")
    check(sum(d["count"] for _, _, d in a.edges(data=True)) == len(EVENTS), "aggregate counts")
    jt = [d for u, v, d in a.edges(data=True) if (u, v) == ("state/JPN", "state/TWN")]
    check(len(jt) == 1 and jt[0]["count"] == 3 and jt[0]["weight"] == 3.0, f"JPN->TWN dyad {jt}")
    iga = igraph.Graph.Read_GraphML(ga)
    check(iga.ecount() == len(PAIRS), "igraph aggregate edges")

    # ---- GEXF 1.3: networkx (taught the 1.3 namespace, which it lacks) ----------------------
    gx = export(p("g.gexf"), "gexf")
    root = ET.parse(gx).getroot()
    check(root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3", "gexf 1.3")
    graph_el = root.find("{http://gexf.net/1.3}graph")
    check(graph_el.get("mode") == "dynamic" and graph_el.get("timeformat") == "date", "dynamic")
    nx.readwrite.gexf.GEXF.versions["1.3"] = {
        "NS_GEXF": "http://gexf.net/1.3", "NS_VIZ": "http://gexf.net/1.3/viz",
        "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
        "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd", "VERSION": "1.3"}
    x = nx.read_gexf(gx, version="1.3")
    check_graph("networkx gexf", x.nodes, {n: d.get("label") for n, d in x.nodes(data=True)},
                [(u, v) for u, v in x.edges()], [d["cameo"] for _, _, d in x.edges(data=True)])
    dated = [d for _, _, d in x.edges(data=True) if d.get("date")]
    check(dated and all(d["start"] == d["date"] == d["end"] for d in dated), "gexf: edge dates")
    check(x.nodes["person/fumio-kishida"].get("start") == "2024-08-16", "gexf: node start")
    xa = nx.read_gexf(export(p("a.gexf"), "gexf", "--aggregate"), version="1.3")
    check(xa.number_of_edges() == len(PAIRS), "gexf --aggregate edges")
    jt = [d for u, v, d in xa.edges(data=True) if (u, v) == ("state/JPN", "state/TWN")]
    check(jt and jt[0]["start"] == "2024-08-17" and jt[0]["end"] == "2024-08-18", f"dyad {jt}")

    # ---- node-link JSON: networkx, links and edges -----------------------------------------
    for key in ("links", "edges"):
        path = export(p(f"g.{key}.json"), "json", "--edges-key", key)
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        check(key in data, f"json: no {key!r} member")
        kwargs = {}
        if key == "edges":
            params = inspect.signature(nx.node_link_graph).parameters
            if "link" in params:
                kwargs["link"] = "edges"
            elif "edges" in params:
                kwargs["edges"] = "edges"
            else:
                kwargs["attrs"] = {"link": "edges"}
        j = nx.node_link_graph(data, **kwargs)
        ev = [(u, v) for u, v, d in j.edges(data=True) if d.get("type") == "event"]
        check_graph(f"networkx node_link ({key})", j.nodes,
                    {n: d.get("name") for n, d in j.nodes(data=True)}, ev,
                    [d["cameo"] for _, _, d in j.edges(data=True) if d.get("type") == "event"])
        check(j.number_of_edges() == len(EVENTS) + len(AFFILIATIONS), f"json {key}: edges")

    # ---- DOT: Graphviz itself, and pygraphviz (cgraph) reading it back -----------------------
    dot = export(p("g.dot"), "dot")
    with open(dot, encoding="utf-8") as f:
        text = f.read()
    check(text.startswith("digraph") and "strict" not in text.split("{")[0], "plain digraph")
    r = subprocess.run(["dot", "-Tsvg", dot, "-o", p("from_dot.svg")], capture_output=True)
    check(r.returncode == 0, f"dot -Tsvg exited {r.returncode}: {r.stderr.decode()}")
    import pygraphviz
    ag = pygraphviz.AGraph(dot)
    unesc = lambda s: s.replace("\\n", "\n").replace("\\\\", "\\") if s else s
    by_actor = {unesc(n.attr["actor_id"]): n for n in ag.nodes()}
    names = {n.name: unesc(n.attr["actor_id"]) for n in ag.nodes()}
    check_graph("pygraphviz dot", by_actor, {i: unesc(n.attr["label"]) for i, n in by_actor.items()},
                [(names[e[0]], names[e[1]]) for e in ag.iteredges()],
                [e.attr["cameo"] for e in ag.iteredges()])
    # Country clusters: nested one level down, in one plain subgraph (agwrite's cost grows with
    # edges x subgraphs of the root); each actor in its state's cluster, IGOs in none.
    def clusters_in(g):
        for sub in g.subgraphs():
            if sub.name.startswith("cluster"):
                yield sub
            yield from clusters_in(sub)
    clusters = list(clusters_in(ag))
    top = [sub.name for sub in ag.subgraphs()]
    check(len(top) == 1 and not top[0].startswith("cluster"), f"dot: top-level subgraphs {top}")
    state_of = {l["source"]: l["target"] for l in AFFILIATIONS}
    states = {n["country"]: n["name"] for n in SRC["nodes"] if n["kind"] == "state"}
    for actor_id, node in by_actor.items():
        country = NODES[state_of[actor_id]]["country"] if actor_id in state_of else NODES[actor_id]["country"]
        want = states.get(country, country) if country else None
        got = [unesc(c.graph_attr["label"]) for c in clusters if c.has_node(node.name)]
        check(got == ([want] if want else []), f"dot: {actor_id!r} in clusters {got}, want {want}")
    check(len(clusters) == len({NODES[state_of.get(i, i)]["country"] for i in NODES} - {""}),
          f"dot: {len(clusters)} country clusters")
    # Graphviz still draws them: one <g class="cluster"> per country in dot's SVG.
    with open(p("from_dot.svg"), encoding="utf-8") as f:
        drawn = f.read().count('class="cluster"')
    check(drawn == len(clusters), f"dot -Tsvg draws {drawn} clusters, want {len(clusters)}")
    agg = pygraphviz.AGraph(export(p("a.dot"), "dot", "--aggregate"))
    check(agg.number_of_edges() == len(PAIRS), "dot --aggregate edges")

    # ---- SVG, PNG, PDF rendered in-process ---------------------------------------------------
    for layout in ("dot", "neato", "fdp", "sfdp", "circo"):
        svg = export(p(f"g.{layout}.svg"), "svg", "--layout", layout)
        tree = ET.parse(svg)
        texts = "\n".join(t.text or "" for t in tree.iter("{http://www.w3.org/2000/svg}text"))
        check("Japan" in texts, f"svg ({layout}): no Japan")
        titles = [t.text for t in tree.iter("{http://www.w3.org/2000/svg}title")]
        check(sum(1 for t in titles if t and "->" in t) == len(EVENTS), f"svg ({layout}) edges")
        if layout in ("dot", "neato", "fdp"):  # the engines that draw clusters
            groups = [g for g in tree.iter("{http://www.w3.org/2000/svg}g")
                      if g.get("class") == "cluster"]
            check(len(groups) == len(clusters), f"svg ({layout}): {len(groups)} clusters drawn")
    with open(export(p("g.png"), "png"), "rb") as f:
        check(f.read(8) == b"\x89PNG\r\n\x1a\n", "png magic")
    with open(export(p("g.pdf"), "pdf"), "rb") as f:
        check(f.read(5) == b"%PDF-", "pdf magic")

    # ---- Cytoscape.js in node ----------------------------------------------------------------
    for extra in ((), ("--aggregate",)):
        cy_path = export(p("g%s.cyjs" % len(extra)), "cytoscape", *extra)
        r = subprocess.run(["node", os.path.join(NODE_DIR, "cytoscape_check.js"), cy_path],
                           capture_output=True)
        check(r.returncode == 0, f"cytoscape.js failed: {r.stderr.decode()[-500:]}")
        if r.returncode == 0:
            cy = json.loads(r.stdout)
            labels = {n["id"]: n["label"] for n in cy["nodes"]}
            if extra:
                check(len(cy["edges"]) == len(PAIRS), "cytoscape --aggregate edges")
                check(sum(e["count"] for e in cy["edges"]) == len(EVENTS), "cytoscape counts")
            else:
                check_graph("cytoscape.js", labels, labels,
                            [(e["source"], e["target"]) for e in cy["edges"]],
                            [e["cameo"] for e in cy["edges"]])
            ids = [n["id"] for n in cy["nodes"]] + [e["id"] for e in cy["edges"]]
            check(len(ids) == len(set(ids)), "cytoscape ids unique across nodes and edges")

    # ---- CSV (the csv module parses as pandas does: RFC 4180) --------------------------------
    out = export(p("csv"), "csv")
    with open(os.path.join(out, "nodes.csv"), encoding="utf-8", newline="") as f:
        nodes = list(csv.DictReader(f))
    with open(os.path.join(out, "edges.csv"), encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    check_graph("csv", [n["id"] for n in nodes], {n["id"]: n["label"] for n in nodes},
                [(e["source"], e["target"]) for e in edges], [e["cameo"] for e in edges])
    out = export(p("csv-agg"), "csv", "--aggregate")
    with open(os.path.join(out, "edges.csv"), encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    check(sum(int(e["count"]) for e in edges) == len(EVENTS), "csv --aggregate counts")

    # ---- events TSV --------------------------------------------------------------------------
    with open(export(p("events.tsv"), "events"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    check(len(rows) == len(EVENTS) + 1, f"events: {len(rows)} lines")
    check(all(len(r) == len(rows[0]) for r in rows), "events: ragged rows")
    head = rows[0]
    check(sorted(r[head.index("EventCode")] for r in rows[1:]) ==
          sorted(e["cameo"] for e in EVENTS), "events: codes")

    # ---- filters and usage errors ------------------------------------------------------------
    f = nx_graphml(export(p("root04.graphml"), "graphml", "--root", "04"))
    check(f.number_of_edges() == sum(1 for e in EVENTS if e["root"] == "04"), "--root 04")
    r = subprocess.run([CLI, "export", GRAPH, "--format", "csv"], capture_output=True)
    check(r.returncode == 2, "csv without -o is a usage error")
    r = subprocess.run([CLI, "export", GRAPH, "--format", "xlsx"], capture_output=True)
    check(r.returncode == 2, "unknown format is a usage error")
    r = subprocess.run([CLI, "export", p("missing.json"), "--format", "dot"], capture_output=True)
    check(r.returncode == 1, "a missing graph file is a data error")
    leftovers = [n for n in os.listdir(tmp) if ".tmp-" in n]
    check(not leftovers, f"temporary files left: {leftovers}")


with tempfile.TemporaryDirectory() as tmp:
    run(tmp)
if failures:
    print(f"{len(failures)} check(s) failed", file=sys.stderr)
    sys.exit(1)
print("test_exports: all round trips passed")
