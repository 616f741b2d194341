#!/usr/bin/env bash
# Measures Recollect's FSRS against ts-fsrs 5.4.2 in one run on this machine, on the same workload, and prints both
# figures and their ratio. Usage: benchmarks/fsrs/run.sh   (from anywhere; needs node and npm for the anchor)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/benchmarks/target/fsrs-run"
mkdir -p "$out"

"$root/mvnw" -B -q -ntp -f "$root/pom.xml" -pl benchmarks -am package -DskipTests -Djacoco.skip=true
java -jar "$root/benchmarks/target/benchmarks.jar" FsrsBenchmark -rf json -rff "$out/jmh.json" | tee "$out/jmh.txt"

(cd "$here" && npm install --no-audit --no-fund --silent && node --max-old-space-size=8192 ts-fsrs-bench.mjs) \
  | tee "$out/ts-fsrs.json"

python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
jmh = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"]["score"] for r in json.load(open(out + "/jmh.json"))}
ts = json.load(open(out + "/ts-fsrs.json"))["reviews_per_second"]
for name in ("next", "repeat"):
    print(f"{name:6}  recollect {jmh[name]:>12,.0f}/s   ts-fsrs {ts[name]['overall']:>10,}/s   ratio {jmh[name] / ts[name]['overall']:.1f}x")
PY
