package dev.recollect.cli.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.recollect.adapters.jdbi.JdbiPersistence;
import dev.recollect.cli.CliException;
import dev.recollect.cli.CommonOptions;
import dev.recollect.cli.ExitCode;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.failure.RetryPolicy;
import dev.recollect.domain.fsrs.Scheduler;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.migration.BuiltInMigrations;
import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.domain.review.Reviewer;
import dev.recollect.domain.usage.PriceTable;
import dev.recollect.ports.out.IdGenerator;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.Metrics;
import dev.recollect.ports.out.RateLimitRule;
import dev.recollect.ports.out.Sleeper;
import dev.recollect.ports.service.GenerationJobs;
import dev.recollect.ports.service.JobPipeline;
import dev.recollect.ports.service.MigrationRunner;
import dev.recollect.ports.service.Reviews;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;

/**
 * The composition root: one database (embedded or external), the stores over it, and the services a command uses.
 * Commands open it, use it, and close it; closing stops the embedded server.
 */
public final class App implements AutoCloseable {
    private static final int POOL_SIZE = 8;

    private final EmbeddedDatabase embedded;
    private final HikariDataSource dataSource;
    private final JdbiPersistence persistence;
    private final String description;
    private final Map<String, String> env;
    private final Clock clock = Clock.systemUTC();
    private final SplittableRandom random;

    private App(EmbeddedDatabase embedded, HikariDataSource dataSource, String description, Map<String, String> env) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.persistence = JdbiPersistence.over(dataSource);
        this.description = description;
        this.env = env;
        String seed = env.get("RECOLLECT_SEED");
        this.random = seed == null ? new SplittableRandom() : new SplittableRandom(seed.hashCode());
    }

    /**
     * Opens the database the options name: an external one (whose schema must be current, or {@code --auto-migrate}
     * given), else the embedded one, migrated on open.
     */
    public static App open(CommonOptions options, Map<String, String> env, PrintWriter err) {
        return open(options, env, err, true);
    }

    /**
     * Opens the database without checking an external one's schema, for the commands that manage the schema.
     *
     * @param checkSchema whether an external database's schema must be current
     */
    public static App open(CommonOptions options, Map<String, String> env, PrintWriter err, boolean checkSchema) {
        if (options.external()) {
            HikariDataSource pool = pool(options.databaseUrl(), options.databaseUser(), options.databasePassword());
            try {
                if (options.autoMigrate()) {
                    JdbiPersistence.migrateSchema(pool);
                } else if (checkSchema && !JdbiPersistence.schemaInfo(pool).isCurrent()) {
                    throw CliException.invalid("the database's schema is not current: run `recollect db migrate`"
                            + " or pass --auto-migrate");
                }
                return new App(null, pool, "PostgreSQL at " + options.databaseUrl(), env);
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
        }
        EmbeddedDatabase embedded;
        try {
            embedded = EmbeddedDatabase.open(options.home(), err);
        } catch (IOException e) {
            throw new CliException(
                    ExitCode.UNEXPECTED, "could not use " + options.home() + " for the embedded database: " + e, e);
        }
        try {
            HikariDataSource pool = pool(embedded.jdbcUrl(), embedded.user(), "");
            JdbiPersistence.migrateSchema(pool);
            return new App(embedded, pool, embedded.describe(), env);
        } catch (RuntimeException e) {
            closeQuietly(embedded);
            throw e;
        }
    }

    /** Opens a pool without checking the schema, for {@code db migrate} and {@code db info}. */
    static HikariDataSource pool(String url, String user, String password) {
        try {
            return JdbiPersistence.pool(url, user, password, POOL_SIZE);
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

    /** The stores. */
    public JdbiPersistence persistence() {
        return persistence;
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

    /** The job use cases, with the reference's policy and rate limit. */
    public GenerationJobs jobs() {
        return new GenerationJobs(
                persistence.jobs(), JobPolicy.DEFAULT, RateLimitRule.QUESTION_GENERATION, IdGenerator.random(), clock);
    }

    /** The review use cases, with the deployment's FSRS settings. */
    public Reviews reviews() {
        return new Reviews(
                persistence.concepts(),
                persistence.phrasings(),
                persistence.reviews(),
                persistence.userStats(),
                new Reviewer(new Scheduler(FsrsSettings.from(env))),
                IdGenerator.random(),
                clock,
                random.split());
    }

    /** The generation pipeline over {@code model}, recording no metrics. */
    public JobPipeline pipeline(Model model) {
        return pipeline(model, Metrics.NONE);
    }

    /** The generation pipeline over {@code model}, recording into {@code metrics}. */
    public JobPipeline pipeline(Model model, Metrics metrics) {
        return new JobPipeline(
                new JobPipeline.Dependencies(
                        persistence.jobs(),
                        persistence.concepts(),
                        persistence.phrasings(),
                        model.synthesizer(),
                        model.generator(),
                        model.embedder(),
                        JobPolicy.DEFAULT,
                        RetryPolicy.DEFAULT,
                        IdGenerator.random(),
                        clock,
                        Sleeper.system(),
                        random.split()),
                metrics);
    }

    /**
     * The migration runner: the built-in migrations, and those that jars on the class path declare through the
     * {@link DocumentMigration} service (see docs/migrations.md).
     */
    public MigrationRunner migrations() {
        return migrations(Metrics.NONE);
    }

    /** The migration runner, recording batches and records into {@code metrics}. */
    public MigrationRunner migrations(Metrics metrics) {
        List<DocumentMigration> all = new ArrayList<>(BuiltInMigrations.all());
        ServiceLoader.load(DocumentMigration.class).forEach(all::add);
        return new MigrationRunner(
                persistence.migrations(), all, IdGenerator.random(), clock, Sleeper.system(), metrics);
    }

    /** Job signals over LISTEN/NOTIFY; the caller closes them. */
    public JobSignals signals() {
        return persistence.signals();
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            closeQuietly(embedded);
        }
    }

    private static void closeQuietly(EmbeddedDatabase embedded) {
        try {
            embedded.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
