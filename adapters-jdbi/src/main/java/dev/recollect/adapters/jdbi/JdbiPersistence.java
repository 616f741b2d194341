package dev.recollect.adapters.jdbi;

import dev.recollect.ports.out.ConceptStore;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.PhrasingStore;
import dev.recollect.ports.out.RateLimiter;
import dev.recollect.ports.out.UserStatsStore;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * The PostgreSQL adapter's entry point: the schema, managed by Flyway from the versioned SQL in
 * {@code db/migration}, and the stores that implement the outbound ports. Thread-safe; share one instance per
 * data source.
 */
public final class JdbiPersistence {
    private final JobStore jobs;
    private final ConceptStore concepts;
    private final PhrasingStore phrasings;
    private final UserStatsStore userStats;
    private final RateLimiter rateLimiter;
    private final DataSource dataSource;

    private JdbiPersistence(Jdbi jdbi, DataSource dataSource) {
        this.dataSource = dataSource;
        Database db = new Database(jdbi);
        JdbiRateLimiter limiter = new JdbiRateLimiter(db);
        this.rateLimiter = limiter;
        this.jobs = new JdbiJobStore(db, limiter);
        this.concepts = new JdbiConceptStore(db);
        this.phrasings = new JdbiPhrasingStore(db);
        this.userStats = new JdbiUserStatsStore(db);
    }

    /** The stores over {@code dataSource}, whose schema must be current (see {@link #migrateSchema}). */
    public static JdbiPersistence over(DataSource dataSource) {
        Jdbi jdbi = Rows.register(
                Jdbi.create(Objects.requireNonNull(dataSource, "dataSource")).installPlugin(new PostgresPlugin()));
        return new JdbiPersistence(jdbi, dataSource);
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

    /** Generation jobs. */
    public JobStore jobs() {
        return jobs;
    }

    /** Concepts. */
    public ConceptStore concepts() {
        return concepts;
    }

    /** Phrasings. */
    public PhrasingStore phrasings() {
        return phrasings;
    }

    /** Per-user counters. */
    public UserStatsStore userStats() {
        return userStats;
    }

    /**
     * Job signals over LISTEN/NOTIFY, on a connection of their own taken from the data source; close them when done.
     */
    public JobSignals signals() {
        return new PostgresJobSignals(dataSource);
    }

    /** The rate limiter. */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
    }
}
