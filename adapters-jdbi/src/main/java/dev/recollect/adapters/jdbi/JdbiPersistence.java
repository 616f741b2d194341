package dev.recollect.adapters.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.recollect.ports.out.ConceptStore;
import dev.recollect.ports.out.ExclusiveLocks;
import dev.recollect.ports.out.JobReports;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.LearnerParameterStore;
import dev.recollect.ports.out.MigrationLedger;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.out.PhrasingStore;
import dev.recollect.ports.out.RateLimiter;
import dev.recollect.ports.out.ReviewStore;
import dev.recollect.ports.out.UserStatsStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * The PostgreSQL adapter's entry point: the schema, managed by Flyway from the versioned SQL in
 * {@code db/migration}, and the stores that implement the outbound ports. Thread-safe; share one instance per
 * data source.
 */
public final class JdbiPersistence implements Persistence {
    private static final String READ_COMMITTED = "TRANSACTION_READ_COMMITTED";

    private final JobStore jobs;
    private final JobReports jobReports;
    private final ConceptStore concepts;
    private final PhrasingStore phrasings;
    private final UserStatsStore userStats;
    private final RateLimiter rateLimiter;
    private final ReviewStore reviews;
    private final LearnerParameterStore learnerParameters;
    private final MigrationLedger migrations;
    private final DataSource dataSource;

    private JdbiPersistence(Jdbi jdbi, DataSource dataSource) {
        this.dataSource = dataSource;
        Database db = new Database(jdbi, isReadCommittedPool(dataSource));
        JdbiRateLimiter limiter = new JdbiRateLimiter(db);
        this.rateLimiter = limiter;
        this.jobs = new JdbiJobStore(db, limiter);
        this.jobReports = new JdbiJobReports(db);
        this.concepts = new JdbiConceptStore(db);
        this.phrasings = new JdbiPhrasingStore(db);
        this.userStats = new JdbiUserStatsStore(db);
        this.reviews = new JdbiReviewStore(db);
        this.learnerParameters = new JdbiLearnerParameterStore(db);
        this.migrations = new JdbiMigrationLedger(db);
    }

    /** The stores over {@code dataSource}, whose schema must be current (see {@link #migrateSchema}). */
    public static JdbiPersistence over(DataSource dataSource) {
        Jdbi jdbi = Rows.register(
                Jdbi.create(Objects.requireNonNull(dataSource, "dataSource")).installPlugin(new PostgresPlugin()));
        return new JdbiPersistence(jdbi, dataSource);
    }

    /** Whether {@code dataSource} is a HikariCP pool that gives every connection READ COMMITTED and restores it. */
    static boolean isReadCommittedPool(DataSource dataSource) {
        return dataSource instanceof HikariDataSource pool && READ_COMMITTED.equals(pool.getTransactionIsolation());
    }

