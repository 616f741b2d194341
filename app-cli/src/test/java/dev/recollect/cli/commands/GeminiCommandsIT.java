package dev.recollect.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.cli.CliRun;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.testing.FakeGemini;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker with the Gemini provider, against a MockWebServer on loopback standing in for Gemini. */
@PostgresTest
class GeminiCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MockWebServer gemini = new MockWebServer();
    private final TestDatabase database;

    GeminiCommandsIT(TestDatabase database) {
        this.database = database;
    }

    @AfterEach
    void stop() throws Exception {
        gemini.shutdown();
    }

    private CliRun run(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--database-url",
                database.jdbcUrl(),
                "--database-user",
                database.user(),
                "--database-password",
                database.password() == null ? "" : database.password(),
                "--json"));
        return CliRun.withEnvironment(env, "", all.toArray(String[]::new));
    }

    private Map<String, String> env(String key) {
        return Map.of(
                "GEMINI_API_KEY",
                key,
                "GEMINI_BASE_URL",
                gemini.url("/").toString(),
                "GEMINI_MODEL",
                "gemini-test-model");
    }

    @Test
    void aJobIsGeneratedWithGeminiAndItsPhrasingsEmbedded() throws Exception {
        gemini.setDispatcher(new FakeGemini());
        String user = "gemini-" + UUID.randomUUID();

        CliRun work = createAndWork(user);

        assertThat(work.exitCode()).as(work.err()).isZero();
        assertThat(work.err()).contains("Model: Gemini gemini-test-model at http://");
        JsonNode job = JSON.readTree(work.out()).get("jobs").get(0);
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("phrasingSaved").asInt()).isEqualTo(8);
        RecordedRequest first = gemini.takeRequest();
        assertThat(first.getPath()).isEqualTo("/v1beta/models/gemini-test-model:generateContent");
        assertThat(first.getHeader("x-goog-api-key")).isEqualTo("good-key");

        // One concept call and two phrasing calls: 500 prompt tokens at $0.50 and 730 output and thinking tokens at
        // $4 per million make $0.00025 + $0.00292.
        Map<String, String> priced = new java.util.HashMap<>(env("good-key"));
        priced.put("RECOLLECT_PRICES", "gemini-test-model=0.50/4");
        String id = job.get("id").asText();
        JsonNode usage = JSON.readTree(
                        run(priced, "jobs", "show", "--user", user, id).out())
                .get("usage");
        assertThat(usage.get("calls").asLong()).isEqualTo(3);
        assertThat(usage.get("promptTokens").asLong()).isEqualTo(500);
        assertThat(usage.get("outputTokens").asLong()).isEqualTo(650);
        assertThat(usage.get("thinkingTokens").asLong()).isEqualTo(80);
        assertThat(usage.get("totalTokens").asLong()).isEqualTo(1230);
        assertThat(usage.get("estimatedCostUsd").asText()).isEqualTo("0.003170");
        assertThat(usage.get("unpricedModels")).isEmpty();
        assertThat(usage.get("byModel").get(0).get("model").asText()).isEqualTo("gemini-test-model");

        JsonNode unpriced = JSON.readTree(
                        run(env("good-key"), "jobs", "show", "--user", user, id).out())
                .get("usage");
        assertThat(unpriced.get("estimatedCostUsd").asText()).isEqualTo("0.000000");
        assertThat(unpriced.get("unpricedModels").get(0).asText()).isEqualTo("gemini-test-model");

        JsonNode stats = JSON.readTree(
                        run(priced, "jobs", "stats", "--since", "1h").out())
                .get("usage");
        assertThat(stats.get("byModel").findValuesAsText("model")).contains("gemini-test-model");

        priced.put("RECOLLECT_PRICES", "gemini-test-model=cheap");
        CliRun malformed = run(priced, "jobs", "show", "--user", user, id);
        assertThat(malformed.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(malformed.err())
                .contains("RECOLLECT_PRICES: Price entry 'gemini-test-model=cheap' is malformed")
                .doesNotContain("Exception");
        assertThat(malformed.out()).isEmpty();
    }

    @Test
    void phrasingsWhoseEmbeddingFailedAndConceptsAreEmbeddedByTheBackfill() throws Exception {
        gemini.setDispatcher(new FakeGemini());
        String user = "backfill-" + UUID.randomUUID();
        assertThat(createAndWork(user).exitCode()).isZero();
        try (var connection = database.connect();
                var statement = connection.createStatement()) {
            // As when the embedding call failed during generation: the pipeline kept the phrasings without one.
            statement.executeUpdate("UPDATE phrasings SET embedding = NULL, embedding_generated_at = NULL"
                    + " WHERE user_id = '" + user + "'");
        }
        int requestsBefore = gemini.getRequestCount();

        JsonNode list = JSON.readTree(run(env("good-key"), "migrate", "list").out());
        assertThat(list.get("migrations").findValuesAsText("name"))
                .contains("embed-missing-phrasings", "embed-missing-concepts");
        CliRun phrasings = run(env("good-key"), "migrate", "run", "embed-missing-phrasings", "--batch-size", "100");
        assertThat(phrasings.exitCode()).as(phrasings.err()).isZero();
        JsonNode report = JSON.readTree(phrasings.out());
        assertThat(report.get("stats").get("updated").asInt()).isGreaterThanOrEqualTo(8);
        CliRun concepts = run(env("good-key"), "migrate", "run", "embed-missing-concepts");
        assertThat(JSON.readTree(concepts.out()).get("status").asText()).isEqualTo("completed");

        try (var connection = database.connect();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT"
                        + " (SELECT count(*) FROM phrasings WHERE user_id = '" + user + "' AND embedding IS NULL),"
                        + " (SELECT count(*) FROM concepts WHERE user_id = '" + user + "' AND embedding IS NULL),"
                        + " (SELECT count(*) FROM concepts WHERE user_id = '" + user + "'"
                        + "     AND array_length(embedding, 1) = 768)")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
            assertThat(rows.getInt(2)).isZero();
            assertThat(rows.getInt(3)).isEqualTo(2);
        }
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < gemini.getRequestCount(); i++) {
            String path = gemini.takeRequest().getPath();
            if (i >= requestsBefore) {
                paths.add(path);
            }
        }
        assertThat(paths).hasSize(2);
        assertThat(paths)
                .as("one batch request per run, no single embedding call")
                .filteredOn(path -> path.contains("mbedContent"))
                .containsOnly("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        CliRun noKey = run(Map.of(), "migrate", "run", "embed-missing-concepts", "--again");
        assertThat(noKey.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(noKey.err()).contains("No migration named embed-missing-concepts");
    }

    @Test
    void aMalformedAnswerThatSaysItIsCompleteFailsTheJobAfterItsRetriesKeepingWhatWasSaved() throws Exception {
        gemini.setDispatcher(FakeGemini.breakingPhrasings());

        CliRun work = createAndWork("gemini-" + UUID.randomUUID());

        assertThat(work.exitCode()).as(work.err()).isZero();
        JsonNode job = JSON.readTree(work.out()).get("jobs").get(0);
        assertThat(job.get("status").asText())
                .as("not completed with one question per concept")
                .isEqualTo("failed");
        assertThat(job.get("errorCode").asText()).isEqualTo("SCHEMA_VALIDATION");
        assertThat(job.get("retryable").asBoolean()).isTrue();
        assertThat(job.get("phrasingSaved").asInt())
                .as("the phrasing that closed is kept")
                .isEqualTo(1);
        assertThat(gemini.getRequestCount())
                .as("one concept call, and the phrasing call tried again")
                .isGreaterThan(2);
    }

    @Test
    void aRejectedKeyFailsTheJobAndTheWorkerSaysSo() {
        gemini.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse()
                        .setResponseCode(400)
                        .setBody("{\"error\":{\"code\":400,\"status\":"
                                + "\"INVALID_ARGUMENT\",\"message\":\"API key not valid.\",\"details\":[{\"@type\":"
                                + "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}");
            }
        });
        String user = "gemini-" + UUID.randomUUID();
        run(env("bad-key"), "jobs", "create", "--user", user, "--prompt", "Ocean tides");

        CliRun work = run(env("bad-key"), "jobs", "work", "--until-idle");

        assertThat(work.exitCode()).as(work.out() + work.err()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(work.err()).contains("rejected GEMINI_API_KEY").doesNotContain("bad-key");
        assertThat(gemini.getRequestCount()).isEqualTo(1);
        CliRun badUrl =
                run(Map.of("GEMINI_API_KEY", "k", "GEMINI_BASE_URL", "ftp://nowhere"), "jobs", "work", "--until-idle");
        assertThat(badUrl.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(badUrl.err()).contains("Gemini settings: baseUrl");
    }

    /** Creates a job about ocean tides for {@code user}, then runs a worker until idle with a good key. */
    private CliRun createAndWork(String user) {
        assertThat(run(env("good-key"), "jobs", "create", "--user", user, "--prompt", "Ocean tides")
                        .exitCode())
                .isZero();
        return run(env("good-key"), "jobs", "work", "--until-idle");
    }
}
