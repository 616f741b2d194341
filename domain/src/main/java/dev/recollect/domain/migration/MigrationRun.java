package dev.recollect.domain.migration;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * One run of a migration, as the ledger records it.
 *
 * @param id the run's id
 * @param name the migration's name
 * @param table the table it walks
 * @param dryRun whether it writes nothing to the data
 * @param batchSize documents per batch: fixed, or with a {@code pace} the size of the next batch
 * @param estimatedTotal documents expected in its scope, counted when the run was planned
 * @param createdAt when it was planned
 * @param finishedAt when its last batch ended, or it was cancelled with none in flight; {@code null} until then
 * @param scope the part of the table it walks
 * @param control whether workers take its batches
 * @param pace how its batches are sized to a target time; {@code null} when their size is fixed
 * @param msPerDocument with a pace, the smoothed time per document so far; 0 before the first batch
 */
public record MigrationRun(
        UUID id,
        String name,
        String table,
        boolean dryRun,
        int batchSize,
        long estimatedTotal,
        Instant createdAt,
        Instant finishedAt,
        RunScope scope,
        RunControl control,
        BatchPace pace,
        double msPerDocument) {
    /** The smallest and largest batch sizes. */
    public static final int MIN_BATCH = 1;

    /** The largest batch size: a batch is one transaction, and must stay short. */
    public static final int MAX_BATCH = 10_000;

    /** Checks the fields; the messages name them. */
    public MigrationRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(control, "control");
        if (batchSize < MIN_BATCH || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException(
                    "batchSize must be " + MIN_BATCH + " to " + MAX_BATCH + ", got " + batchSize);
        }
        if (estimatedTotal < 0) {
            throw new IllegalArgumentException("estimatedTotal must be >= 0, got " + estimatedTotal);
        }
        if (!(msPerDocument >= 0) || Double.isInfinite(msPerDocument)) {
            throw new IllegalArgumentException("msPerDocument must be finite and >= 0, got " + msPerDocument);
        }
    }

    /** A new run of the whole table in batches of a fixed size, running. */
    public MigrationRun(
            UUID id,
            String name,
            String table,
            boolean dryRun,
            int batchSize,
            long estimatedTotal,
            Instant createdAt,
            Instant finishedAt) {
        this(
                id,
                name,
                table,
                dryRun,
                batchSize,
                estimatedTotal,
                createdAt,
                finishedAt,
                RunScope.ALL,
                RunControl.RUNNING,
                null,
                0);
    }

    /** The same run, finished at {@code at}. */
    public MigrationRun finished(Instant at) {
        return new MigrationRun(
                id, name, table, dryRun, batchSize, estimatedTotal, createdAt, at, scope, control, pace, msPerDocument);
    }

    /** The same run, its next batches of {@code size} at a pace of {@code ms} per document. */
    MigrationRun paced(int size, double ms) {
        return new MigrationRun(
                id, name, table, dryRun, size, estimatedTotal, createdAt, finishedAt, scope, control, pace, ms);
    }

    /**
     * This run with what may change once it is planned taken from {@code changed}: its control, the size of its next
     * batch and its time per document. What a ledger stores when a run is changed.
     */
    public MigrationRun adopting(MigrationRun changed) {
        return paced(changed.batchSize, changed.msPerDocument).controlled(changed.control);
    }

    /** Whether its batches are planned one at a time, each sized by the pace, rather than all at once. */
    public boolean adaptive() {
        return pace != null;
    }

    /** The same run under {@code to}. */
    MigrationRun controlled(RunControl to) {
        return new MigrationRun(
                id,
                name,
                table,
                dryRun,
                batchSize,
                estimatedTotal,
                createdAt,
                finishedAt,
                scope,
                to,
                pace,
                msPerDocument);
    }

    /** What an operator asks of a run. */
    public enum Steer {
        /** Stop handing out batches for now. */
        PAUSE,
        /** Hand out batches again after a pause. */
        RESUME,
        /** Stop handing out batches for good. */
        CANCEL
    }

    /**
     * The run after an operator's {@code steer}: a cancelled run stays cancelled; a finished run takes none; pausing
     * a paused run or resuming a running one changes nothing, and says so.
     */
    public Steering steer(Steer steer) {
        if (control == RunControl.CANCELLED) {
            return steer == Steer.CANCEL
                    ? new Steering.Unchanged(this)
                    : new Steering.Refused(this, "the run was cancelled; plan a new run instead");
        }
        if (finishedAt != null) {
            return new Steering.Refused(this, "the run finished at " + finishedAt);
        }
        RunControl to =
                switch (steer) {
                    case PAUSE -> RunControl.PAUSED;
                    case RESUME -> RunControl.RUNNING;
                    case CANCEL -> RunControl.CANCELLED;
                };
        return to == control ? new Steering.Unchanged(this) : new Steering.Changed(controlled(to));
    }

    /** The outcome of steering a run. */
    public sealed interface Steering {
        /** The run as it stands after the steering. */
        MigrationRun run();

        /**
         * The value of the function for this outcome; every variant has its own, so a new variant breaks the build
         * wherever one is handled.
         *
         * @param changed for {@link Changed}
         * @param unchanged for {@link Unchanged}
         * @param refused for {@link Refused}
         */
        <R> R fold(Function<Changed, R> changed, Function<Unchanged, R> unchanged, Function<Refused, R> refused);

        /**
         * The run's control changed.
         *
         * @param run the run under its new control
         */
        record Changed(MigrationRun run) implements Steering {
            @Override
            public <R> R fold(
                    Function<Changed, R> changed, Function<Unchanged, R> unchanged, Function<Refused, R> refused) {
                return changed.apply(this);
            }
        }

        /**
         * The run already was as asked.
         *
         * @param run the run
         */
        record Unchanged(MigrationRun run) implements Steering {
            @Override
            public <R> R fold(
                    Function<Changed, R> changed, Function<Unchanged, R> unchanged, Function<Refused, R> refused) {
                return unchanged.apply(this);
            }
        }

        /**
         * The run cannot be steered so.
         *
         * @param run the run, unchanged
         * @param reason why, for people
         */
        record Refused(MigrationRun run, String reason) implements Steering {
            @Override
            public <R> R fold(
                    Function<Changed, R> changed, Function<Unchanged, R> unchanged, Function<Refused, R> refused) {
                return refused.apply(this);
            }
        }
    }
}
