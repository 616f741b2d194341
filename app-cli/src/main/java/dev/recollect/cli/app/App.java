package dev.recollect.cli.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.recollect.adapters.jdbi.JdbiPersistence;
import dev.recollect.adapters.jdbi.server.SharedPostgres;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.CommonOptions;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.usage.PriceTable;
import dev.recollect.ports.Recollect;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The composition root: one database (embedded or external), the stores over it, and the services a command uses.
 * Commands open it, use it, and close it; closing stops the embedded server.
 */
public final class App implements AutoCloseable {
    private static final int POOL_SIZE = 8;

    private final SharedPostgres.Attachment embedded;
    private final HikariDataSource dataSource;
    private final JdbiPersistence persistence;
    private final String description;
    private final Map<String, String> env;
    private final JobSettings jobSettings;
    private final Clock clock = Clock.systemUTC();
    private final Long seed;

    private App(
            SharedPostgres.Attachment embedded,
            HikariDataSource dataSource,
            String description,
            Map<String, String> env,
            JobSettings jobSettings) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.persistence = JdbiPersistence.over(dataSource);
        this.description = description;
        this.env = env;
        this.jobSettings = jobSettings;
        String seed = env.get("RECOLLECT_SEED");
        this.seed = seed == null ? null : (long) seed.hashCode();
    }

    /**
     * Opens the database the options name: an external one (whose schema must be current, or {@code --auto-migrate}
     * given), else the home's shared embedded server, started if needed and migrated.
     *
     * @param checkSchema whether an external database's schema must be current; the schema commands need not
     * @param use what the command does with the database, and its name, for {@code db status} and {@code db stop}
     */
    public static App open(
            CommonOptions options,
            Map<String, String> env,
            PrintWriter err,
            boolean checkSchema,
            Use use,
            JobSettings jobSettings) {
        if (options.external()) {
            HikariDataSource pool =
                    pool(options.databaseUrl(), options.databaseUser(), options.databasePassword(), use.poolSize());
            try {
                if (options.autoMigrate()) {
                    JdbiPersistence.migrateSchema(pool);
                } else if (checkSchema && !JdbiPersistence.schemaInfo(pool).isCurrent()) {
                    throw CliException.invalid("the database's schema is not current: run `recollect db migrate`"
                            + " or pass --auto-migrate");
                }
                return new App(null, pool, "PostgreSQL at " + options.databaseUrl(), env, jobSettings);
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
        }
        SharedPostgres.Settings settings = EmbeddedSettings.of(options.home(), env);
        SharedPostgres.Attachment embedded = SharedPostgres.attach(settings, use.role(), use.command(), notice -> {
            err.println(notice);
            err.flush();
        });
        try {
            HikariDataSource pool = pool(
                    embedded.jdbcUrl(SharedPostgres.DATABASE), embedded.user(), embedded.password(), use.poolSize());
            try {
                if (!JdbiPersistence.schemaIsCurrent(pool)) {
                    JdbiPersistence.migrateSchema(pool);
                }
                return new App(embedded, pool, describe(embedded), env, jobSettings);
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    /**
     * What a command does with the database.
     *
     * @param role what it does, which decides whether {@code db stop} waits for it or refuses
     * @param command its name, for people
     */
    public record Use(SharedPostgres.Role role, String command) {
        int poolSize() {
            // One-shot commands use a connection or two; twenty of them and a worker stay far below the server's 200.
            return role == SharedPostgres.Role.WORKER ? POOL_SIZE : 3;
        }
    }

    private static String describe(SharedPostgres.Attachment embedded) {
        SharedPostgres.Location location = embedded.location();
        return "embedded PostgreSQL in " + location.clusterDirectory() + " ("
                + embedded.server().binaries() + ", port " + embedded.server().port() + ")";
    }

    /** Opens a pool without checking the schema. */
    static HikariDataSource pool(String url, String user, String password, int size) {
        try {
            return JdbiPersistence.pool(url, user, password, size);
        } catch (IllegalArgumentException e) {
            throw CliException.invalid("--database-url: " + e.getMessage());
        } catch (RuntimeException e) {
            throw CliException.invalid("--database-url: cannot reach the database at " + url + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
    }

    /** Which database this is, for people. */
    public String description() {
        return description;
    }

    /** The data source, for schema commands. */
    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** The clock every service reads. */
    public Clock clock() {
        return clock;
    }

    /** The variable that adds to or overrides the model prices, as {@code model=input/output,…} per million tokens. */
    public static final String PRICES = "RECOLLECT_PRICES";

    /**
     * Model prices for cost estimates: Google's list prices, with {@value #PRICES}'s overrides.
     *
     * @throws CliException naming the variable when its value is malformed
     */
    public PriceTable prices() {
        try {
            return PriceTable.GEMINI_LIST_PRICES.with(PriceTable.parse(env.getOrDefault(PRICES, "")));
        } catch (DomainException e) {
            throw CliException.invalid(PRICES + ": " + e.getMessage());
        }
    }

    /** The job settings in force: the defaults, the environment's and the command's options. */
    public JobSettings jobSettings() {
        return jobSettings;
    }

    /** The use cases, without a model: everything but generation. */
    public Recollect recollect() {
        return recollect(null, MetricsLog.off());
    }

    /** The use cases over {@code model}, workers included, recording nothing. */
    public Recollect recollect(Model model) {
        return recollect(model, MetricsLog.off());
    }

    /**
     * The use cases over {@code model} ({@code null} for none), recording into {@code metrics}: the one builder an
     * embedding service uses, with the settings' job policy, rate limit, retries and housekeeping, and the FSRS
     * settings of the environment.
     */
    public Recollect recollect(Model model, MetricsLog metrics) {
        Recollect.Builder builder = Recollect.builder()
                .persistence(persistence)
                .clock(clock)
                .jobPolicy(jobSettings.policy())
                .rateLimit(jobSettings.limit())
                .retryPolicy(jobSettings.retry())
                .housekeepingEvery(jobSettings.housekeepingEvery())
                .fsrs(FsrsSettings.from(env))
                .metrics(metrics.metrics());
        if (model != null) {
            builder.models(model.languageModels());
        }
        if (seed != null) {
            builder.seed(seed);
        }
        return builder.build();
    }

    /** Where the embedded database's data lives; empty for an external database. */
    public Optional<SharedPostgres.Location> embeddedLocation() {
        return Optional.ofNullable(embedded).map(SharedPostgres.Attachment::location);
    }

    @Override
    public void close() {
        try {
            dataSource.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
