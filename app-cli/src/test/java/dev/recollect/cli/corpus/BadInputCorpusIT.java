package dev.recollect.cli.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.cli.CliRun;
import dev.recollect.cli.testing.FakeGemini;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bad-input corpus: every file under {@code bad-input/} (test resources) is one case, a command line with its
 * standard input and environment, and what must come of it. Each runs in process against real PostgreSQL and must
 * exit with its code, with a message that names the field, no stack trace, and every table as it was.
 *
 * <p>A case is a JSON object: {@code args} (strings, or generated values: {@code {"repeat": "x", "times": 5001}},
 * {@code {"codePoints": [55296]}}, or a list of those, concatenated), {@code stdin} (the same) or {@code stdinBase64},
 * {@code env}, {@code database} (default true: the test database's options are appended), {@code exit} and
 * {@code names}. Placeholders in strings: {@code $USER} a learner with nothing, {@code $OWNER} a learner with a
 * generated job, {@code $OWNER_JOB}, {@code $OWNER_CONCEPT}, {@code $OWNER_PHRASING}, and {@code $DELETED_JOB},
 * {@code $DELETED_CONCEPT}, {@code $DELETED_PHRASING} (the owner's, gone), {@code $UUID} a random id.
 *
 * <p>The cases under {@code gemini/} are a model's answers instead: {@code concepts} and {@code phrasings} say what a
 * fake Gemini returns for those calls ({@code status}, {@code body}, {@code type}, or stream {@code events}), and
 * {@code job} how the job must end: its {@code status}, {@code errorCode} and the phrasings kept.
 */
@PostgresTest
class BadInputCorpusIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestDatabase database;
    private final Map<String, String> fixtures = new java.util.LinkedHashMap<>();

    BadInputCorpusIT(TestDatabase database) {
        this.database = database;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedClearlyAndWritesNothing() throws IOException, URISyntaxException {
        prepareFixtures();
        Path root = Path.of(BadInputCorpusIT.class.getResource("/bad-input").toURI());
        List<Path> cases;
        try (Stream<Path> files = Files.walk(root)) {
            cases = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(cases).as("the corpus").hasSizeGreaterThanOrEqualTo(200);
        return cases.stream()
                .map(file -> DynamicTest.dynamicTest(root.relativize(file).toString(), () -> {
                    if (root.relativize(file).startsWith("gemini")) {
                        checkModelAnswer(file);
                    } else {
                        check(file);
                    }
                }));
    }

    /**
     * A model's bad answer: the job it was for ends as the case says (failed with its error code, or completed), with
     * the phrasings it saved before the bad answer kept, and the worker says nothing it should not.
     */
    private void checkModelAnswer(Path file) throws Exception {
        JsonNode spec = JSON.readTree(file.toFile());
        String what = spec.path("about").asText();
        String user = "gemini-" + UUID.randomUUID();
        JsonNode created = json("jobs", "create", "--user", user, "--prompt", "Ocean tides");
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new CaseDispatcher(spec, new FakeGemini()));
            server.start();
            Map<String, String> env = new HashMap<>(System.getenv());
            env.keySet().removeIf(name -> name.startsWith("RECOLLECT_") || name.startsWith("GEMINI_"));
            env.putAll(Map.of(
                    "GEMINI_API_KEY", "corpus-key",
                    "GEMINI_BASE_URL", server.url("/").toString(),
                    "GEMINI_MAX_ATTEMPTS", "2",
                    "RECOLLECT_JOBS_MAX_ATTEMPTS", "2"));
            List<String> args = new ArrayList<>(List.of("jobs", "work", "--until-idle", "--provider", "gemini"));
            args.addAll(CliRun.databaseOptions(database));

            CliRun work = CliRun.withEnvironment(env, "", args.toArray(String[]::new));

            assertThat(work.exitCode())
                    .as("%s: the worker's exit code; %s", what, work.err())
                    .isEqualTo(spec.path("exit").asInt(0));
            assertThat(work.err())
                    .as("%s: no stack trace", what)
                    .doesNotContain("\tat ")
                    .doesNotContain("Exception:");
        }
        JsonNode job = json("jobs", "show", "--user", user, created.get("id").asText());
        JsonNode expected = spec.path("job");
        assertThat(job.get("status").asText())
                .as("%s: the job's status (%s)", what, job)
                .isEqualTo(expected.get("status").asText());
        if (expected.has("errorCode")) {
            assertThat(job.get("errorCode").asText())
                    .as("%s: the job's error code (%s)", what, job.get("errorMessage"))
                    .isEqualTo(expected.get("errorCode").asText());
        }
        assertThat(job.get("phrasingSaved").asInt())
                .as("%s: phrasings kept", what)
                .isBetween(
                        expected.path("savedAtLeast").asInt(0),
                        expected.path("savedAtMost").asInt(Integer.MAX_VALUE));
    }

    /** Answers the calls a case describes as it says, and the others well. */
    private final class CaseDispatcher extends Dispatcher {
        private final JsonNode spec;
        private final Dispatcher fallback;

        CaseDispatcher(JsonNode spec, Dispatcher fallback) {
            this.spec = spec;
            this.fallback = fallback;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            String path = request.getPath() == null ? "" : request.getPath();
            JsonNode answer = path.contains(":generateContent")
                    ? spec.get("concepts")
                    : path.contains(":streamGenerateContent") ? spec.get("phrasings") : null;
            if (answer == null) {
                return fallback.dispatch(request);
            }
            MockResponse response =
                    new MockResponse().setResponseCode(answer.path("status").asInt(200));
            if (answer.has("events")) {
                StringBuilder body = new StringBuilder();
                answer.get("events")
                        .forEach(event ->
                                body.append("data: ").append(value(event)).append("\r\n\r\n"));
                return response.setHeader("Content-Type", "text/event-stream").setBody(body.toString());
            }
            return response.setHeader("Content-Type", answer.path("type").asText("application/json"))
                    .setBody(value(answer.get("body")));
        }
    }

    private void check(Path file) throws IOException {
        JsonNode spec = JSON.readTree(file.toFile());
        Path files = Files.createTempDirectory(Path.of("target"), "bad-input-");
        fixtures.put("$FILES", files.toAbsolutePath().toString());
        for (Map.Entry<String, JsonNode> written : spec.path("files").properties()) {
            Path target = files.resolve(written.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, value(written.getValue()), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, JsonNode> written : spec.path("filesBase64").properties()) {
            Files.write(
                    files.resolve(written.getKey()),
                    Base64.getDecoder().decode(written.getValue().asText()));
        }
        List<String> args = new ArrayList<>();
        for (JsonNode arg : spec.path("args")) {
            args.add(value(arg));
        }
        if (spec.path("database").asBoolean(true)) {
            args.addAll(CliRun.databaseOptions(database));
        }
        byte[] stdin = spec.has("stdinBase64")
                ? Base64.getDecoder().decode(spec.get("stdinBase64").asText())
                : value(spec.path("stdin")).getBytes(StandardCharsets.UTF_8);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(name -> name.startsWith("RECOLLECT_") || name.startsWith("GEMINI_"));
        for (Map.Entry<String, JsonNode> variable : spec.path("env").properties()) {
            env.put(variable.getKey(), value(variable.getValue()));
        }
        List<String> before = database.digest(TestDatabase.DATA_TABLES);

        CliRun run = CliRun.withBytes(env, stdin, args.toArray(String[]::new));

        String what = spec.path("about").asText(file.getFileName().toString());
        String message = spec.path("stream").asText("err").equals("out") ? run.out() : run.err();
        assertThat(run.exitCode())
                .as("%s: exit code; stderr: %s", what, abbreviated(run.err()))
                .isEqualTo(spec.path("exit").asInt());
        assertThat(message).as("%s: the message names the field", what).contains(value(spec.path("names")));
        assertThat(run.err() + run.out())
                .as("%s: no stack trace", what)
                .doesNotContain("\tat ")
                .doesNotContain("Exception:");
        if (!spec.path("writes").asBoolean(false)) {
            assertThat(database.digest(TestDatabase.DATA_TABLES))
                    .as("%s: nothing written", what)
                    .isEqualTo(before);
        }
    }

    private static String abbreviated(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }

    /** A string, a generated value, or a list of them concatenated; placeholders replaced. */
    private String value(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            node.forEach(part -> joined.append(value(part)));
            return joined.toString();
        }
        if (node.isObject() && node.has("repeat")) {
            return value(node.get("repeat")).repeat(node.path("times").asInt());
        }
        if (node.isObject() && node.has("codePoints")) {
            StringBuilder text = new StringBuilder();
            // Appended as chars, so that a lone surrogate stays one.
            node.get("codePoints").forEach(c -> text.append((char) c.asInt()));
            return text.toString();
        }
        String text = node.asText();
        for (Map.Entry<String, String> fixture : fixtures.entrySet()) {
            text = text.replace(fixture.getKey(), fixture.getValue());
        }
        return text.replace("$UUID", UUID.randomUUID().toString());
    }

    /** A learner with a generated job, one of whose jobs, concepts and phrasings are then deleted outright. */
    private void prepareFixtures() {
        if (!fixtures.isEmpty()) {
            return;
        }
        String owner = "owner-" + UUID.randomUUID();
        String deletedOwner = owner;
        fixtures.put("$OWNER_JOB", createAndWork(owner, "NATO phonetic alphabet"));
        String deletedJob = createAndWork(deletedOwner, "Photosynthesis");
        JsonNode shown = json("jobs", "show", "--user", owner, fixtures.get("$OWNER_JOB"));
        JsonNode concept = shown.get("concepts").get(0);
        fixtures.put("$OWNER_CONCEPT", concept.get("id").asText());
        fixtures.put(
                "$OWNER_PHRASING", concept.get("phrasings").get(0).get("id").asText());
        JsonNode deleted = json("jobs", "show", "--user", owner, deletedJob)
                .get("concepts")
                .get(0);
        fixtures.put("$DELETED_CONCEPT", deleted.get("id").asText());
        fixtures.put(
                "$DELETED_PHRASING", deleted.get("phrasings").get(1).get("id").asText());
        fixtures.put("$DELETED_JOB", deletedJob);
        sql("UPDATE concepts SET deleted_at = now() WHERE id = '" + fixtures.get("$DELETED_CONCEPT") + "'");
        sql("UPDATE phrasings SET deleted_at = now() WHERE id = '" + fixtures.get("$DELETED_PHRASING") + "'");
        sql("DELETE FROM job_token_usage WHERE job_id = '" + deletedJob + "'");
        sql("DELETE FROM generation_jobs WHERE id = '" + deletedJob + "'");
        // Longer names first, so that $OWNER does not eat $OWNER_JOB.
        fixtures.put("$OWNER", owner);
        fixtures.put("$USER", "learner-" + UUID.randomUUID());
        List<Map.Entry<String, String>> ordered = new ArrayList<>(fixtures.entrySet());
        ordered.sort((a, b) -> b.getKey().length() - a.getKey().length());
        fixtures.clear();
        ordered.forEach(e -> fixtures.put(e.getKey(), e.getValue()));
    }

    private String createAndWork(String user, String prompt) {
        JsonNode created = json("jobs", "create", "--user", user, "--prompt", prompt);
        CliRun work = cli("jobs", "work", "--until-idle", "--provider", "offline");
        assertThat(work.exitCode()).as(work.err()).isZero();
        return created.get("id").asText();
    }

    private JsonNode json(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        CliRun run = cli(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        try {
            return JSON.readTree(run.out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(CliRun.databaseOptions(database));
        return CliRun.of("", all.toArray(String[]::new));
    }

    private void sql(String statement) {
        try (Connection connection = database.connect();
                Statement s = connection.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
