#!/usr/bin/env bash
# Recollect's job queue against pg-boss 10.4.2 on one local PostgreSQL, in one run.
# Usage: benchmarks/jobs/run.sh   (needs node and npm for the anchor)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests -Djacoco.skip=true
(cd benchmarks/jobs && npm install --no-audit --no-fund --silent)
java -cp benchmarks/target/benchmarks.jar dev.recollect.benchmarks.JobQueueBench \
  benchmarks/target/postgres benchmarks/jobs/pgboss-bench.mjs
