#!/usr/bin/env bash
# Extraction quality on the project's own unseen-news corpora (tests/data/eval/news and
# news-holdout): hand-written wire stories with gold events annotated by the rules of
# docs/EVALUATION.md ("Unseen news (project corpus)").
# Runs `diplograph extract` on every story and fails when precision, recall or F1 falls below its
# floor. Scoring: an event is (document, source key, target key, CAMEO root); keys are an IGO
# code's last three letters, else the first three; same-key events are ignored; a prediction is
# right when some gold item of its document has that source, target and root; a required gold
# item is found when some prediction matches it; optional items are neither misses nor errors.
# Usage: test_news_eval.sh PATH/TO/diplograph SOURCE_DIR
set -euo pipefail
cli=${1:?usage: test_news_eval.sh DIPLOGRAPH SOURCE_DIR}
src=${2:?usage: test_news_eval.sh DIPLOGRAPH SOURCE_DIR}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
# corpus, then floors for precision, recall and F1: a little under the figures measured when they
# were set (news: P 0.919 R 0.851 F1 0.884, the set the rules were tuned on; news-holdout:
# P 0.744 R 0.667 F1 0.703, written and annotated part-way through and never used to choose a
# rule; news-holdout2: P 0.895 R 0.806 F1 0.848, five stories annotated before the extractor
# first ran on them, never used to choose a rule; news-holdout3: eight stories written and
# annotated by someone who never ran or read the extractor, first run P 0.730 R 0.315 F1 0.440,
# then used to choose rules (P 0.805 R 0.397 F1 0.532 when this floor was set); news-holdout4:
# eight more such stories, written after those rules, never used to choose one, errors not read
# (P 0.593 R 0.523 F1 0.556); news-holdout5, 7 and 8: eight stories each, written and annotated by
# people who never ran the extractor (first runs F1 0.507, 0.538, 0.526), then used to choose
# rules (floors set at P 0.819 R 0.699 F1 0.754; 0.821 0.529 0.643; 0.724 0.607 0.660);
# news-holdout6: eight such stories never used to choose a rule, errors not read (first run
# P 0.741 R 0.247 F1 0.371); news-holdout9 and news-holdout11: eight such stories each, errors
# not read, their totals printed beside the tuned sets' while rules were compared (first runs
# F1 0.552 and 0.681); news-holdout10: eight
# such stories, first run F1 0.543, then read. All floors were reset on 2026-12-03 (third
# session) a little under the figures then: news P 0.916 R 0.925 F1 0.920; news-holdout 0.780
# 0.788 0.784; news-holdout2 0.889 0.903 0.896; news-holdout3 0.859 0.671 0.754; news-holdout4
# 0.627 0.605 0.616; news-holdout5 0.853 0.855 0.854; news-holdout6 0.733 0.404 0.521;
# news-holdout7 0.894 0.719 0.797; news-holdout8 0.790 0.786 0.788; news-holdout9 0.724 0.509
# 0.598; news-holdout10 0.738 0.578 0.648; news-holdout11 0.808 0.657 0.725. The floors of the
# sets that rose were raised again on 2026-12-03 (fourth session), about 0.03 under the figures
# then: news 0.918 0.925 0.921; news-holdout2 0.909 0.903 0.906; news-holdout3 0.865 0.699
# 0.773; news-holdout5 0.904 0.880 0.892; news-holdout6 0.741 0.416 0.533; news-holdout7 0.903
# 0.727 0.806; news-holdout8 0.790 0.795 0.792; news-holdout10 0.743 0.598 0.663;
# news-holdout11 0.842 0.657 0.738 (news-holdout 0.744 0.788 0.765, news-holdout4 and
# news-holdout9 unchanged, kept their floors; docs/EVALUATION.md).
while read -r name floor_p floor_r floor_f; do
  corpus="$src/tests/data/eval/$name"
  "$cli" extract "$corpus"/*.txt >"$out" </dev/null
  /usr/bin/python3 - "$corpus" "$out" "$floor_p" "$floor_r" "$floor_f" <<'EOF' || status=1
import json, os, sys

corpus, output = sys.argv[1], sys.argv[2]
floor_p, floor_r, floor_f = (float(x) for x in sys.argv[3:6])

def key(code):
    code = (code or "").strip().upper()
    return code[-3:] if code.startswith("IGO") else code[:3]

gold = {}
for name in sorted(os.listdir(corpus)):
    if name.endswith(".json"):
        with open(os.path.join(corpus, name), encoding="utf-8") as f:
            g = json.load(f)
        gold[g["id"]] = g["events"]
if len(gold) < 4:
    sys.exit(f"expected at least 4 gold documents in {corpus}, found {len(gold)}")

predicted = {}
with open(output, encoding="utf-8") as f:
    for line in f:
        rec = json.loads(line)
        if rec.get("type") != "event":
            continue
        s, t = key(rec["source"]["code"]), key(rec["target"]["code"])
        if s and t and s != t:
            predicted.setdefault(rec["doc"], set()).add((s, t, str(rec["cameo"])[:2]))

unknown = set(predicted) - set(gold)
if unknown:
    sys.exit(f"events for documents without gold: {sorted(unknown)}")

n_pred = n_right = n_req = n_found = 0
for doc, items in gold.items():
    preds = predicted.get(doc, set())
    hits = lambda p, it: p[0] == it["source"] and p[1] == it["target"] and p[2] in it["root"]
    n_pred += len(preds)
    n_right += sum(1 for p in preds if any(hits(p, it) for it in items))
    required = [it for it in items if it.get("required", True)]
    n_req += len(required)
    n_found += sum(1 for it in required if any(hits(p, it) for p in preds))

p = n_right / n_pred if n_pred else 0.0
r = n_found / n_req if n_req else 0.0
f = 2 * p * r / (p + r) if p + r else 0.0
print(f"{os.path.basename(corpus)}: {len(gold)} documents, {n_pred} events predicted, {n_req} required: "
      f"precision {p:.3f}, recall {r:.3f}, F1 {f:.3f} (floors {floor_p}, {floor_r}, {floor_f})")
failed = [name for name, value, floor in (("precision", p, floor_p), ("recall", r, floor_r), ("F1", f, floor_f))
          if value < floor]
if failed:
    sys.exit("below the floor: " + ", ".join(failed))
EOF
done <<'LIST'
news 0.89 0.89 0.89
news-holdout 0.74 0.74 0.74
news-holdout2 0.88 0.87 0.88
news-holdout3 0.83 0.67 0.74
news-holdout4 0.58 0.56 0.58
news-holdout5 0.87 0.85 0.86
news-holdout7 0.87 0.70 0.77
news-holdout8 0.76 0.76 0.76
news-holdout6 0.71 0.39 0.50
news-holdout9 0.69 0.47 0.56
news-holdout10 0.71 0.57 0.63
news-holdout11 0.81 0.63 0.71
LIST
exit $status
