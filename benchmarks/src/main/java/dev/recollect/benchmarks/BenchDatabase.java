package dev.recollect.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.recollect.adapters.jdbi.JdbiPersistence;
import dev.recollect.adapters.jdbi.server.LocalPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The database a benchmark runs on, and what the database benchmarks share. A benchmark takes
 * {@code [--smoke] [--database-url URL --database-user USER [--database-password PASSWORD]] [BASE] [ANCHOR]}: with a URL
 * it runs on that database (the smoke runs in {@code ./mvnw verify} use the tests' PostgreSQL), without one it starts a
 * throwaway server under {@code BASE}. {@code --smoke} shrinks every size to a few rows and one round, so that the
 * benchmark is known to run; its figures then mean nothing.
 */
final class BenchDatabase implements AutoCloseable {
    private final LocalPostgres server;
    private final String url;
    private final String user;
    private final String password;

    private BenchDatabase(LocalPostgres server, String url, String user, String password) {
        this.server = server;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * A benchmark's arguments.
     *
     * @param smoke whether this is a smoke run: tiny sizes, one round, figures that mean nothing
     * @param url the database to run on; {@code null} to start a throwaway server under {@code base}
     * @param user the database user, with {@code url}
     * @param password the user's password; {@code null} for none
     * @param base where a throwaway server lives
     * @param anchor the anchor's script, for the benchmarks that run one on node
     */
    record Args(boolean smoke, String url, String user, String password, Path base, Path anchor) {
        /** Sizes for a real run, or for a smoke run. */
        int size(int real, int smokeSize) {
            return smoke ? smokeSize : real;
        }

        static Args parse(String[] args, String defaultAnchor) {
            boolean smoke = false;
            String url = null;
            String user = null;
            String password = null;
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--smoke" -> smoke = true;
                    case "--database-url" -> url = value(args, ++i);
                    case "--database-user" -> user = value(args, ++i);
                    case "--database-password" -> password = value(args, ++i);
                    default -> positional.add(args[i]);
                }
            }
            if (url != null && user == null) {
                throw new IllegalArgumentException("--database-url needs --database-user");
            }
            Path base = Path.of(positional.size() > 0 ? positional.get(0) : "benchmarks/target/postgres");
            Path anchor = Path.of(positional.size() > 1 ? positional.get(1) : defaultAnchor);
            return new Args(smoke, url, user, password, base, anchor);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    /** The database {@code args} name, or a throwaway server under their base directory. */
    static BenchDatabase open(Args args) {
        if (args.url() != null) {
            return new BenchDatabase(null, args.url(), args.user(), args.password());
        }
        LocalPostgres server = LocalPostgres.start(LocalPostgres.Options.ephemeralForTests(args.base()));
        return new BenchDatabase(server, server.jdbcUrl("postgres"), server.superuser(), null);
    }

    /** A pool of {@code size} connections to it, configured as the library configures its own. */
    HikariDataSource pool(int size) {
        return JdbiPersistence.pool(url, user, password, size);
    }

    /** The database as a node client connects to it: {@code postgres://user[:password]@host:port/database}. */
    String connectionString() {
        URI uri = URI.create(url.substring("jdbc:".length()));
        String credentials = password == null ? user : user + ":" + password;
        return "postgres://" + credentials + "@" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
    }

    static void sql(DataSource pool, String statement) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /**
     * Runs the anchor on node when it can: node must be on the path and the anchor's packages installed (its
     * {@code run.sh} installs them; a smoke run never reaches the network). Otherwise it says why it skipped it.
     *
     * @return whether the anchor ran
     */
    static boolean anchorRuns(Path script, String... args) throws Exception {
        Path folder = script.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder.resolve("node_modules"))) {
            System.out.println("anchor skipped: its packages are not installed in " + folder
                    + " (the benchmark's run.sh installs them)");
            return false;
        }
        List<String> command =
                new ArrayList<>(List.of("node", script.getFileName().toString()));
        command.addAll(List.of(args));
        Process node;
        try {
            node = new ProcessBuilder(command)
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .inheritIO()
                    .start();
        } catch (java.io.IOException e) {
            System.out.println("anchor skipped: node is not on the path (" + e.getMessage() + ")");
            return false;
        }
        if (node.waitFor() != 0) {
            throw new IllegalStateException("the anchor " + script + " failed");
        }
        return true;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
