#!/usr/bin/python3
"""igraph's GraphML and DOT writers timed on the content diplograph writes (docs/PERFORMANCE.md,
"Exports").

bench_peers.py times igraph writing its own aggregated graph: a name per node and four edge
attributes. diplograph's `export --aggregate` writes seven node and thirteen edge attributes, so
its files are about three times larger. For a comparison on the same content, this script loads
a GraphML file diplograph wrote (every attribute, as igraph reads it) and times igraph writing
that graph back out as GraphML and as DOT, by CPU time of the process (the machine is shared),
REPEAT times each, alternating.

  bench/igraph_same_file.py a.graphml OUTDIR [REPEAT]

Prints one JSON line per write: {"step": "graphml"|"dot", "cpu": seconds, "bytes": N}.
"""
import json
import os
import sys
import time

import igraph


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    source, out_dir = sys.argv[1], sys.argv[2]
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    os.makedirs(out_dir, exist_ok=True)
    t0 = time.process_time()
    g = igraph.Graph.Read_GraphML(source)
    print(json.dumps({"step": "read", "cpu": round(time.process_time() - t0, 3),
                      "nodes": g.vcount(), "edges": g.ecount(),
                      "node_attributes": len(g.vs.attributes()),
                      "edge_attributes": len(g.es.attributes())}), flush=True)
    for _ in range(repeat):
        for step, write in (("graphml", g.write_graphml), ("dot", g.write_dot)):
            path = os.path.join(out_dir, f"igraph_same.{step}")
            # A new file each time: overwriting one makes the kernel free the old file's pages
            # inside the timed write.
            if os.path.exists(path):
                os.remove(path)
            os.sync()
            t0 = time.process_time()
            write(path)
            cpu = time.process_time() - t0
            print(json.dumps({"step": step, "cpu": round(cpu, 3),
                              "bytes": os.path.getsize(path)}), flush=True)


if __name__ == "__main__":
    main()
