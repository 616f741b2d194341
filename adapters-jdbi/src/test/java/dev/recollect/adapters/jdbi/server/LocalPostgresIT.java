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

/** Throwaway servers started outside the shared test server: failures, and the root fallbacks. */
class LocalPostgresIT {
    private final Path base = TestServer.clusterBase().resolveSibling("postgres-local-it");

    @Test
    void givenAServer_thenItAnswersAndItsClusterGoesWithIt() throws SQLException {
        Path cluster;
        try (LocalPostgres server = LocalPostgres.start(LocalPostgres.Options.ephemeralForTests(base));
                Connection connection = connect(server)) {
            ResultSet one = connection.createStatement().executeQuery("SELECT 1");
            one.next();
            assertThat(one.getInt(1)).isEqualTo(1);
            assertThat(server.superuser()).isEqualTo("recollect");
            assertThat(server.jdbcUrl("x")).isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/x");
            assertThat(ProcessHandle.of(server.serverPid()).map(ProcessHandle::isAlive))
                    .contains(true);
            cluster = server.clusterDirectory();
        }
        assertThat(cluster).doesNotExist();
    }

    @Test
    void givenASettingTheServerRejects_thenStartFailsWithTheServersOwnWords() {
        LocalPostgres.Options options = new LocalPostgres.Options(
                base, BinarySource.AUTO, "recollect", Map.of("max_connections", "-5"), Duration.ofSeconds(60));
        assertThatThrownBy(() -> LocalPostgres.start(options))
                .isInstanceOf(LocalPostgresException.class)
                .hasMessageContaining("PostgreSQL exited during start-up")
                .hasMessageContaining("max_connections");
    }

    @Test
    void givenRootAndABaseTheServerAccountCannotReach_thenAFreshTemporaryDirectoryIsUsedAndDeleted() throws Exception {
        Assumptions.assumeTrue(new UnixSystem().getUid() == 0, "only root hands clusters to another account");
        Path closed = Files.createDirectories(base.resolveSibling("postgres-closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path unreachable = closed.resolve("inner");
        Path first;
        Path second;
        try (LocalPostgres one = LocalPostgres.start(LocalPostgres.Options.ephemeralForTests(unreachable));
                LocalPostgres two = LocalPostgres.start(LocalPostgres.Options.ephemeralForTests(unreachable));
                Connection connection = connect(one)) {
            first = one.clusterDirectory().getParent();
            second = two.clusterDirectory().getParent();
            assertThat(connection.isValid(5)).isTrue();
        }
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        assertThat(first.getParent()).isEqualTo(temporary);
        assertThat(first.getFileName().toString()).startsWith("recollect-ephemeral-");
        assertThat(second).as("one directory per server, never a shared one").isNotEqualTo(first);
        assertThat(first).doesNotExist();
        assertThat(second).doesNotExist();
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
