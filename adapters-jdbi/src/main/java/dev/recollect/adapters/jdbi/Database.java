package dev.recollect.adapters.jdbi;

import dev.recollect.ports.out.StoreUnavailableException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's access to JDBI: transactions that wrap failures, and column readers shared by the stores.
 *
 * <p>This is the adapter's edge for transient failures ({@link Transience}): an operation that fails because the
 * connection failed, or because PostgreSQL rolled it back in a conflict, is run again with a bounded, growing backoff,
 * for up to {@link #RETRY_BUDGET}. A transaction whose connection failed while it was committing is not: it may have
 * committed, and running it again could apply it twice. That failure, and an outage longer than the budget, end in a
 * {@link StoreUnavailableException}, which callers treat as "try again once the store answers, reading back what was
 * saved". An outage is logged once when it begins and once when it ends, not on every retry.
 */
final class Database {
    /** How long one operation keeps trying through an outage. */
    static final Duration RETRY_BUDGET = Duration.ofSeconds(20);

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final long FIRST_WAIT_MILLIS = 100;
    private static final long LONGEST_WAIT_MILLIS = 2_000;

    private final Jdbi jdbi;
    private final boolean readCommittedByDefault;
    private final AtomicBoolean down = new AtomicBoolean();

    /**
     * @param readCommittedByDefault whether every connection is known to start its transactions READ COMMITTED (a
     *     pool that sets and restores that level), so that a transaction need not set it
     */
    Database(Jdbi jdbi, boolean readCommittedByDefault) {
        this.jdbi = jdbi;
        this.readCommittedByDefault = readCommittedByDefault;
    }

    /**
     * Runs {@code work} in a READ COMMITTED transaction; a JDBI failure becomes a {@link PersistenceException}.
     *
     * <p>READ COMMITTED is not a preference: the stores wait for a lock, then read what the holder committed (a
     * learner's jobs under the cap's lock, a card after another answer), which a snapshot taken before the wait
     * would not show. The level is set by the transaction's first statement unless the pool guarantees it, not
     * through JDBC: JDBI's {@code inTransaction(level, ...)} reads the connection's level three times to set and
     * restore it, three round trips that cost the review path a quarter of its rate.
     */
    <T> T inTransaction(String operation, HandleCallback<T, RuntimeException> work) {
        return run(
                operation,
                progress -> jdbi.inTransaction(handle -> {
                    progress.set(Progress.WORKING);
                    if (!readCommittedByDefault) {
                        handle.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
                    }
                    T result = work.withHandle(handle);
                    progress.set(Progress.COMMITTING);
                    return result;
                }));
    }

    /** Like {@link #inTransaction}, for statements whose row count tells the caller nothing. */
    void useTransaction(String operation, HandleConsumer<RuntimeException> work) {
        inTransaction(operation, handle -> {
            work.useHandle(handle);
            return null;
        });
    }

    /** Runs {@code work} on a handle without an explicit transaction. */
    <T> T withHandle(String operation, HandleCallback<T, RuntimeException> work) {
        return run(
                operation,
                progress -> jdbi.withHandle(handle -> {
                    progress.set(Progress.WORKING);
                    return work.withHandle(handle);
                }));
    }

    /** How far an attempt got, which decides whether its failure may be retried. */
    private enum Progress {
        /** Nothing was sent: the connection was being taken, or the transaction set up. */
        STARTING,
        /** Statements were sent, and a failure rolled them back. */
        WORKING,
        /** The work was done and the commit sent: a failure leaves its outcome unknown. */
        COMMITTING
    }

    private <T> T run(String operation, Function<AtomicReference<Progress>, T> attempt) {
        long deadline = System.nanoTime() + RETRY_BUDGET.toNanos();
        long wait = FIRST_WAIT_MILLIS;
        while (true) {
            AtomicReference<Progress> progress = new AtomicReference<>(Progress.STARTING);
            try {
                T result = attempt.apply(progress);
                if (down.compareAndSet(true, false)) {
                    log.warn("PostgreSQL answers again");
                }
                return result;
            } catch (JdbiException e) {
                Transience transience = Transience.of(e);
                if (transience == Transience.UNKNOWN) {
                    // A driver or pool failure without any SQL state is the connection's: HikariCP's "Connection is
                    // closed" after a restart, which JDBI throws from restoring the isolation level in a finally
                    // block, losing the statement's own failure. A failure of JDBI's own (a mapping, say) has no
                    // SQLException, and is permanent.
                    transience = Transience.fromDriver(e) ? Transience.CONNECTION : Transience.PERMANENT;
                }
                if (transience == Transience.PERMANENT) {
                    throw new PersistenceException(operation + " failed: " + e.getMessage(), e);
                }
                if (transience == Transience.CONNECTION && progress.get() == Progress.COMMITTING) {
                    throw new StoreUnavailableException(
                            operation + ": the connection failed while committing, so whether it committed is unknown",
                            e);
                }
                if (System.nanoTime() + wait * 1_000_000 > deadline) {
                    throw transience == Transience.CONNECTION
                            ? new StoreUnavailableException(
                                    operation + ": PostgreSQL stayed unreachable for " + RETRY_BUDGET.toSeconds()
                                            + " s: " + e.getMessage(),
                                    e)
                            : new PersistenceException(operation + " kept conflicting: " + e.getMessage(), e);
                }
                if (transience == Transience.CONNECTION && down.compareAndSet(false, true)) {
                    log.warn(
                            "PostgreSQL is unreachable; retrying for up to {} s: {}",
                            RETRY_BUDGET.toSeconds(),
                            e.getMessage());
                }
                pause(operation, wait, e);
                wait = Math.min(wait * 2, LONGEST_WAIT_MILLIS);
            }
        }
    }

    private static void pause(String operation, long millis, JdbiException cause) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(operation + ": interrupted while waiting for PostgreSQL", cause);
        }
    }

    /** Writes the soft-delete marks of the row {@code id} of {@code table} (concepts or phrasings). */
    static void writeMarks(Handle handle, String table, UUID id, Instant archivedAt, Instant deletedAt, Instant now) {
        handle.createUpdate("UPDATE " + table
                        + " SET archived_at = :archived, deleted_at = :deleted, updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("archived", timestamp(archivedAt))
                .bind("deleted", timestamp(deletedAt))
                .bind("now", timestamp(now))
                .execute();
    }

    /** Serialises writers of one key for the rest of the transaction. */
    static void lock(Handle handle, String key) {
        handle.createQuery("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0)) IS NULL")
                .bind("key", key)
                .mapTo(Boolean.class)
                .one();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
