package dev.recollect.adapters.jdbi.testing;

import dev.recollect.adapters.jdbi.JdbiPersistence;
import dev.recollect.adapters.jdbi.server.BinarySource;
import dev.recollect.adapters.jdbi.server.LocalPostgres;
import dev.recollect.adapters.jdbi.server.LocalPostgresException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server of this test JVM, found once and shared by every test class. In order of preference:
 *
 * <ol>
 *   <li>the server at {@code RECOLLECT_TEST_DATABASE_URL} (a JDBC URL with credentials), if set;
 *   <li>a throwaway cluster under {@code target/postgres}, made with the machine's binaries;
 *   <li>the same, made with the binaries bundled in the zonky artifact.
 * </ol>
 *
 * <p>A migrated template database is created once; each test class gets a clone of it, which is fast.
 */
public final class TestServer {
    /** Environment variable naming an existing server to use instead of a throwaway cluster. */
    public static final String URL_VARIABLE = "RECOLLECT_TEST_DATABASE_URL";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile TestServer instance;

    private final PGSimpleDataSource maintenance;
    private final String template;
    private final LocalPostgres local;

    private TestServer(PGSimpleDataSource maintenance, LocalPostgres local) {
        this.maintenance = maintenance;
        this.local = local;
        this.template = "recollect_template_" + ProcessHandle.current().pid();
        createTemplate();
        Runtime.getRuntime().addShutdownHook(new Thread(this::dropTemplate, "test-template-drop"));
    }

    /** The server of this JVM, started on first use. */
    public static TestServer get() {
        TestServer server = instance;
        if (server == null) {
            synchronized (TestServer.class) {
                server = instance;
                if (server == null) {
                    server = instance = start();
                }
            }
        }
        return server;
    }

    /** The local cluster, when the tests run on one rather than on {@code RECOLLECT_TEST_DATABASE_URL}. */
    public java.util.Optional<LocalPostgres> localCluster() {
        return java.util.Optional.ofNullable(local);
    }

    /** Where throwaway clusters of this module live: {@code target/postgres}. */
    public static Path clusterBase() {
        return Path.of(System.getProperty("recollect.test.workdir", "target"), "postgres");
    }

    private static TestServer start() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return new TestServer(dataSource(url), null);
        }
        BinarySource source = BinarySource.valueOf(
                System.getProperty("recollect.test.postgres.binaries", "AUTO").toUpperCase(Locale.ROOT));
        LocalPostgres local;
        try {
            local = LocalPostgres.start(
                    LocalPostgres.Options.ephemeralForTests(clusterBase()).withSource(source));
        } catch (LocalPostgresException e) {
            throw new IllegalStateException(
                    "No PostgreSQL for the tests. Tried, in order: " + URL_VARIABLE + " (not set); the machine's"
                            + " binaries (pg_config --bindir, /usr/lib/postgresql/<version>/bin, PATH); the bundled"
                            + " io.zonky.test.postgres binaries. Set " + URL_VARIABLE + " to a JDBC URL with"
                            + " credentials, or install PostgreSQL. Cause: " + e.getMessage(),
                    e);
        }
        return new TestServer(dataSource(local.jdbcUrl("postgres") + "?user=" + local.superuser()), local);
    }

    private static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    /** Creates an empty database for {@code owner}, cloned from the migrated template. */
    public TestDatabase newDatabase(String owner) {
        String name = ("t" + DATABASES.incrementAndGet() + "_" + owner.toLowerCase(Locale.ROOT))
                .replaceAll("[^a-z0-9_]", "_");
        name = name.substring(0, Math.min(name.length(), 63));
        execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        PGSimpleDataSource clone = sibling(name);
        return new TestDatabase(name, clone.getURL(), clone.getUser(), clone.getPassword());
    }

    /** Drops a database made by {@link #newDatabase}, closing any connection a test left open. */
    public void dropDatabase(TestDatabase database) {
        database.closePool();
        execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
    }

    private void createTemplate() {
        execute("DROP DATABASE IF EXISTS " + template + " WITH (FORCE)");
        execute("CREATE DATABASE " + template);
        JdbiPersistence.migrateSchema(sibling(template));
    }

    /** A data source for another database on the same server, with the same credentials. */
    private PGSimpleDataSource sibling(String database) {
        PGSimpleDataSource sibling = dataSource(maintenance.getURL());
        sibling.setUser(maintenance.getUser());
        sibling.setPassword(maintenance.getPassword());
        sibling.setDatabaseName(database);
        return sibling;
    }

    private void dropTemplate() {
        if (local == null) {
            try {
                execute("DROP DATABASE IF EXISTS " + template + " WITH (FORCE)");
            } catch (IllegalStateException e) {
                // The server may be going away too; there is nothing left to tidy then.
            }
        }
    }

    private void execute(String sql) {
        // Names here are generated from class names and the pid, never from input, so plain SQL is safe.
        try (Connection connection = maintenance.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test server: " + sql + " failed: " + e.getMessage(), e);
        }
    }
}
