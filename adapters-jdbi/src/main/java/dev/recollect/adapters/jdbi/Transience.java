package dev.recollect.adapters.jdbi;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Which database failures are worth trying again at the adapter's edge, by PostgreSQL's SQLSTATE: the connection
 * class ({@code 08…}, and {@code 57P01}–{@code 57P03}: the server shutting down or not yet accepting connections) and
 * the two conflicts after which PostgreSQL has rolled the transaction back ({@code 40001} serialization failure,
 * {@code 40P01} deadlock). Nothing else: a constraint violation or a syntax error would only fail again.
 */
enum Transience {
    /** The connection failed or the server is going or coming: retry, unless the failure came while committing. */
    CONNECTION,
    /** The transaction was rolled back by a conflict: always safe to run again. */
    CONFLICT,
    /** A failure with a SQL state that says it would fail again: not retried. */
    PERMANENT,
    /**
     * No SQL state anywhere in the failure, such as HikariCP's "Connection is closed": {@code Database} decides by
     * where the failure came from and how far the transaction got.
     */
    UNKNOWN;

    private static final Set<String> SERVER_GOING_OR_COMING = Set.of("57P01", "57P02", "57P03");
    private static final Set<String> CONFLICTS = Set.of("40001", "40P01");

    /**
     * Classifies {@code failure} by the SQL states in its causes and their suppressed exceptions: a transient one
     * anywhere wins. The suppressed ones matter: when a statement fails because the connection broke, JDBI's attempt
     * to restore the transaction's isolation level then fails on the closed connection, and that second failure,
     * without a SQL state, is the one thrown, with the first suppressed in it.
     */
    static Transience of(Throwable failure) {
        return of(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static Transience of(Throwable failure, Set<Throwable> seen) {
        Transience found = UNKNOWN;
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            Transience here = cause instanceof SQLTransientConnectionException
                    ? CONNECTION
                    : cause instanceof SQLException sql && sql.getSQLState() != null ? of(sql.getSQLState()) : UNKNOWN;
            found = worse(found, here);
            for (Throwable suppressed : cause.getSuppressed()) {
                found = worse(found, of(suppressed, seen));
            }
        }
        return found;
    }

    /** Whether the failure came from the driver or the pool: a {@link SQLException} among its causes. */
    static boolean fromDriver(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    /** The more telling of two: a connection failure, then a conflict, then a permanent failure, then none known. */
    private static Transience worse(Transience a, Transience b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    /** Classifies a SQLSTATE. */
    static Transience of(String sqlState) {
        if (sqlState.startsWith("08") || SERVER_GOING_OR_COMING.contains(sqlState)) {
            return CONNECTION;
        }
        return CONFLICTS.contains(sqlState) ? CONFLICT : PERMANENT;
    }
}
