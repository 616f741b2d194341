package dev.recollect.domain.migration;

import java.time.Duration;

/**
 * Sizes a run's batches to take about {@code target} each, as GitLab's batched background migrations do: after each
 * batch, the time per document is smoothed over the batches so far, and the next batch is sized to take the target at
 * that pace. Sizes grow by at most {@value #MAX_GROWTH}× and shrink by at most half per batch, so one odd batch (a
 * pause of the database, a cold cache) moves the size little; within {@value #TOLERANCE} of the target they stay.
 *
 * @param target how long a batch should take
 */
public record BatchPace(Duration target) {
    /** The shortest target: below it a batch's own round trips are most of its time. */
    public static final Duration MIN_TARGET = Duration.ofMillis(10);

    /** The longest target: a batch is one transaction, and must stay short. */
    public static final Duration MAX_TARGET = Duration.ofMinutes(1);

    /** The weight of the newest batch in the smoothed time per document. */
    public static final double SMOOTHING = 0.3;

    /** The most a size grows from one batch to the next (GitLab's multiplier cap). */
    public static final double MAX_GROWTH = 1.2;

    /** The most a size shrinks from one batch to the next. */
    public static final double MAX_SHRINK = 0.5;

    /** How far from the target a batch may be predicted to take before its size changes, as a fraction. */
    public static final double TOLERANCE = 0.1;

    /** Checks the target's bounds, and keeps it in whole milliseconds, as the ledger stores it. */
    public BatchPace {
        if (target == null || target.compareTo(MIN_TARGET) < 0 || target.compareTo(MAX_TARGET) > 0) {
            throw new IllegalArgumentException("the target batch time must be " + MIN_TARGET.toMillis() + " to "
                    + MAX_TARGET.toMillis() + " ms, got " + (target == null ? null : target.toMillis()));
        }
        target = Duration.ofMillis(target.toMillis());
    }

    /**
     * The run after a batch of {@code documents} took {@code took}: its smoothed time per document, and the size of
     * its next batch. A batch of no documents tells nothing and changes nothing.
     */
    public MigrationRun after(MigrationRun run, Duration took, int documents) {
        if (documents <= 0) {
            return run;
        }
        double observed = Math.max(0, took.toNanos() / 1e6) / documents;
        double pace = run.msPerDocument() > 0 ? SMOOTHING * observed + (1 - SMOOTHING) * run.msPerDocument() : observed;
        return run.paced(nextSize(run.batchSize(), pace), pace);
    }

    /** The size that takes about the target at {@code msPerDocument}, within the bounds of one step from {@code size}. */
    int nextSize(int size, double msPerDocument) {
        double targetMs = target.toNanos() / 1e6;
        double predicted = size * msPerDocument;
        if (Math.abs(predicted - targetMs) <= TOLERANCE * targetMs) {
            return size;
        }
        // A document that took no measurable time gives an infinite ideal: the batch grows as fast as allowed.
        double ideal = targetMs / msPerDocument;
        long next = Math.round(Math.max(size * MAX_SHRINK, Math.min(size * MAX_GROWTH, ideal)));
        if (next == size) {
            // Rounding would keep a small size where it is for good: step by one document instead.
            next = ideal > size ? size + 1L : size - 1L;
        }
        return (int) Math.max(MigrationRun.MIN_BATCH, Math.min(MigrationRun.MAX_BATCH, next));
    }
}
