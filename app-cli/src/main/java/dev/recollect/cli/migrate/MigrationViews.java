package dev.recollect.cli.migrate;

import dev.recollect.domain.Texts;
import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.migration.MigrationRun;
import dev.recollect.domain.migration.RecordFailure;
import dev.recollect.domain.migration.RunControl;
import dev.recollect.ports.in.RunMigrations;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes and lines of runs and their reports (field names in docs/cli.md). */
final class MigrationViews {
    private MigrationViews() {}

    static Map<String, Object> run(MigrationRun run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", run.id().toString());
        m.put("name", run.name());
        m.put("table", run.table());
        m.put("dryRun", run.dryRun());
        m.put("batchSize", run.batchSize());
        m.put("estimatedTotal", run.estimatedTotal());
        m.put("createdAt", run.createdAt().toString());
        m.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
        m.put("control", run.control().wireName());
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("fromKey", run.scope().fromKey());
        scope.put("toKey", run.scope().toKey());
        scope.put(
                "createdFrom",
                run.scope().createdFrom() == null
                        ? null
                        : run.scope().createdFrom().toString());
        scope.put(
                "createdTo",
                run.scope().createdTo() == null ? null : run.scope().createdTo().toString());
        m.put("scope", scope);
        m.put("targetBatchMs", run.adaptive() ? run.pace().target().toMillis() : null);
        m.put("msPerDocument", run.adaptive() ? run.msPerDocument() : null);
        return m;
    }

    static Map<String, Object> report(RunMigrations.RunReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", run(report.run()));
        Map<String, Object> batches = new LinkedHashMap<>();
        for (BatchState state : BatchState.values()) {
            batches.put(state.wireName(), report.batches().get(state));
        }
        m.put("batches", batches);
        m.put("status", report.result().status().wireName());
        m.put("done", report.done());
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("totalProcessed", report.stats().processed());
        stats.put("updated", report.stats().updated());
        stats.put("skipped", report.stats().skipped());
        stats.put("errors", report.stats().errors());
        m.put("stats", stats);
        m.put(
                "failures",
                report.result().failures().stream().map(MigrationViews::failure).toList());
        m.put("moreFailures", report.result().moreFailures());
        m.put("message", report.result().message());
        m.put("documentsPerSecond", Math.round(report.documentsPerSecond() * 10) / 10.0);
        m.put("remainingEstimate", report.remainingEstimate());
        m.put(
                "firstStartedAt",
                report.firstStartedAt() == null ? null : report.firstStartedAt().toString());
        m.put(
                "lastCompletedAt",
                report.lastCompletedAt() == null
                        ? null
                        : report.lastCompletedAt().toString());
        return m;
    }

    /** A batch that waits to be retried or failed for good, as {@code migrate status} shows it. */
    static Map<String, Object> trouble(MigrationBatch batch) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", batch.seq());
        m.put("afterKey", batch.range().after());
        m.put("upToKey", batch.range().upTo());
        m.put("state", batch.state().wireName());
        m.put("failures", batch.retryCount());
        m.put("maxFailures", MigrationBatch.MAX_RETRIES);
        m.put(
                "nextRetryAt",
                batch.retryAfter() == null ? null : batch.retryAfter().toString());
        m.put("lastError", batch.error());
        return m;
    }

    /** One line per troubled batch: which keys, how often it failed, when it is tried again, and why. */
    static String troubleLine(MigrationBatch batch) {
        String keys =
                (batch.range().after() == null ? "(start" : "(" + batch.range().after()) + " .. "
                        + batch.range().upTo() + "]";
        String when = batch.state() == BatchState.FAILED
                ? "failed for good; `migrate retry RUN --force-retry` queues it again"
                : "next try at " + batch.retryAfter();
        return String.format(
                Locale.ROOT,
                "  batch %d, keys %s: %d of %d failures, %s; last error: %s",
                batch.seq(),
                keys,
                batch.retryCount(),
                MigrationBatch.MAX_RETRIES,
                when,
                Texts.quoted(String.valueOf(batch.error())));
    }

    private static Map<String, Object> failure(RecordFailure failure) {
        return Map.of("recordId", failure.recordId(), "error", failure.error());
    }

    static String line(RunMigrations.RunReport r) {
        return String.format(
                Locale.ROOT,
                "%s  %-32s %s%-9s %d/%d batches (%d pending, %d retry, %d failed)  %d processed, %d updated, %d errors",
                r.run().id(),
                r.run().name(),
                r.run().dryRun() ? "dry " : "",
                // A paused run's result so far says less than that it is paused.
                r.run().control() == RunControl.PAUSED
                        ? "paused"
                        : r.result().status().wireName(),
                r.batches().get(BatchState.COMPLETED),
                r.totalBatches(),
                r.batches().get(BatchState.PENDING),
                r.batches().get(BatchState.RETRY),
                r.batches().get(BatchState.FAILED),
                r.stats().processed(),
                r.stats().updated(),
                r.stats().errors());
    }
}
