#!/usr/bin/env bash
# bench/export_vs_igraph.sh: diplograph's GraphML and DOT exports (--aggregate) against igraph's
# writers, run side by side in alternation on the same machine (docs/PERFORMANCE.md, "Exports").
#
#   bench/export_vs_igraph.sh ROUNDS GRAPH.json EVENTS.gdelt OUTDIR DIPLOGRAPH [DIPLOGRAPH...]
#
# Each round runs every given diplograph binary (e.g. before and after a change) on both formats,
# then igraph through bench/peers_cpu.py (../shared/bench/bench_peers.py, or $BENCH_PEERS). Every
# run writes a file that does not exist yet (rm and sync first: overwriting a file makes the
# kernel free the old one's pages inside the timed write). Prints one line per run: who, format,
# CPU seconds of the write step (diplograph's --timings "write"; igraph's step) and, for
# diplograph, user+sys CPU of the whole process.
set -euo pipefail
[[ $# -ge 5 ]] || { sed -n '2,12p' "$0" >&2; exit 2; }
rounds=$1 graph=$2 events=$3 out=$4
shift 4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
peers=${BENCH_PEERS:-$here/../../shared/bench/bench_peers.py}
mkdir -p "$out"

for ((round = 1; round <= rounds; round++)); do
  for bin in "$@"; do
    for format in graphml dot; do
      file=$out/diplograph.$format
      rm -f "$file"
      sync
      log=$( { /usr/bin/time -f "process %U %S" "$bin" export "$graph" --format "$format" \
                 --aggregate -o "$file" --timings; } 2>&1 )
      write=$(sed -n 's/.*write [0-9.]* s (cpu \([0-9.]*\) s).*/\1/p' <<<"$log")
      process=$(awk '/^process/ {printf "%.2f", $2 + $3}' <<<"$log")
      echo "round $round $bin $format write_cpu $write process_cpu $process bytes $(stat -c %s "$file")"
    done
  done
  rm -rf "$out/igraph"
  sync
  /usr/bin/python3 "$here/peers_cpu.py" "$peers" igraph "$events" --fmt gdelt --bc-full-max 0 \
      --out "$out/igraph" |
    /usr/bin/python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    if r.get("step") in ("graphml", "dot"):
        print("round", sys.argv[1], "igraph", r["step"], "write_cpu", r["seconds"])
' "$round"
done
