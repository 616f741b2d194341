package dev.recollect.adapters.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** The adapter's access to JDBI: transactions that wrap failures, and column readers shared by the stores. */
final class Database {
    private final Jdbi jdbi;

    Database(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Runs {@code work} in a READ COMMITTED transaction; a JDBI failure becomes a {@link PersistenceException}. */
    <T> T inTransaction(String operation, HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, work);
        } catch (JdbiException e) {
            throw new PersistenceException(operation + " failed: " + e.getMessage(), e);
        }
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
        try {
            return jdbi.withHandle(work);
        } catch (JdbiException e) {
            throw new PersistenceException(operation + " failed: " + e.getMessage(), e);
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
