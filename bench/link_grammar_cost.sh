#!/bin/bash
# What a parser would cost: Debian's link-grammar (the parser issue 4 names) timed on the
# sentences of the evaluation news, against diplograph's whole extraction of the same text.
# Not part of the tests. Needs `apt-get install link-grammar` and a release build.
#
#   bench/link_grammar_cost.sh [CORPUS_DIR...]     (default: tests/data/eval/news)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v link-parser >/dev/null || { echo "link-parser missing: apt-get install link-grammar" >&2; exit 2; }
bin=build/release/tools/diplograph/diplograph
[ -x "$bin" ] || { echo "$bin missing: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
dirs=("$@"); [ ${#dirs[@]} -gt 0 ] || dirs=(tests/data/eval/news)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# the documents' sentences, one per line (a simple split on sentence punctuation)
/usr/bin/python3 - "$tmp/sentences.txt" "${dirs[@]}" <<'PY'
import glob, re, sys
out, dirs = sys.argv[1], sys.argv[2:]
sents = []
for d in dirs:
    for f in sorted(glob.glob(d + "/*.txt")):
        text = open(f, encoding="utf-8").read()
        body = text.split("\n\n", 1)[1] if "\n\n" in text else text
        for para in body.split("\n\n"):
            for s in re.split(r'(?<=[.!?])\s+(?=[A-Z"])', para.replace("\n", " ").strip()):
                if len(s.split()) > 3:
                    sents.append(s)
open(out, "w", encoding="utf-8").write("\n".join(sents) + "\n")
print(f"{len(sents)} sentences, {sum(len(s) for s in sents)} bytes", file=sys.stderr)
PY
printf '!graphics=0\n!timeout=30\n' > "$tmp/none.txt"
{ cat "$tmp/none.txt"; cat "$tmp/sentences.txt"; } > "$tmp/all.txt"
cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}'; }
start=$(cpu link-parser en < "$tmp/none.txt")
parse=$(cpu link-parser en < "$tmp/all.txt")
n=$(wc -l < "$tmp/sentences.txt")
unlinked=$(link-parser en < "$tmp/all.txt" 2>/dev/null | grep -c "No complete linkages" || true)
# diplograph is too quick to time once: 20 runs (a directory's .json gold files are reported as
# bad documents on stderr and skipped, hence `|| true`)
ours=$(cpu bash -c 'for i in $(seq 20); do "$0" extract "$@" >/dev/null 2>&1 || true; done' "$bin" "${dirs[@]}")
awk -v p="$parse" -v s="$start" -v n="$n" -v o="$ours" -v u="$unlinked" 'BEGIN {
  t = p - s; printf "link-grammar: %d sentences in %.2f s CPU (start-up %.2f s excluded): %.1f ms/sentence, %.0f sentences/s; %d without a complete linkage\n", n, t, s, 1000 * t / n, n / t, u
  printf "diplograph extract (split, actors, events, JSON out, start-up included): %.3f s CPU for the same documents (%.0fx less)\n", o / 20, t / (o / 20) }'
