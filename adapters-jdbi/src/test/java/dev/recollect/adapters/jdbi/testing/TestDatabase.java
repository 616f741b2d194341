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

    /**
     * A small connection pool for this database, shared by the test class and closed with the JVM; concurrency
     * tests need more than one connection at a time.
     */
    public DataSource pooled() {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setPoolName("test-" + name);
        com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(config);
        Runtime.getRuntime().addShutdownHook(new Thread(pool::close, "close-" + name));
        return pool;
    }

    /** A new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }
}
