package dev.recollect.ports.in;

import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.BatchStats;
import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.migration.MigrationRun;
import dev.recollect.domain.migration.RunControl;
import dev.recollect.domain.migration.RunResult;
import dev.recollect.domain.migration.RunScope;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** Plans, runs, resumes and reports data migrations. */
public interface RunMigrations {
    /** The migrations that can be run, by name. */
    List<DocumentMigration> available();

    /**
     * Plans a run: records it, estimates its total, and seeds its batches (a run with a target batch time plans each
     * batch when it is claimed instead). A scope that a completed run of the same migration already covered is not
     * planned again unless the command says {@code again}.
     */
    Started start(Start command);

    /**
     * Works on a run until no batch is left to claim, pausing between batches; several workers may work on one run.
     *
     * @param progress told after every batch this worker does
     * @return the run's report when this worker found nothing more to do; empty for an unknown run
     */
    Optional<RunReport> work(Work command, Consumer<Progress> progress);

    /**
     * A worker's progress, after each of its batches, and once when it finds the run paused and starts to wait for
     * it to be resumed. Cheap to make: the full report reads every batch of the run.
     *
     * @param run the run, as the worker last read it
     * @param batch the batch just done (completed, or set to retry); {@code null} when the run was found paused
     * @param workerStats what this worker's completed batches did
     * @param batchesDone how many batches this worker did
     */
    record Progress(MigrationRun run, MigrationBatch batch, BatchStats workerStats, int batchesDone) {
        /** Whether this is the notice that the worker waits for the run to be resumed. */
        public boolean waitingForResume() {
            return batch == null;
        }
    }

    /**
     * Pauses, resumes or cancels a run. Workers take no batch of a paused or cancelled run, and notice within a
     * second; batches in flight finish, their writes committed or rolled back whole. A cancelled run with no batch in
     * flight is finished at once; otherwise its last worker finishes it.
     *
     * @return the outcome; empty for an unknown run
     */
    Optional<MigrationRun.Steering> steer(UUID runId, MigrationRun.Steer steer);

    /**
     * The runs of the migration {@code name} that completed over their scope: finished, not dry, not cancelled, with
     * every batch completed and no document failed. Their scopes are what the migration covered. Empty for an unknown
     * migration.
     */
    Optional<List<MigrationRun>> coverage(String name);

    /** The run's report; empty for an unknown run. */
    Optional<RunReport> status(UUID runId);

    /**
     * The run's batches that need an operator's eye, in order: those waiting to be retried (with the time of their
     * next attempt) and those that failed for good, each with its key range, its failures so far and its last error.
     * Empty for an unknown run.
     */
    Optional<List<MigrationBatch>> troubles(UUID runId);

    /** The newest runs first. */
    List<MigrationRun> list(int limit);

    /**
     * Queues a run's failed batches again; returns how many (none for a cancelled run), or empty for an unknown run.
     */
    Optional<Integer> retryFailed(UUID runId);

    /**
     * A run to plan.
     *
     * @param name the migration's name
     * @param dryRun whether to write nothing to the data
     * @param batchSize documents per batch; with a {@code targetBatchTime}, of the first batch
     * @param scope the part of the table to walk
     * @param targetBatchTime how long each batch should take (the bounds of {@link dev.recollect.domain.migration.BatchPace}), its size adapting
     *     between batches; {@code null} for batches of a fixed size
     * @param again whether to plan a scope that a completed run already covered
     */
    record Start(
            @NotBlank String name,
            boolean dryRun,
            @Min(1) @Max(10_000) int batchSize,
            @NotNull RunScope scope,
            @DurationMin(millis = 10) @DurationMax(minutes = 1) Duration targetBatchTime,
            boolean again) {
        /** A run over the whole table, in batches of a fixed size. */
        public Start(String name, boolean dryRun, int batchSize) {
            this(name, dryRun, batchSize, RunScope.ALL, null, false);
        }
    }

    /** The outcome of planning. */
    sealed interface Started {
        /**
         * The value of the function for this outcome; every variant has its own, so a new variant breaks
         * the build wherever one is handled.
         *
         * @param planned for {@link Planned}
         * @param unknownMigration for {@link UnknownMigration}
         */
        <R> R fold(
                Function<Planned, R> planned,
                Function<UnknownMigration, R> unknownMigration,
                Function<AlreadyCovered, R> alreadyCovered);

        /**
         * Planned.
         *
         * @param run the run
         * @param batches how many batches it has
         */
        record Planned(MigrationRun run, int batches) implements Started {
            @Override
            public <R> R fold(
                    Function<Planned, R> planned,
                    Function<UnknownMigration, R> unknownMigration,
                    Function<AlreadyCovered, R> alreadyCovered) {
                return planned.apply(this);
            }
        }

        /**
         * No migration has that name.
         *
         * @param known the names there are
         */
        record UnknownMigration(List<String> known) implements Started {
            @Override
            public <R> R fold(
                    Function<Planned, R> planned,
                    Function<UnknownMigration, R> unknownMigration,
                    Function<AlreadyCovered, R> alreadyCovered) {
                return unknownMigration.apply(this);
            }
        }

        /**
         * A completed run of the same migration already covered the scope; nothing was planned.
         *
         * @param by the run that covered it
         */
        record AlreadyCovered(MigrationRun by) implements Started {
            @Override
            public <R> R fold(
                    Function<Planned, R> planned,
                    Function<UnknownMigration, R> unknownMigration,
                    Function<AlreadyCovered, R> alreadyCovered) {
                return alreadyCovered.apply(this);
            }
        }
    }

    /**
     * Work to do.
     *
     * @param runId the run
     * @param workerId this worker's id, written into the ledger
     * @param pause how long to wait between two batches (throttling)
     */
    record Work(@NotNull UUID runId, @NotBlank String workerId, @NotNull Duration pause) {}

    /**
     * Where a run is: the backfill scheduler's stats view.
     *
     * @param run the run
     * @param batches batches by state (every state present)
     * @param stats what the completed batches did
     * @param result the result contract so far, over the completed and failed batches
     * @param documentsPerSecond documents processed per second between the first claim and the last completion
     * @param remainingEstimate documents still to process, estimated from the planned total
     * @param firstStartedAt when a batch was first claimed; {@code null} before
     * @param lastCompletedAt when a batch last completed; {@code null} before
     */
    record RunReport(
            MigrationRun run,
            Map<BatchState, Integer> batches,
            BatchStats stats,
            RunResult result,
            double documentsPerSecond,
            long remainingEstimate,
            Instant firstStartedAt,
            Instant lastCompletedAt) {
        /** Copies the map. */
        public RunReport {
            batches = Map.copyOf(batches);
        }

        /**
         * Whether no batch is left to do: none pending, processing or waiting to retry; for a cancelled run, none
         * processing (the others will never be done).
         */
        public boolean done() {
            return batches.get(BatchState.PROCESSING) == 0
                    && (run.control() == RunControl.CANCELLED
                            || (batches.get(BatchState.PENDING) == 0 && batches.get(BatchState.RETRY) == 0));
        }

        /** Batches in all. */
        public int totalBatches() {
            return batches.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
