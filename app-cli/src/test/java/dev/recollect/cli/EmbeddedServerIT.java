package dev.recollect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.adapters.jdbi.server.SharedPostgres;
import dev.recollect.adapters.jdbi.testing.TestHomes;
import dev.recollect.cli.support.ExitCode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code db start | stop | status} and {@code db info} in-process, on a home's shared embedded server. */
class EmbeddedServerIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SharedPostgres.Settings settings = TestHomes.create("db-commands");
    private final Map<String, String> env = TestHomes.environment(settings);

    @AfterEach
    void stopTheServer() {
        TestHomes.stop(settings);
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--home";
        all[args.length + 1] = settings.home().toString();
        return CliRun.withEnvironment(env, "", all);
    }

    @Test
    void givenNoServer_thenStatusSaysWhereTheDataWillBeAndExitsThree() throws Exception {
        CliRun status = run("db", "status", "--json");
        assertThat(status.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        JsonNode json = JSON.readTree(status.out());
        assertThat(json.get("running").asBoolean()).isFalse();
        assertThat(json.get("data").get("home").asText())
                .isEqualTo(settings.home().toString());
        assertThat(json.get("users")).isEmpty();
        assertThat(run("db", "status").out()).contains("Not running; the next command that needs it starts it.");
    }

    @Test
    void givenStart_thenCommandsShareTheServerUntilStop() throws Exception {
        CliRun start = run("db", "start");
        assertThat(start.exitCode()).as(start.err()).isZero();
        assertThat(start.out()).contains("Running on 127.0.0.1:", "Kept running by `db start` until `db stop`.");

        CliRun created = run("jobs", "create", "--user", "ada", "--prompt", "Prime numbers");
        assertThat(created.exitCode()).as(created.err()).isZero();
        JsonNode status = JSON.readTree(run("db", "status", "--json").out());
        assertThat(status.get("running").asBoolean()).isTrue();
        assertThat(status.get("pinned").asBoolean()).isTrue();
        long postmaster = status.get("server").get("postmasterPid").asLong();

        CliRun info = run("db", "info");
        assertThat(info.out())
                .contains("port " + status.get("server").get("port").asInt(), "Data: ");
        assertThat(JSON.readTree(run("db", "status", "--json").out())
                        .get("server")
                        .get("postmasterPid")
                        .asLong())
                .as("the same server throughout")
                .isEqualTo(postmaster);

        CliRun stop = run("db", "stop");
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(stop.out()).contains("Stopped the embedded PostgreSQL", "pid " + postmaster);
        assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(run("db", "stop").out()).contains("No embedded PostgreSQL runs for");
    }

    @Test
    void givenAWorker_thenStopRefusesWithExitFourUnlessForced() throws Exception {
        try (SharedPostgres.Attachment worker =
                SharedPostgres.attach(settings, SharedPostgres.Role.WORKER, "jobs work", notice -> {})) {
            CliRun refused = run("db", "stop");
            assertThat(refused.exitCode()).isEqualTo(ExitCode.REJECTED);
            assertThat(refused.err()).contains("is in use", "worker  jobs work", "--force");
            JsonNode users = JSON.readTree(run("db", "status", "--json").out()).get("users");
            assertThat(users)
                    .singleElement()
                    .satisfies(user -> assertThat(user.get("role").asText()).isEqualTo("worker"));

            CliRun forced = run("db", "stop", "--force", "--json");
            assertThat(forced.exitCode()).as(forced.err()).isZero();
            JsonNode json = JSON.readTree(forced.out());
            assertThat(json.get("stopped").asBoolean()).isTrue();
            assertThat(json.get("disconnected")).hasSize(1);
            assertThat(ProcessHandle.of(worker.server().postmasterPid()).filter(ProcessHandle::isAlive))
                    .isEmpty();
        }
    }

    @Test
    void givenAnExternalDatabaseOrABadSetting_thenTheServerCommandsRefuseWithExitTwo() {
        CliRun external = run("db", "start", "--database-url", "jdbc:postgresql://127.0.0.1:1/x");
        assertThat(external.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(external.err()).contains("manages the embedded database", "--database-url");

        Map<String, String> bad = new HashMap<>(env);
        bad.put("RECOLLECT_DB_IDLE", "soon");
        CliRun grace = CliRun.withEnvironment(
                bad, "", "db", "status", "--home", settings.home().toString());
        assertThat(grace.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(grace.err()).contains("RECOLLECT_DB_IDLE", "soon");

        bad.put("RECOLLECT_DB_IDLE", "5s");
        bad.put("RECOLLECT_DATA_ROOT", "relative/root");
        CliRun root = CliRun.withEnvironment(
                bad,
                "",
                "jobs",
                "list",
                "--user",
                "ada",
                "--home",
                settings.home().toString());
        assertThat(root.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(root.err()).contains("RECOLLECT_DATA_ROOT", "absolute");
        assertThat(settings.home()).as("nothing was made for a refused command").doesNotExist();
    }
}
