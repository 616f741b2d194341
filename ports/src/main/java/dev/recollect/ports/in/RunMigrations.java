package dev.recollect.ports.in;

import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.BatchStats;
import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.migration.MigrationRun;
import dev.recollect.domain.migration.RunResult;
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

/** Plans, runs, resumes and reports data migrations. */
public interface RunMigrations {
    /** The migrations that can be run, by name. */
    List<DocumentMigration> available();

    /** Plans a run: records it, estimates its total, and seeds its batches. */
    Started start(Start command);

    /**
     * Works on a run until no batch is left to claim, pausing between batches; several workers may work on one run.
     *
     * @param progress told after every batch this worker does
     * @return the run's report when this worker found nothing more to do; empty for an unknown run
     */
    Optional<RunReport> work(Work command, Consumer<Progress> progress);

    /**
     * A worker's progress, after each of its batches. Cheap to make: the full report reads every batch of the run.
     *
     * @param run the run
     * @param batch the batch just done (completed, or set to retry)
     * @param workerStats what this worker's completed batches did
     * @param batchesDone how many batches this worker did
     */
    record Progress(MigrationRun run, MigrationBatch batch, BatchStats workerStats, int batchesDone) {}

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

    /** Queues a run's failed batches again; returns how many, or empty for an unknown run. */
    Optional<Integer> retryFailed(UUID runId);

    /**
     * A run to plan.
     *
     * @param name the migration's name
     * @param dryRun whether to write nothing to the data
     * @param batchSize documents per batch
     */
    record Start(@NotBlank String name, boolean dryRun, @Min(1) @Max(10_000) int batchSize) {}

    /** The outcome of planning. */
    sealed interface Started {
        /**
         * The value of the function for this outcome; every variant has its own, so a new variant breaks
         * the build wherever one is handled.
         *
         * @param planned for {@link Planned}
         * @param unknownMigration for {@link UnknownMigration}
         */
        <R> R fold(Function<Planned, R> planned, Function<UnknownMigration, R> unknownMigration);

        /**
         * Planned.
         *
         * @param run the run
         * @param batches how many batches it has
         */
        record Planned(MigrationRun run, int batches) implements Started {
            @Override
            public <R> R fold(Function<Planned, R> planned, Function<UnknownMigration, R> unknownMigration) {
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
            public <R> R fold(Function<Planned, R> planned, Function<UnknownMigration, R> unknownMigration) {
                return unknownMigration.apply(this);
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

        /** Whether no batch is pending, processing or waiting to retry. */
        public boolean done() {
            return batches.get(BatchState.PENDING) == 0
                    && batches.get(BatchState.PROCESSING) == 0
                    && batches.get(BatchState.RETRY) == 0;
        }

        /** Batches in all. */
        public int totalBatches() {
            return batches.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
