package dev.recollect.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.adapters.jdbi.JdbiPersistence;
import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.cli.CliRun;
import dev.recollect.domain.UserId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.ports.out.RateLimitRule;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

/** {@code recollect doctor}: each check made to fail on purpose, and all of them passing. */
@PostgresTest
class DoctorIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestDatabase database;
    private final Cli cli;

    DoctorIT(TestDatabase database) {
        this.database = database;
        this.cli = new Cli(database);
    }

    private static String status(JsonNode doctor, String check) {
        for (JsonNode c : doctor.get("checks")) {
            if (c.get("name").asText().equals(check)) {
                return c.get("status").asText();
            }
        }
        throw new AssertionError("no check " + check + " in " + doctor);
    }

    private static JsonNode json(CliRun run) throws Exception {
        return JSON.readTree(run.out());
    }

    @Test
    void aHealthyDeploymentPassesThenStuckAndUnattendedJobsFail() throws Exception {
        CliRun healthy = cli.run("", "doctor", "--json");
        assertThat(healthy.exitCode()).as(healthy.out() + healthy.err()).isZero();
        JsonNode ok = json(healthy);
        assertThat(ok.get("ok").asBoolean()).isTrue();
        assertThat(status(ok, "database")).isEqualTo("ok");
        assertThat(status(ok, "schema")).isEqualTo("ok");
        assertThat(status(ok, "workers")).isEqualTo("ok");

        JdbiPersistence persistence = JdbiPersistence.over(database.pooled());
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        for (int i = 0; i < 2; i++) {
            GenerationJob job = GenerationJob.create(
                    new dev.recollect.domain.JobId(UUID.randomUUID()),
                    new UserId("doctor-" + i),
                    "Tides",
                    null,
                    longAgo.plusSeconds(i));
            persistence.jobs().createIfAllowed(job, JobPolicy.DEFAULT, RateLimitRule.QUESTION_GENERATION, longAgo);
        }
        // A worker that died holding the first job: its lease ran out long ago.
        persistence.jobs().claim(1, "dead-worker", Duration.ofSeconds(30), longAgo.plusSeconds(5));

        CliRun sick = cli.run("", "doctor");

        assertThat(sick.exitCode()).isEqualTo(1);
        assertThat(sick.out())
                .contains("fail stuck-jobs 1 processing jobs are past their lease")
                .contains("fail workers    1 jobs waiting since")
                .contains("ok   database");
    }

    @Test
    void anOutdatedSchemaAndAnUnreachableDatabaseFail() throws Exception {
        try (Connection c = database.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE doctor_empty");
        }
        String url = database.jdbcUrl().replaceAll("/[^/?]+(\\?|$)", "/doctor_empty$1");
        JsonNode outdated = json(CliRun.of(
                "",
                "doctor",
                "--json",
                "--database-url",
                url,
                "--database-user",
                database.user(),
                "--database-password",
                database.password() == null ? "" : database.password()));
        assertThat(status(outdated, "schema")).isEqualTo("fail");
        assertThat(status(outdated, "workers")).isEqualTo("skip");
        assertThat(outdated.get("ok").asBoolean()).isFalse();

        CliRun down =
                CliRun.of("", "doctor", "--database-url", "jdbc:postgresql://127.0.0.1:1/none", "--database-user", "x");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.out()).contains("fail database").contains("skip schema");
    }

    @Test
    void theModelCheckMakesOneTinyCall() throws Exception {
        try (MockWebServer gemini = new MockWebServer()) {
            gemini.enqueue(new MockResponse().setBody("{\"embedding\":{\"values\":[" + "0.5,".repeat(767) + "0.5]}}"));
            gemini.enqueue(new MockResponse()
                    .setResponseCode(400)
                    .setBody("{\"error\":{\"code\":400,\"status\":"
                            + "\"INVALID_ARGUMENT\",\"message\":\"API key not valid.\",\"details\":[{\"@type\":"
                            + "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}"));
            Map<String, String> env = Map.of(
                    "GEMINI_API_KEY",
                    "doctor-key",
                    "GEMINI_BASE_URL",
                    gemini.url("/").toString());
            String[] args = {
                "doctor",
                "--check-model",
                "--database-url",
                database.jdbcUrl(),
                "--database-user",
                database.user(),
                "--database-password",
                database.password() == null ? "" : database.password()
            };

            CliRun good = CliRun.withEnvironment(env, "", args);
            CliRun bad = CliRun.withEnvironment(env, "", args);

            assertThat(good.out()).contains("ok   model", "(768 dimensions)");
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(bad.out()).contains("fail model", "API key not valid").doesNotContain("doctor-key");
            assertThat(gemini.takeRequest().getPath()).isEqualTo("/v1beta/models/gemini-embedding-001:embedContent");
            CliRun noKey = CliRun.withEnvironment(Map.of(), "", args);
            assertThat(noKey.out()).contains("fail model", "GEMINI_API_KEY");
        }
    }
}
