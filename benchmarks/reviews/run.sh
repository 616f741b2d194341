#!/usr/bin/env bash
# The review path (RecordInteraction, GetNextReview) on 10,000 learners and 1,000,000 concepts, against the same rows
# written by hand-written SQL, in one run on one local PostgreSQL.
# Usage: benchmarks/reviews/run.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests -Djacoco.skip=true
java -cp benchmarks/target/benchmarks.jar dev.recollect.benchmarks.ReviewPathBench benchmarks/target/postgres
