package dev.recollect.adapters.jdbi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.security.auth.module.UnixSystem;
import dev.recollect.adapters.jdbi.server.SharedPostgres.Attachment;
import dev.recollect.adapters.jdbi.server.SharedPostgres.Role;
import dev.recollect.adapters.jdbi.server.SharedPostgres.Settings;
import dev.recollect.adapters.jdbi.server.SharedPostgres.StopOutcome;
import dev.recollect.adapters.jdbi.testing.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The home's shared server on real PostgreSQL, with real processes: one server for many users, started once by users
 * arriving together, stopped after the last one leaves (or is killed), adopted after its keeper is killed, kept by
 * {@code start}, stopped by {@code stop} only when that loses nobody's work; and where its data lives.
 */
class SharedPostgresIT {
    private final List<Settings> homes = new ArrayList<>();
    private final List<Probe> probes = new ArrayList<>();

    @AfterEach
    void leaveNoServerBehind() {
        probes.forEach(Probe::kill);
        homes.forEach(TestHomes::stop);
    }

    @Test
    void givenTwoUsers_thenOneServerServesBoth_andItStopsAfterTheLastLeaves() throws Exception {
        Settings settings = home("two-users");
        long postmaster;
        long keeper;
        try (Attachment worker = SharedPostgres.attach(settings, Role.WORKER, "jobs work", notice -> {});
                Attachment command = SharedPostgres.attach(settings, Role.COMMAND, "jobs create", notice -> {})) {
            postmaster = worker.server().postmasterPid();
            keeper = worker.server().keeperPid();
            assertThat(command.server().postmasterPid()).isEqualTo(postmaster);
            assertThat(command.server().port()).isEqualTo(worker.server().port());
            assertThat(queryOne(worker, "SELECT current_database()")).isEqualTo("recollect");
            assertThat(queryOne(command, "SELECT 1")).isEqualTo("1");

            SharedPostgres.Status status = SharedPostgres.status(settings);
            assertThat(status.running()).isTrue();
            assertThat(status.location()).isEqualTo(worker.location());
            assertThat(status.users())
                    .extracting(SharedPostgres.User::role, SharedPostgres.User::command)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(Role.WORKER, "jobs work"),
                            org.assertj.core.groups.Tuple.tuple(Role.COMMAND, "jobs create"));
        }
        awaitExit(postmaster);
        awaitExit(keeper);
        assertThat(SharedPostgres.status(settings).running()).isFalse();
        assertThat(new RunDirectory(settings.home()).stateFile()).doesNotExist();
    }

    @Test
    void givenProcessesStartingAtTheSameMoment_thenOneServerStarts() throws Exception {
        Settings settings = home("same-moment");
        List<Probe> together = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            together.add(Probe.start(settings, List.of("hold"), probes));
        }
        List<String> postmasters = new ArrayList<>();
        for (Probe probe : together) {
            postmasters.add(probe.attached().replaceAll(".*postmaster=(\\d+).*", "$1"));
        }
        assertThat(postmasters).hasSize(4).allMatch(postmasters.get(0)::equals);
        assertThat(SharedPostgres.status(settings).users()).hasSize(4);
        long postmaster = Long.parseLong(postmasters.get(0));
        together.forEach(Probe::leave);
        awaitExit(postmaster);
    }

    @Test
    void givenAServerWhoseUsersWereAllKilled_thenItStopsAfterTheGrace() throws Exception {
        Settings settings = home("users-killed");
        Probe first = Probe.start(settings, List.of("hold"), probes);
        Probe second = Probe.start(settings, List.of("hold"), probes);
        long postmaster = Long.parseLong(first.attached().replaceAll(".*postmaster=(\\d+).*", "$1"));
        second.attached();
        first.kill();
        second.kill();
        awaitExit(postmaster);
        assertThat(SharedPostgres.status(settings).running()).isFalse();
    }

    @Test
    void givenAKilledKeeper_thenTheNextCommandAdoptsItsServer() throws Exception {
        Settings settings = home("keeper-killed");
        try (Attachment first = SharedPostgres.attach(settings, Role.WORKER, "jobs work", notice -> {})) {
            long postmaster = first.server().postmasterPid();
            ProcessHandle keeper = ProcessHandle.of(first.server().keeperPid()).orElseThrow();
            keeper.destroyForcibly();
            keeper.onExit().get(30, TimeUnit.SECONDS);
            assertThat(SharedPostgres.status(settings).server())
                    .hasValueSatisfying(
                            server -> assertThat(server.keeperAlive()).isFalse());

            try (Attachment second = SharedPostgres.attach(settings, Role.COMMAND, "jobs list", notice -> {})) {
                assertThat(second.server().postmasterPid())
                        .as("reused, not duplicated")
                        .isEqualTo(postmaster);
                assertThat(second.server().keeperPid()).isNotEqualTo(keeper.pid());
                assertThat(second.server().keeperAlive()).isTrue();
                assertThat(queryOne(first, "SELECT 1"))
                        .as("the first user never lost its server")
                        .isEqualTo("1");
            }
        }
    }

    @Test
    void givenAWorker_thenStopRefusesUntilForced_andTheDataOutlivesTheServer() throws Exception {
        Settings settings = home("stop");
        long postmaster;
        try (Attachment worker = SharedPostgres.attach(settings, Role.WORKER, "jobs work", notice -> {})) {
            execute(worker, "CREATE TABLE kept (value int); INSERT INTO kept VALUES (42)");
            postmaster = worker.server().postmasterPid();

            StopOutcome refused = SharedPostgres.stop(settings, false);
            assertThat(refused).isInstanceOf(StopOutcome.Refused.class);
            assertThat(((StopOutcome.Refused) refused).users())
                    .singleElement()
                    .satisfies(user -> assertThat(user.role()).isEqualTo(Role.WORKER));
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).contains(true);

            StopOutcome forced = SharedPostgres.stop(settings, true);
            assertThat(forced).isInstanceOf(StopOutcome.Stopped.class);
            assertThat(((StopOutcome.Stopped) forced).disconnected()).hasSize(1);
        }
        assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(SharedPostgres.stop(settings, false)).isInstanceOf(StopOutcome.NotRunning.class);

        try (Attachment again = SharedPostgres.attach(settings, Role.COMMAND, "stats", notice -> {})) {
            assertThat(again.server().postmasterPid()).isNotEqualTo(postmaster);
            assertThat(queryOne(again, "SELECT value FROM kept")).isEqualTo("42");
        }
    }

    @Test
    void givenAOneShotCommand_thenStopWaitsForItRatherThanRefusing() throws Exception {
        Settings settings = home("stop-waits");
        Attachment command = SharedPostgres.attach(settings, Role.COMMAND, "jobs create", notice -> {});
        Thread leaving = new Thread(command::close);
        leaving.start();
        assertThat(SharedPostgres.stop(settings, false)).isInstanceOf(StopOutcome.Stopped.class);
        leaving.join();
    }

    @Test
    void givenStart_thenTheServerRunsWithNoUserUntilStop() {
        Settings settings = home("pinned");
        SharedPostgres.Status started = SharedPostgres.start(settings, notice -> {});
        assertThat(started.running()).isTrue();
        assertThat(started.pinned()).isTrue();
        assertThat(started.users()).isEmpty();
        assertThat(SharedPostgres.status(settings).running()).isTrue();
        StopOutcome stopped = SharedPostgres.stop(settings, false);
        assertThat(stopped).isInstanceOf(StopOutcome.Stopped.class);
        assertThat(SharedPostgres.status(settings).pinned()).isFalse();
    }

    @Test
    void givenANewCluster_thenTheServerAsksForThePasswordThatOnlyTheHomeCanRead() throws Exception {
        Settings settings = home("password");
        try (Attachment attachment = SharedPostgres.attach(settings, Role.COMMAND, "db info", notice -> {})) {
            Path password = attachment.location().clusterDirectory().resolve("superuser.password");
            assertThat(Files.getPosixFilePermissions(password)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThatThrownBy(() -> DriverManager.getConnection(
                            attachment.jdbcUrl("recollect") + "?user=recollect&password=wrong"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> DriverManager.getConnection(attachment.jdbcUrl("recollect") + "?user=recollect"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void givenRootAndAHomeThePostgresAccountCannotEnter_thenTheDataLivesUnderTheDataRootAndTheHomeRecordsIt()
            throws Exception {
        Assumptions.assumeTrue(isRoot(), "only root runs the server as another account");
        Settings settings = closedHome("closed");
        List<String> notices = new ArrayList<>();
        Path cluster;
        try (Attachment attachment = SharedPostgres.attach(settings, Role.COMMAND, "db info", notices::add)) {
            cluster = attachment.location().clusterDirectory();
            assertThat(attachment.location().insideHome()).isFalse();
            assertThat(cluster.getParent()).isEqualTo(settings.dataRoot());
            execute(attachment, "CREATE TABLE kept (value int); INSERT INTO kept VALUES (7)");
        }
        assertThat(notices).singleElement().asString().contains(cluster.toString(), "cannot enter");
        assertThat(Files.readString(settings.home().resolve(ClusterLocation.MAPPING)))
                .contains(cluster.toString());
        assertThat(Files.readString(cluster.resolve(ClusterLocation.OWNER)))
                .contains(settings.home().toString());
        assertThat(SharedPostgres.status(settings).location().clusterDirectory())
                .isEqualTo(cluster);

        List<String> again = new ArrayList<>();
        try (Attachment attachment = SharedPostgres.attach(settings, Role.COMMAND, "stats", again::add)) {
            assertThat(attachment.location().clusterDirectory()).isEqualTo(cluster);
            assertThat(queryOne(attachment, "SELECT value FROM kept")).isEqualTo("7");
        }
        assertThat(again).as("said once, when the cluster was made").isEmpty();
    }

    @Test
    void givenTheRecordedClusterIsMissing_thenNothingIsCreatedAndTheErrorSaysWhere() throws Exception {
        Assumptions.assumeTrue(isRoot(), "only root maps a home to the data root");
        Settings settings = closedHome("missing");
        Path cluster;
        try (Attachment attachment = SharedPostgres.attach(settings, Role.COMMAND, "db info", notice -> {})) {
            cluster = attachment.location().clusterDirectory();
        }
        TestHomes.stop(settings);
        StaleClusters.delete(cluster);

        assertThatThrownBy(() -> SharedPostgres.attach(settings, Role.COMMAND, "jobs list", notice -> {}))
                .isInstanceOf(LocalPostgresException.class)
                .hasMessageContaining(cluster.toString())
                .hasMessageContaining("is missing");
        assertThat(cluster)
                .as("an empty database never silently replaces a missing one")
                .doesNotExist();
    }

    @Test
    void givenTwoHomesRecordingOneCluster_thenTheSecondIsRefused_andAMovedHomeKeepsItsData() throws Exception {
        Assumptions.assumeTrue(isRoot(), "only root maps a home to the data root");
        Settings original = closedHome("original");
        try (Attachment attachment = SharedPostgres.attach(original, Role.COMMAND, "db info", notice -> {})) {
            execute(attachment, "CREATE TABLE kept (value int); INSERT INTO kept VALUES (3)");
        }
        TestHomes.stop(original);
        Settings copy = closedHome("copy");
        Files.createDirectories(copy.home());
        Files.copy(original.home().resolve(ClusterLocation.MAPPING), copy.home().resolve(ClusterLocation.MAPPING));
        assertThatThrownBy(() -> SharedPostgres.attach(copy, Role.COMMAND, "jobs list", notice -> {}))
                .isInstanceOf(LocalPostgresException.class)
                .hasMessageContaining("belongs to one home");

        Settings moved = closedHome("moved");
        Files.move(original.home(), moved.home());
        List<String> notices = new ArrayList<>();
        try (Attachment attachment = SharedPostgres.attach(moved, Role.COMMAND, "stats", notices::add)) {
            assertThat(queryOne(attachment, "SELECT value FROM kept")).isEqualTo("3");
        }
        assertThat(notices).singleElement().asString().contains("now belongs to " + moved.home());
    }

    @Test
    void givenAnUnprivilegedAccount_thenTheDataLivesInTheHomeAndOneServerIsShared() throws Exception {
        Probe.Account account = Probe.Account.unprivileged();
        Settings settings = account.home(home("unprivileged"));
        homes.add(settings);
        Probe first = Probe.start(settings, List.of("hold"), probes, account);
        Probe second = Probe.start(settings, List.of("hold"), probes, account);
        String attached = first.attached();
        assertThat(attached)
                .contains("inside=true", "cluster=" + settings.home().resolve("postgres"));
        assertThat(second.attached()).isEqualTo(attached);
        long postmaster = Long.parseLong(attached.replaceAll(".*postmaster=(\\d+).*", "$1"));
        assertThat(ProcessHandle.of(postmaster).flatMap(p -> p.info().user()))
                .contains(account.name().orElse(System.getProperty("user.name")));
        first.leave();
        second.leave();
        awaitExit(postmaster);
    }

    @Test
    void givenAnEarlierVersionsClusterInTheTemporaryDirectory_thenItIsCopiedCheckedAndLeftInPlace() throws Exception {
        Assumptions.assumeTrue(isRoot(), "only root's clusters went to the temporary directory");
        Settings settings = closedHome("upgrade");
        Path temporary = Files.createDirectories(settings.dataRoot().resolve("old-tmp-" + System.nanoTime()));
        OsCommands commands = OsCommands.forCurrentUser();
        Path legacy = temporary
                .resolve("recollect-postgres-" + commands.runAs().orElseThrow())
                .resolve("postgres");
        Cluster old = LegacyFixture.create(legacy, commands);
        Files.createDirectories(settings.home());
        Files.writeString(settings.home().resolve(LegacyCluster.LEGACY_MARKER), "");

        Postmaster running = old.start(java.time.Duration.ofSeconds(60));
        Probe refused = Probe.start(settings, List.of("sql", "SELECT 1"), probes, Probe.Account.temporary(temporary));
        assertThat(refused.attached()).startsWith("failed:").contains("is running as process " + running.pid());
        old.stop();
        var before = LegacyCluster.digests(legacy.resolve("data"));

        Probe upgraded = Probe.start(
                settings,
                List.of("sql", "SELECT name FROM learners ORDER BY name"),
                probes,
                Probe.Account.temporary(temporary));
        List<String> lines = upgraded.lines();
        assertThat(lines)
                .anySatisfy(line -> assertThat(line).startsWith("notice: ").contains("has been copied to"));
        assertThat(lines).filteredOn(line -> line.startsWith("row: ")).containsExactly("row: ada", "row: grace");
        assertThat(LegacyCluster.digests(legacy.resolve("data")))
                .as("the original is untouched")
                .isEqualTo(before);
        assertThat(legacy.resolve("COPIED-BY-RECOLLECT.txt"))
                .content()
                .contains(settings.home().toString());
        assertThat(settings.home().resolve(LegacyCluster.LEGACY_MARKER)).doesNotExist();
        assertThat(settings.home().resolve(ClusterLocation.MAPPING)).exists();
    }

    private Settings home(String name) {
        Settings settings = TestHomes.create(name);
        homes.add(settings);
        return settings;
    }

    /** A home under a directory closed to every other account. */
    private Settings closedHome(String name) throws Exception {
        Settings open = TestHomes.create(name);
        Path closed = Files.createDirectories(
                open.home().resolveSibling("closed-" + open.home().getFileName()));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Settings settings = new Settings(closed.resolve("home"), open.dataRoot(), open.idleGrace(), open.source());
        homes.add(settings);
        return settings;
    }

    private static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }

    /** Waits for the process to end; the bound only keeps a broken build from hanging. */
    static void awaitExit(long pid) throws Exception {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent()) {
            process.get().onExit().get(2, TimeUnit.MINUTES);
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    private static String queryOne(Attachment attachment, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        attachment.jdbcUrl("recollect"), attachment.user(), attachment.password());
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(Attachment attachment, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                attachment.jdbcUrl("recollect"), attachment.user(), attachment.password())) {
            connection.createStatement().execute(sql);
        }
    }
}
