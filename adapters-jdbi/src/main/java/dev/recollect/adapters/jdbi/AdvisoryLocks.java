package dev.recollect.adapters.jdbi;

import dev.recollect.ports.out.ExclusiveLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * PostgreSQL's session advisory locks: {@code pg_try_advisory_lock} on a connection held for the work, released by
 * {@code pg_advisory_unlock}, or by the server when the session ends, however the process ends.
 */
final class AdvisoryLocks implements ExclusiveLocks {
    private final DataSource dataSource;

    AdvisoryLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean runExclusively(String name, Runnable work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!call(connection, "SELECT pg_try_advisory_lock(hashtextextended(?, 0))", name)) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                call(connection, "SELECT pg_advisory_unlock(hashtextextended(?, 0))", name);
            }
        } catch (SQLException e) {
            throw new PersistenceException("the exclusive lock " + name + " failed: " + e.getMessage(), e);
        }
    }

    private static boolean call(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