    /**
     * A HikariCP pool for a PostgreSQL database, for callers that have no pool of their own. The caller owns it and
     * closes it after the last store call.
     *
     * @param jdbcUrl a {@code jdbc:postgresql:} URL
     * @param maximumPoolSize 1 to 100 connections; one more is held by {@link #openSignals()} while it listens
     * @throws IllegalArgumentException when the URL is not PostgreSQL's or the size is out of range
     */
    public static HikariDataSource pool(String jdbcUrl, String user, String password, int maximumPoolSize) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the JDBC URL must start with jdbc:postgresql:, got " + jdbcUrl);
        }
        if (maximumPoolSize < 1 || maximumPoolSize > 100) {
            throw new IllegalArgumentException("the pool size must be 1 to 100, got " + maximumPoolSize);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("recollect");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maximumPoolSize);
        // The level every store transaction needs; HikariCP sets it on each connection and restores it if changed.
        config.setTransactionIsolation(READ_COMMITTED);
        // Fail start-up fast and clearly when the database is unreachable, rather than on the first store call.
        config.setInitializationFailTimeout(10_000);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    /**
     * Brings the schema of {@code dataSource}'s database up to date.
     *
     * @return how many migrations were applied; 0 when the schema was current
     */
    public static int migrateSchema(DataSource dataSource) {
        MigrateResult result = flyway(dataSource).migrate();
        return result.migrationsExecuted;
    }

    /**
     * The schema's state in a database.
     *
     * @param currentVersion the version of the last migration applied; {@code null} for an empty database
     * @param pending how many migrations this build would apply
     * @param migrations how many migrations this build has
     */
    public record SchemaInfo(String currentVersion, int pending, int migrations) {
        /** Whether the schema is this build's. */
        public boolean isCurrent() {
            return pending == 0;
        }
    }

    /**
     * The version of this build's last schema migration. {@code SchemaIT} checks it against the migrations on the
     * class path, so it cannot fall behind them.
     */
    public static final int SCHEMA_VERSION = 13;

    /**
     * Whether {@code dataSource}'s schema is at least this build's, read from Flyway's history with one query: a
     * cheap check for every command, where {@link #schemaInfo} would load all of Flyway. A newer schema counts as
     * current, as Flyway itself treats migrations from the future.
     */
    public static boolean schemaIsCurrent(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
                if (!exists.next() || !exists.getBoolean(1)) {
                    return false;
                }
            }
            try (ResultSet version = statement.executeQuery("SELECT max(version::int) FROM flyway_schema_history"
                    + " WHERE success AND version ~ '^[0-9]+$'")) {
                return version.next() && version.getInt(1) >= SCHEMA_VERSION;
            }
        } catch (SQLException e) {
            throw new PersistenceException("could not read the schema's version: " + e.getMessage(), e);
        }
    }

    /** What {@link #migrateSchema} would do in {@code dataSource}'s database, without changing it. */
    public static SchemaInfo schemaInfo(DataSource dataSource) {
        try {
            MigrationInfoService info = flyway(dataSource).info();
            MigrationInfo current = info.current();
            return new SchemaInfo(
                    current == null ? null : current.getVersion().getVersion(),
                    info.pending().length,
                    info.all().length);
        } catch (FlywayException e) {
            throw new PersistenceException("could not read the schema's version: " + e.getMessage(), e);
        }
    }

    /** Generation jobs. */
    @Override
    public JobStore jobs() {
        return jobs;
    }

    /** Reports over the jobs, for operators. */
    @Override
    public JobReports jobReports() {
        return jobReports;
    }

    /** Concepts. */
    @Override
    public ConceptStore concepts() {
        return concepts;
    }

    /** Phrasings. */
    @Override
    public PhrasingStore phrasings() {
        return phrasings;
    }

    /** Per-user counters. */
    @Override
    public LearnerParameterStore learnerParameters() {
        return learnerParameters;
    }

    @Override
    public UserStatsStore userStats() {
        return userStats;
    }

    /**
     * Job signals over LISTEN/NOTIFY, on a connection of their own taken from the data source; close them when done.
     */
    @Override
    public JobSignals openSignals() {
        return new PostgresJobSignals(dataSource);
    }

    /** Answers, recorded atomically with the schedule, counters and stats they change. */
    @Override
    public ReviewStore reviews() {
        return reviews;
    }

    /** The ledger of data migrations, and the imported documents they change. */
    @Override
    public MigrationLedger migrations() {
        return migrations;
    }

    /** The rate limiter. */
    @Override
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** Work that one process of many does at a time, under PostgreSQL advisory locks. */
    @Override
    public ExclusiveLocks exclusiveLocks() {
        return new AdvisoryLocks(dataSource);
    }

    /** The schema's version and the Flyway migrations still pending, read from the database. */
    @Override
    public Schema schema() {
        SchemaInfo info = schemaInfo(dataSource);
        return new Schema(info.currentVersion(), info.pending());
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
    }
}
