#!/usr/bin/env bash
# recollect jobs stats (tokens included) on 1,000,000 jobs against one sequential count(*), in one run on one local PostgreSQL.
# Usage: benchmarks/jobs/stats.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests -Djacoco.skip=true
java -cp benchmarks/target/benchmarks.jar dev.recollect.benchmarks.JobStatsBench benchmarks/target/postgres
