#!/usr/bin/env bash
# Backfill throughput on 1,000,000 documents against one set-based UPDATE, in one run on one local PostgreSQL.
# Usage: [ROWS=1000000] [BATCHES=1000,5000] benchmarks/migrations/run.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests -Djacoco.skip=true
java -Dbench.rows="${ROWS:-1000000}" -Dbench.batches="${BATCHES:-1000,5000}" \
    -cp benchmarks/target/benchmarks.jar dev.recollect.benchmarks.MigrationBench benchmarks/target/postgres
