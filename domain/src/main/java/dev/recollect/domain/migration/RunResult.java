package dev.recollect.domain.migration;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The result contract of a migration run, as the reference's: {@code {status, dryRun, stats, failures, message}},
 * with the failures capped and the rest counted.
 *
 * <p>The status rule fixes the reference's inverted one (its gap 16, where one success and one failure gave
 * {@code failed}): <b>completed</b> when there are no errors and no batch gave up; <b>partial</b> when some documents
 * failed and others were applied; <b>failed</b> when errors left nothing applied, or a batch used up its retries.
 *
 * @param status the outcome
 * @param dryRun whether nothing was written
 * @param stats what was done, over every batch
 * @param failures the first failures, at most {@link #MAX_FAILURES}
 * @param moreFailures how many failures are not listed
 * @param message a sentence for people
 */
public record RunResult(
        Status status,
        boolean dryRun,
        BatchStats stats,
        List<RecordFailure> failures,
        int moreFailures,
        String message) {
    /** How many failures a result lists. */
    public static final int MAX_FAILURES = 100;

    /** A run's outcome. */
    public enum Status {
        /** No errors, and every batch completed. */
        COMPLETED,
        /** Some documents failed, others were applied. */
        PARTIAL,
        /** Nothing could be applied, or a batch gave up. */
        FAILED,
        /** An operator cancelled it before its batches were done; what it did stays done. */
        CANCELLED;

        /** The lowercase wire name. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks the fields and copies the list. */
    public RunResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(stats, "stats");
        failures = List.copyOf(failures);
        Objects.requireNonNull(message, "message");
    }

    /**
     * The result of a run that did {@code stats}, with {@code failures} (all of them, or the first ones) out of
     * {@code stats.errors()}, and {@code batchesGivenUp} batches that used up their retries.
     */
    public static RunResult of(
            String name, boolean dryRun, BatchStats stats, List<RecordFailure> failures, int batchesGivenUp) {
        Status status;
        if (batchesGivenUp > 0 || (stats.errors() > 0 && stats.updated() == 0)) {
            status = Status.FAILED;
        } else if (stats.errors() > 0) {
            status = Status.PARTIAL;
        } else {
            status = Status.COMPLETED;
        }
        List<RecordFailure> listed = failures.size() > MAX_FAILURES ? failures.subList(0, MAX_FAILURES) : failures;
        int more = Math.max(0, stats.errors() - listed.size());
        String verb = dryRun ? "Dry run: would update " : "Updated ";
        String message = verb + stats.updated() + " of " + stats.processed() + " documents with " + name + "; "
                + stats.skippedTotal() + " skipped, " + stats.errors() + " failed"
                + (batchesGivenUp > 0 ? ", " + batchesGivenUp + " batches gave up after their retries" : "") + ".";
        return new RunResult(status, dryRun, stats, listed, more, message);
    }

    /** The same result, for a run cancelled with {@code batchesLeft} batches not done. */
    public RunResult cancelled(int batchesLeft) {
        return new RunResult(
                Status.CANCELLED,
                dryRun,
                stats,
                failures,
                moreFailures,
                message + " Cancelled with " + batchesLeft + " batches not done.");
    }
}
