package dev.recollect.domain.migration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One batch of a run: a key range, and its place in the ledger. The transitions are the backfill scheduler's:
 * pending → processing → completed; a failure goes to retry while {@code retryCount} &lt; {@value #MAX_RETRIES} (with an
 * exponential backoff), and to failed after that; a forced retry puts a failed batch back to pending.
 *
 * @param runId the run
 * @param seq its place in the run, from 0
 * @param range the keys it covers
 * @param state where it is
 * @param retryCount how many times it failed
 * @param error the last failure; {@code null} if none
 * @param stats what it did (when completed)
 * @param failures the documents it could not migrate (when completed)
 * @param worker who holds it or last held it; {@code null} if nobody
 * @param leaseUntil when a processing batch's holder loses it
 * @param retryAfter when a retry may start
 * @param startedAt when it was last claimed
 * @param completedAt when it completed or finally failed
 * @param lastRetryAt when it last failed and was set to retry
 */
public record MigrationBatch(
        UUID runId,
        int seq,
        KeyRange range,
        BatchState state,
        int retryCount,
        String error,
        BatchStats stats,
        List<RecordFailure> failures,
        String worker,
        Instant leaseUntil,
        Instant retryAfter,
        Instant startedAt,
        Instant completedAt,
        Instant lastRetryAt) {
    /** Failures before a batch is failed for good. */
    public static final int MAX_RETRIES = 5;

    /** The first retry's delay; each further one doubles it. */
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);

    /** Checks the fields and copies the list. */
    public MigrationBatch {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(stats, "stats");
        failures = List.copyOf(failures);
        if (seq < 0 || retryCount < 0 || retryCount > MAX_RETRIES) {
            throw new IllegalArgumentException("seq must be >= 0 and retryCount 0 to " + MAX_RETRIES);
        }
    }

    /** A new, pending batch. */
    public static MigrationBatch pending(UUID runId, int seq, KeyRange range) {
        return new MigrationBatch(
                runId,
                seq,
                range,
                BatchState.PENDING,
                0,
                null,
                BatchStats.NONE,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Whether a worker may take it at {@code now}: pending, due for retry, or processing with a lapsed lease. */
    public boolean claimable(Instant now) {
        return switch (state) {
            case PENDING -> true;
            case RETRY -> retryAfter == null || !retryAfter.isAfter(now);
            case PROCESSING -> leaseUntil == null || leaseUntil.isBefore(now);
            default -> false;
        };
    }

    /** Taken by {@code by} at {@code now}, for {@code lease}. */
    public MigrationBatch claim(String by, Instant now, Duration lease) {
        if (!claimable(now)) {
            throw new IllegalStateException("batch " + seq + " is " + state.wireName() + " and cannot be claimed");
        }
        return new MigrationBatch(
                runId,
                seq,
                range,
                BatchState.PROCESSING,
                retryCount,
                error,
                stats,
                failures,
                by,
                now.plus(lease),
                retryAfter,
                now,
                null,
                lastRetryAt);
    }

    /** Whether {@code by} holds it. */
    public boolean heldBy(String by) {
        return state == BatchState.PROCESSING && by.equals(worker);
    }

    /** Done at {@code now}, having done {@code result} with {@code recordFailures}. */
    public MigrationBatch complete(BatchStats result, List<RecordFailure> recordFailures, Instant now) {
        return new MigrationBatch(
                runId,
                seq,
                range,
                BatchState.COMPLETED,
                retryCount,
                null,
                result,
                recordFailures,
                worker,
                null,
                null,
                startedAt,
                now,
                lastRetryAt);
    }

    /**
     * Failed at {@code now} with {@code reason}: retried after a backoff of {@link #FIRST_BACKOFF} doubled per earlier
     * failure while retries are left, failed for good otherwise.
     */
    public MigrationBatch fail(String reason, Instant now) {
        int count = retryCount + 1;
        if (count >= MAX_RETRIES) {
            return new MigrationBatch(
                    runId,
                    seq,
                    range,
                    BatchState.FAILED,
                    MAX_RETRIES,
                    reason,
                    stats,
                    failures,
                    worker,
                    null,
                    null,
                    startedAt,
                    now,
                    now);
        }
        Instant after = now.plus(FIRST_BACKOFF.multipliedBy(1L << (count - 1)));
        return new MigrationBatch(
                runId,
                seq,
                range,
                BatchState.RETRY,
                count,
                reason,
                stats,
                failures,
                worker,
                null,
                after,
                startedAt,
                null,
                now);
    }

    /** A failed batch queued again, with its retries restored; any other batch unchanged. */
    public MigrationBatch forceRetry() {
        if (state != BatchState.FAILED) {
            return this;
        }
        return new MigrationBatch(
                runId,
                seq,
                range,
                BatchState.PENDING,
                0,
                error,
                stats,
                failures,
                null,
                null,
                null,
                startedAt,
                null,
                lastRetryAt);
    }
}
