package dev.recollect.adapters.jdbi.testing;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One test class's database.
 *
 * @param name the database's name, unique on the server
 * @param jdbcUrl a JDBC URL for it, without credentials
 * @param user the user to connect as
 * @param password the user's password; {@code null} where the server trusts local connections
 */
public record TestDatabase(String name, String jdbcUrl, String user, String password) {
    /** A data source that opens a new connection per call; close what you open. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    private static final java.util.Map<String, com.zaxxer.hikari.HikariDataSource> POOLS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The connection pool of this database: one per database, shared by the test class (JUnit makes an instance per
     * test method), closed when the database is dropped. Concurrency tests need more than one connection at a time.
     */
    public DataSource pooled() {
        return POOLS.computeIfAbsent(name, n -> {
            com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(10);
            config.setMinimumIdle(1);
            config.setPoolName("test-" + n);
            return new com.zaxxer.hikari.HikariDataSource(config);
        });
    }

    /** Closes this database's pool, if it has one. */
    void closePool() {
        com.zaxxer.hikari.HikariDataSource pool = POOLS.remove(name);
        if (pool != null) {
            pool.close();
        }
    }

    /** A new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }
}
