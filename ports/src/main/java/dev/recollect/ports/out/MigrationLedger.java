package dev.recollect.ports.out;

import dev.recollect.domain.migration.Decision;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.migration.MigrationRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

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

    /** How many documents {@code table} holds. */
    long count(String table);

    /**
     * Plans the run's batches: consecutive key ranges of {@code batchSize} documents over the table, by keyset. Idempotent:
     * seeding again adds only the ranges after the last one already planned, so no batch is ever duplicated.
     *
     * @return how many batches the run has
     */
    int seed(MigrationRun run);

    /** Claims the run's first claimable batch for {@code worker}, skipping those other workers hold. */
    Optional<MigrationBatch> claim(UUID runId, String worker, Duration lease, Instant now);

    /**
     * Does a claimed batch in one transaction: reads its documents in key order, decides them with {@code decide}
     * (which must not throw) into a {@link dev.recollect.domain.migration.DecidedBatch}, writes its updates and
     * promotions unless the run is dry, and marks the
     * batch completed with its stats, at the time {@code clock} gives when the work is done. Nothing is written when
     * {@code worker} no longer holds the batch.
     *
     * @return the completed batch; empty when the claim was lost to another worker
     */
    Optional<MigrationBatch> process(
            MigrationBatch claimed, String worker, boolean dryRun, Function<Document, Decision> decide, Clock clock);

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
