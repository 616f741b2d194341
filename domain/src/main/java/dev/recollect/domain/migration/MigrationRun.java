package dev.recollect.domain.migration;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One run of a migration, as the ledger records it.
 *
 * @param id the run's id
 * @param name the migration's name
 * @param table the table it walks
 * @param dryRun whether it writes nothing to the data
 * @param batchSize documents per batch
 * @param estimatedTotal documents expected, counted when the run was planned
 * @param createdAt when it was planned
 * @param finishedAt when its last batch ended; {@code null} while batches remain
 */
public record MigrationRun(
        UUID id,
        String name,
        String table,
        boolean dryRun,
        int batchSize,
        long estimatedTotal,
        Instant createdAt,
        Instant finishedAt) {
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
        if (batchSize < MIN_BATCH || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException(
                    "batchSize must be " + MIN_BATCH + " to " + MAX_BATCH + ", got " + batchSize);
        }
        if (estimatedTotal < 0) {
            throw new IllegalArgumentException("estimatedTotal must be >= 0, got " + estimatedTotal);
        }
    }

    /** The same run, finished at {@code at}. */
    public MigrationRun finished(Instant at) {
        return new MigrationRun(id, name, table, dryRun, batchSize, estimatedTotal, createdAt, at);
    }
}
