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

    /**
     * A digest of every row of {@code tables}, as {@code table=count:md5} each: equal to an earlier one exactly when
     * nothing was written to them since. For tests that an action changed nothing.
     */
    public java.util.List<String> digest(java.util.List<String> tables) {
        java.util.List<String> digests = new java.util.ArrayList<>();
        try (Connection connection = connect();
                java.sql.Statement statement = connection.createStatement()) {
            for (String table : tables) {
                try (java.sql.ResultSet rows = statement.executeQuery("SELECT count(*) || ':' || coalesce(md5("
                        + "string_agg(t::text, '|' ORDER BY t::text)), '') FROM " + table + " t")) {
                    rows.next();
                    digests.add(table + "=" + rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not digest " + tables, e);
        }
        return digests;
    }

    /** Every table of the schema that holds a learner's data or a job's, the ledger's and the rate limit's. */
    public static final java.util.List<String> DATA_TABLES = java.util.List.of(
            "generation_jobs",
            "job_token_usage",
            "rate_limit_events",
            "concepts",
            "phrasings",
            "interactions",
            "user_stats",
            "learner_parameters",
            "imported_documents",
            "migration_runs",
            "migration_batches");
}
