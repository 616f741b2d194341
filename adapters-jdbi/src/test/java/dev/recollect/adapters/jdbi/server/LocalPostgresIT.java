package dev.recollect.adapters.jdbi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.security.auth.module.UnixSystem;
import dev.recollect.adapters.jdbi.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Servers started outside the shared test server: persistent clusters, failures, and the root fallbacks. */
class LocalPostgresIT {
    private final Path base = TestServer.clusterBase().resolveSibling("postgres-local-it");

    @Test
    void givenANamedCluster_thenItsDataOutlivesTheServer() throws SQLException {
        LocalPostgres.Options options = new LocalPostgres.Options(
                base, "persistent", BinarySource.AUTO, "owner", Map.of(), Duration.ofSeconds(60));
        StaleClusters.delete(base.resolve("persistent"));
        try (LocalPostgres first = LocalPostgres.start(options);
                Connection connection = connect(first)) {
            connection.createStatement().execute("CREATE TABLE kept (value int); INSERT INTO kept VALUES (42)");
        }
        try (LocalPostgres second = LocalPostgres.start(options);
                Connection connection = connect(second)) {
            ResultSet kept = connection.createStatement().executeQuery("SELECT value FROM kept");
            kept.next();
            assertThat(kept.getInt(1)).isEqualTo(42);
            assertThat(second.superuser()).isEqualTo("owner");
            assertThat(second.port()).isPositive();
            assertThat(second.jdbcUrl("x")).isEqualTo("jdbc:postgresql://127.0.0.1:" + second.port() + "/x");
            assertThat(ProcessHandle.of(second.serverPid()).map(ProcessHandle::isAlive))
                    .contains(true);
            assertThat(second.clusterDirectory()).endsWith(Path.of("persistent"));
        }
        assertThat(base.resolve("persistent/data/PG_VERSION")).exists();
    }

    @Test
    void givenASettingTheServerRejects_thenStartFailsWithTheServersOwnWords() {
        LocalPostgres.Options options = new LocalPostgres.Options(
                base, null, BinarySource.AUTO, "recollect", Map.of("max_connections", "-5"), Duration.ofSeconds(60));
        assertThatThrownBy(() -> LocalPostgres.start(options))
                .isInstanceOf(LocalPostgresException.class)
                .hasMessageContaining("PostgreSQL exited during start-up")
                .hasMessageContaining("max_connections");
    }

    @Test
    void givenAClusterNameThatIsAPath_thenOptionsRefuseIt() {
        assertThatThrownBy(() -> new LocalPostgres.Options(
                        base, "../escape", BinarySource.AUTO, "x", Map.of(), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clusterName");
    }

    @Test
    void givenRootAndABaseTheServerAccountCannotReach_thenATemporaryDirectoryIsUsed() throws Exception {
        Assumptions.assumeTrue(new UnixSystem().getUid() == 0, "only root hands clusters to another account");
        Path closed = Files.createDirectories(base.resolveSibling("postgres-closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path unreachable = closed.resolve("inner");
        try (LocalPostgres server = LocalPostgres.start(LocalPostgres.Options.ephemeralForTests(unreachable));
                Connection connection = connect(server)) {
            assertThat(server.clusterDirectory().startsWith(closed)).isFalse();
            assertThat(server.clusterDirectory().toString()).startsWith(System.getProperty("java.io.tmpdir"));
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void givenCommandsThatFail_thenTheFailureSaysWhichAndWhy() {
        assertThatThrownBy(() -> OsCommands.run(List.of("recollect-no-such-program")))
                .isInstanceOf(LocalPostgresException.class)
                .hasMessageStartingWith("could not run recollect-no-such-program");
        assertThatThrownBy(() -> OsCommands.run(List.of("sh", "-c", "echo oops; exit 3")))
                .hasMessageContaining("exit code 3")
                .hasMessageContaining("oops");
        assertThat(OsCommands.run(List.of("echo", "fine"))).isEqualTo("fine\n");
    }

    @Test
    void givenTheServerAccount_thenWrappedCommandsRunAsIt() {
        OsCommands commands = OsCommands.forCurrentUser();
        String whoami = commands.runAsServerAccount(List.of("id", "-un")).trim();
        assertThat(whoami).isEqualTo(commands.runAs().orElse(System.getProperty("user.name")));
    }

    private static Connection connect(LocalPostgres server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres") + "?user=" + server.superuser());
    }
}
