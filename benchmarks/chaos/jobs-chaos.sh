#!/usr/bin/env bash
# A chaos run of the job engine, as an operator would make one: WORKERS workers (`recollect jobs work`, 4 jobs at
# once each, a 5-second lease) process JOBS slowly streaming jobs (one per learner) from a slow stand-in for Gemini,
# while one worker at a time is killed with SIGKILL every 2 to 8 seconds for SECONDS seconds and replaced at once.
# Then the workers finish, whatever failed is retried (`recollect jobs retry`), and the end state is checked: every
# job completed, each with exactly its 4 concepts of 4 phrasings, no phrasing twice, every learner's counters without
# drift (`stats --reconcile`).
#
#   benchmarks/chaos/jobs-chaos.sh [WORKERS=3] [SECONDS=90] [JOBS=24]
#
# PAUSE (default 1.2) is the seconds between streamed pieces; RESCUES (default 10) is the workers' --max-rescues:
# a small one makes jobs fail for lost workers, which shows the retry end to end.
#
# It runs on the embedded database of a fresh home under benchmarks/chaos/target, and prints its figures.
set -euo pipefail

workers="${1:-3}"
duration="${2:-90}"
jobs="${3:-24}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/benchmarks/chaos"
run="$here/target/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$run"
port=$((20000 + RANDOM % 20000))

export RECOLLECT_HOME="$run/home" RECOLLECT_DB_IDLE=120s GEMINI_API_KEY=chaos-key
export GEMINI_BASE_URL="http://127.0.0.1:$port"
recollect() { "$root/recollect" "$@"; }

python3 "$here/slow_gemini.py" "$port" "${PAUSE:-1.2}" &
gemini=$!
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  kill "$gemini" 2>/dev/null || true
  recollect db stop --force >/dev/null 2>&1 || true
}
trap cleanup EXIT

recollect db start >/dev/null
status="$(recollect db status --json)"
db_port="$(sed -n 's/.*"port" : \([0-9]*\).*/\1/p' <<<"$status" | head -1)"
cluster="$(sed -n 's/.*"cluster" : "\([^"]*\)".*/\1/p' <<<"$status" | head -1)"
sql() { PGPASSWORD="$(cat "$cluster/superuser.password")" psql -h 127.0.0.1 -p "$db_port" -U recollect -d recollect -Atc "$1"; }

for i in $(seq 1 "$jobs"); do
  recollect jobs create --user "chaos-$i" --prompt "Chaos topic number $i" >/dev/null
done

# The launcher execs the JVM, so the background process is the worker itself, and SIGKILL reaches it.
start_worker() {
  "$root/recollect" jobs work --provider gemini --concurrency 4 --lease 5s --max-rescues "${RESCUES:-10}" \
    --worker-id "chaos-worker-$1-$RANDOM" \
    >>"$run/worker-$1.log" 2>&1 &
  pids[$1]=$!
}
for w in $(seq 0 $((workers - 1))); do start_worker "$w"; done

began=$(date +%s)
kills=0
while [ $(($(date +%s) - began)) -lt "$duration" ]; do
  sleep $((2 + RANDOM % 7))
  victim=$((RANDOM % workers))
  kill -9 "${pids[$victim]}" 2>/dev/null || true
  wait "${pids[$victim]}" 2>/dev/null || true
  kills=$((kills + 1))
  start_worker "$victim"
done
echo "chaos: $kills workers killed with SIGKILL over $(($(date +%s) - began)) s;" \
  "$(sql "SELECT count(*) FROM generation_jobs WHERE status IN ('pending', 'processing')") jobs still to finish"

settle() {
  while [ "$(sql "SELECT count(*) FROM generation_jobs WHERE status IN ('pending', 'processing')")" != 0 ]; do
    sleep 1
  done
}
settle
failed_before="$(sql "SELECT count(*) FROM generation_jobs WHERE status = 'failed'")"
echo "after the chaos: $(sql "SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM generation_jobs GROUP BY status ORDER BY status) s")"
sql "SELECT id || ' ' || user_id || ' ' || error_retryable FROM generation_jobs WHERE status = 'failed'" |
  while read -r id user retryable; do
    if [ "$retryable" = t ]; then recollect jobs retry "$id" --user "$user" >/dev/null; else
      recollect jobs retry "$id" --user "$user" --force >/dev/null; fi
  done
settle

for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
pids=()

echo "end: $(sql "SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM generation_jobs GROUP BY status) s")"
echo "rescues $(sql "SELECT sum(rescues) FROM generation_jobs"), retries $(sql "SELECT sum(retries) FROM generation_jobs")" \
  "(failed before the retries: $failed_before), attempts $(sql "SELECT sum(attempts) FROM generation_jobs")," \
  "most rescues of one job $(sql "SELECT max(rescues) FROM generation_jobs")"
bad_jobs="$(sql "SELECT count(*) FROM generation_jobs j WHERE status <> 'completed'
  OR cardinality(concept_ids) <> 4
  OR (SELECT count(*) FROM phrasings p WHERE p.concept_id = ANY(j.concept_ids)) <> 16
  OR questions_saved <> 16")"
concepts="$(sql "SELECT count(*) FROM concepts")"
phrasings="$(sql "SELECT count(*) FROM phrasings")"
duplicates="$(sql "SELECT count(*) FROM (SELECT concept_id, question_key FROM phrasings GROUP BY 1, 2 HAVING count(*) > 1) d")"
echo "concepts $concepts (expected $((jobs * 4))), phrasings $phrasings (expected $((jobs * 16))), duplicates $duplicates," \
  "jobs not exactly 4 x 4 and completed: $bad_jobs"
drift=0
for i in $(seq 1 "$jobs"); do
  if ! recollect stats --user "chaos-$i" --reconcile | grep -q "No drift."; then drift=$((drift + 1)); fi
done
echo "learners with counter drift: $drift of $jobs"
if [ "$bad_jobs" != 0 ] || [ "$duplicates" != 0 ] || [ "$drift" != 0 ] || [ "$phrasings" != $((jobs * 16)) ]; then
  echo "chaos: FAILED (logs in $run)"
  exit 1
fi
echo "chaos: every job completed, exact counts, no duplicate, no drift (logs in $run)"
