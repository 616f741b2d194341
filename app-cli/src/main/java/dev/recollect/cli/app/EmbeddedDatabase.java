package dev.recollect.cli.app;

import dev.recollect.adapters.jdbi.server.LocalPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL that the CLI runs under {@code RECOLLECT_HOME} when no external database is configured: started on
 * demand, stopped when the command ends.
 *
 * <p>One process at a time uses a home: a second one started at the same moment waits for the first to finish (and
 * says so), rather than racing it to start the same cluster. Services that run many processes use an external
 * PostgreSQL, which is what {@code FOR UPDATE SKIP LOCKED} and the leases are for.
 */
final class EmbeddedDatabase implements AutoCloseable {
    static final String DATABASE = "recollect";

    private final FileChannel lockFile;
    private final FileLock lock;
    private final LocalPostgres server;

    private EmbeddedDatabase(FileChannel lockFile, FileLock lock, LocalPostgres server) {
        this.lockFile = lockFile;
        this.lock = lock;
        this.server = server;
    }

    /** Takes the home's lock (waiting for another process if needed), starts the server and creates the database. */
    static EmbeddedDatabase open(Path home, PrintWriter err) throws IOException {
        Files.createDirectories(home);
        FileChannel channel =
                FileChannel.open(home.resolve("embedded.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        LocalPostgres server = null;
        FileLock lock = null;
        try {
            lock = channel.tryLock();
            if (lock == null) {
                err.println("Another recollect process is using the embedded database in " + home
                        + "; waiting for it to finish...");
                err.flush();
                lock = channel.lock();
            }
            server = LocalPostgres.start(LocalPostgres.Options.persistent(home, "postgres"));
            createDatabase(server);
            return new EmbeddedDatabase(channel, lock, server);
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            channel.close();
            throw e;
        }
    }

    private static void createDatabase(LocalPostgres server) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.superuser(), "");
                Statement statement = connection.createStatement()) {
            try (ResultSet exists =
                    statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the embedded database: " + e.getMessage(), e);
        }
    }

    String jdbcUrl() {
        return server.jdbcUrl(DATABASE);
    }

    String user() {
        return server.superuser();
    }

    String describe() {
        return "embedded PostgreSQL in " + server.clusterDirectory() + " (" + server.binaryOrigin() + ")";
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            lock.release();
            lockFile.close();
        }
    }
}
