package dev.recollect.ports.out;

import dev.recollect.domain.migration.Decision;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.migration.MigrationRun;
import dev.recollect.domain.migration.RunScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The ledger of migration runs and their batches, and the documents they change. Several workers, in several
 * processes, share a run: each batch is claimed by one of them at a time.
 */
public interface MigrationLedger {
    /** Records a new run. */
    void createRun(MigrationRun run);

    /** The run with {@code id}. */
    Optional<MigrationRun> findRun(UUID id);

    /** The newest runs first, at most {@code limit}. */
    List<MigrationRun> runs(int limit);

    /** Every run of the migration {@code name}, oldest first. */
    List<MigrationRun> runsOf(String name);

    /**
     * Changes a run under a lock, so that concurrent changes apply one after the other: {@code change} is given the
     * run as stored and returns the run to store (itself to store nothing). Only the control, the batch size and the
     * time per document change this way.
     *
     * @return the run as stored after the change; empty for an unknown run
     */
    Optional<MigrationRun> updateRun(UUID id, UnaryOperator<MigrationRun> change);

    /** How many documents of {@code table} are in {@code scope}. */
    long count(String table, RunScope scope);

    /**
     * Plans the run's batches: consecutive key ranges of {@code batchSize} documents over the keys of its scope, by
     * keyset. Idempotent: seeding again adds only the ranges after the last one already planned, so no batch is ever
     * duplicated. An adaptive run ({@link MigrationRun#adaptive()}) is not seeded: its batches are planned as they are
     * claimed.
     *
     * @return how many batches the run has
     */
    int seed(MigrationRun run);

    /**
     * Claims the run's first claimable batch for {@code worker}, skipping those other workers hold; for an adaptive
     * run with none, plans the next range of the run's current batch size and claims it. Nothing is claimed while the
     * run is paused or cancelled.
     */
    Optional<MigrationBatch> claim(UUID runId, String worker, Duration lease, Instant now);

    /**
     * Does a claimed batch in one transaction: reads its documents in the run's scope, in key order, decides them
     * together with {@code decideAll} (one decision per document, in their order) into a
     * {@link dev.recollect.domain.migration.DecidedBatch}, writes its updates and promotions unless the run is dry,
     * and marks the batch completed with its stats, at the time {@code clock} gives when the work is done. Nothing is
     * written when {@code worker} no longer holds the batch, or when {@code decideAll} throws (the exception
     * propagates, and the caller fails the batch).
     *
     * @return the completed batch; empty when the claim was lost to another worker
     */
    Optional<MigrationBatch> processAll(
            MigrationBatch claimed,
            String worker,
            boolean dryRun,
            Function<List<Document>, List<Decision>> decideAll,
            Clock clock);

    /**
     * {@link #processAll} with each document decided alone by {@code decide}, which must not throw.
     *
     * @return the completed batch; empty when the claim was lost to another worker
     */
    default Optional<MigrationBatch> process(
            MigrationBatch claimed, String worker, boolean dryRun, Function<Document, Decision> decide, Clock clock) {
        return processAll(
                claimed,
                worker,
                dryRun,
                documents -> documents.stream().map(decide).toList(),
                clock);
    }

    /** Records that {@code worker}'s batch failed as a whole (see {@link MigrationBatch#fail}). */
    Optional<MigrationBatch> fail(UUID runId, int seq, String worker, String error, Instant now);

    /** Queues the run's failed batches again; returns how many. */
    int forceRetry(UUID runId);

    /** Every batch of the run, in order. */
    List<MigrationBatch> batches(UUID runId);

    /** Marks the run finished at {@code now}, once no batch is left to do. */
    void finish(UUID runId, Instant now);

    /** Adds the documents of {@code table} that are not there yet (by id); returns how many were added. */
    int importDocuments(String table, List<Document> documents);

    /** Up to {@code limit} documents of {@code table} after the key {@code after} ({@code null}: from the start). */
    List<Document> documents(String table, String after, int limit);
}
