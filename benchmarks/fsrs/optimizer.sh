#!/usr/bin/env bash
# Recollect's FSRS optimizer against fsrs-rs 6.5.0 (through @open-spaced-repetition/binding 0.5.0) in one run, on the
# same revlog CSVs: wall-clock of the whole process on each side (`./recollect fsrs optimize --input CSV --json`, the
# launcher users run, JVM start included, against `node binding-optimize-csv.mjs CSV`), the largest parameter difference, and the log loss
# and RMSE(bins) of both fits as fsrs-rs's evaluate computes them (`recollect fsrs evaluate`, equal to it to 1e-7).
# Usage: benchmarks/fsrs/optimizer.sh [CARDS...]   (default 150 1550 15600 cards: about 1k, 10k and 100k items)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/benchmarks/target/optimizer-run"
mkdir -p "$out"

"$root/mvnw" -B -q -ntp -f "$root/pom.xml" -pl benchmarks,app-cli -am package -DskipTests -Djacoco.skip=true
(cd "$here" && npm install --no-audit --no-fund --silent)
java -cp "$root/benchmarks/target/benchmarks.jar" dev.recollect.benchmarks.OptimizerBench "$out" "$@" | tee "$out/datasets.txt"

cli=("$root/recollect")
for csv in "$out"/revlog-*.csv; do
  name="$(basename "$csv" .csv)"
  # One untimed run each, so that both read a warm page cache (and the launcher has recorded its class-data archive).
  "${cli[@]}" fsrs optimize --input "$csv" --json > /dev/null
  (cd "$here" && node binding-optimize-csv.mjs "$csv" > /dev/null)
  for side in recollect binding; do
    start=$(date +%s.%N)
    if [ "$side" = recollect ]; then
      "${cli[@]}" fsrs optimize --input "$csv" --json > "$out/$name.$side.json"
    else
      (cd "$here" && node binding-optimize-csv.mjs "$csv") > "$out/$name.$side.json"
    fi
    end=$(date +%s.%N)
    echo "$end - $start" | bc > "$out/$name.$side.seconds"
  done
  binding_parameters="$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["parameters"]))' "$out/$name.binding.json")"
  "${cli[@]}" fsrs evaluate --parameters "$binding_parameters" --input "$csv" --json > "$out/$name.binding.eval.json"
done

python3 - "$out" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
print(f"{'dataset':>14} {'items':>8} {'recollect s':>12} {'binding s':>10} {'time ratio':>10} {'max |dw|':>10}"
      f" {'log loss R/B':>22} {'RMSE(bins) R/B':>22}")
for path in sorted(glob.glob(out + "/revlog-*.csv"), key=lambda p: int(p.split("-")[-1][:-4])):
    name = os.path.basename(path)[:-4]
    mine = json.load(open(f"{out}/{name}.recollect.json"))
    theirs = json.load(open(f"{out}/{name}.binding.json"))
    theirs_eval = json.load(open(f"{out}/{name}.binding.eval.json"))
    t_mine = float(open(f"{out}/{name}.recollect.seconds").read())
    t_theirs = float(open(f"{out}/{name}.binding.seconds").read())
    dw = max(abs(a - b) for a, b in zip(mine["parameters"], theirs["parameters"]))
    ll = (mine["after"]["log_loss"], theirs_eval["log_loss"])
    rmse = (mine["after"]["rmse_bins"], theirs_eval["rmse_bins"])
    print(f"{name:>14} {mine['items']:>8,} {t_mine:>12.2f} {t_theirs:>10.2f} {t_mine / t_theirs:>9.2f}x {dw:>10.1e}"
          f" {ll[0]:.6f}/{ll[1]:.6f} ({ll[0] / ll[1]:.4f}) {rmse[0]:.5f}/{rmse[1]:.5f} ({rmse[0] / rmse[1]:.3f})")
PY
