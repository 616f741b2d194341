package dev.recollect.adapters.jdbi.testing;

import dev.recollect.adapters.jdbi.server.LocalPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A JVM of its own for {@link HarnessLifecycleIT}: starts an ephemeral cluster under {@code args[1]}, runs SQL,
 * reports the postmaster's pid and its directory, then either exits ({@code exit}) or waits to be killed
 * ({@code hang}); or ({@code harness}) uses the whole test harness under {@code recollect.test.workdir} and exits.
 */
final class HarnessProbe {
    private HarnessProbe() {}

    public static void main(String[] args) throws SQLException, IOException {
        if (args[0].equals("harness")) {
            harness();
            return;
        }
        LocalPostgres server = LocalPostgres.start(LocalPostgres.Options.ephemeralForTests(Path.of(args[1])));
        try (Connection connection =
                DriverManager.getConnection(server.jdbcUrl("postgres") + "?user=" + server.superuser())) {
            connection.createStatement().execute("SELECT 1");
        }
        System.out.println("pid=" + server.serverPid() + " dir=" + server.clusterDirectory());
        System.out.flush();
        if (args[0].equals("hang")) {
            while (System.in.read() >= 0) {
                // Waits for SIGKILL; a closed stdin ends the wait too.
            }
        }
    }

    /** The whole harness, as a test class uses it: the server, the template, a database, a table. */
    private static void harness() throws SQLException {
        TestServer server = TestServer.get();
        TestDatabase database = server.newDatabase("HarnessProbe");
        try (Connection connection =
                DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            connection.createStatement().execute("CREATE TABLE kept (value int); INSERT INTO kept VALUES (42)");
        }
        LocalPostgres local = server.localCluster().orElseThrow();
        System.out.println("pid=" + local.serverPid() + " dir=" + local.clusterDirectory());
        System.out.flush();
    }
}
