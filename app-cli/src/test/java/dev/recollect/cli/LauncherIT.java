package dev.recollect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.adapters.jdbi.server.SharedPostgres;
import dev.recollect.adapters.jdbi.testing.TestHomes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./recollect} launcher end to end, as a newcomer runs it: {@code demo} on the embedded PostgreSQL in a
 * fresh home with the offline model; again with {@code --json} on the same home; and two processes started at once on
 * one home.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final SharedPostgres.Settings SETTINGS = TestHomes.create("launcher");
    private static final Path HOME = SETTINGS.home();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    @AfterAll
    static void stopTheServer() {
        TestHomes.stop(SETTINGS);
    }

    /** A launched process, its stdout read to the end, and its stderr. */
    private record Launched(int exitCode, String out, String err) {}

    private static Process start(List<String> arguments, Path err) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("recollect").toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().clear();
        builder.environment().putAll(TestHomes.environment(SETTINGS));
        builder.redirectError(err.toFile());
        return builder.start();
    }

    private static Launched finish(Process process, Path err) throws IOException, InterruptedException {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Launched(process.exitValue(), out, Files.readString(err));
    }

    private static Launched launch(String... arguments) throws IOException, InterruptedException {
        Path err = Files.createTempFile(TARGET, "launcher", ".err");
        Launched launched = finish(start(List.of(arguments), err), err);
        assertThat(launched.exitCode()).as(launched.out() + launched.err()).isZero();
        return launched;
    }

    @Test
    void theDemoRunsEndToEndAndCanRunAgain() throws Exception {
        Launched first = launch("demo");
        assertThat(first.out())
                .contains("Recollect demo", "embedded PostgreSQL", "Offline sample content")
                .contains("1. A job for \"NATO phonetic alphabet\"")
                .contains("completed", "Code words for A to I", "Which code word stands for the letter D?")
                .contains("3. Three reviews, the second answered wrongly:")
                .contains("(right) -> learning, next review in 10 minutes")
                .contains("(wrong) -> learning, next review in 1 minute")
                .contains("5 cards: 2 new, 3 learning, 0 mature")
                .contains("4. A job for \"Photosynthesis\", cancelled after its first concept:")
                .contains("cancelled  phrasing_generation")
                .contains("Done. Try: recollect quiz --user demo-");
        assertThat(first.err()).contains("completed  finalizing          20/20 phrasings");

        JsonNode json = JSON.readTree(launch("demo", "--json").out());
        assertThat(json.get("job").get("status").asText()).isEqualTo("completed");
        assertThat(json.get("job").get("concepts")).hasSize(5);
        assertThat(json.get("reviews")).hasSize(3);
        assertThat(json.get("reviews").get(1).get("isCorrect").asBoolean()).isFalse();
        assertThat(json.get("stats").get("learningCount").asInt()).isEqualTo(3);
        JsonNode cancelled = json.get("cancelledJob");
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("phrasingSaved").asInt()).isEqualTo(3);
    }

    @Test
    void twoProcessesStartedAtOnceOnOneHomeBothSucceed() throws Exception {
        Path firstErr = Files.createTempFile(TARGET, "first", ".err");
        Path secondErr = Files.createTempFile(TARGET, "second", ".err");
        Process first = start(List.of("db", "info", "--json"), firstErr);
        Process second = start(List.of("db", "info", "--json"), secondErr);
        for (Launched launched : List.of(finish(first, firstErr), finish(second, secondErr))) {
            assertThat(launched.exitCode()).as(launched.err()).isZero();
            assertThat(JSON.readTree(launched.out()).get("current").asBoolean()).isTrue();
        }
    }

    @Test
    void jsonLogsCarryEachJobsIdentity() throws Exception {
        launch("jobs", "create", "--user", "json-logs", "--prompt", "Prime numbers");
        launch("jobs", "work", "--until-idle", "--provider", "offline", "--log-format", "json");

        JsonNode started = null;
        for (String line : Files.readAllLines(HOME.resolve("logs/recollect.log"))) {
            if (line.startsWith("{") && line.contains("\"Job started\"")) {
                started = JSON.readTree(line);
            }
        }
        assertThat(started).as("a JSON line for the job's start").isNotNull();
        assertThat(started.get("level").asText()).isEqualTo("INFO");
        assertThat(started.get("mdc").get("userId").asText()).isEqualTo("json-logs");
        assertThat(started.get("mdc").get("attempt").asText()).isEqualTo("1");
        assertThat(started.get("mdc").get("jobId").asText()).hasSize(36);
    }

    @Test
    void aWorkerLogsItsMetricsWhenAsked() throws Exception {
        launch("jobs", "create", "--user", "metrics-log", "--prompt", "Photosynthesis");
        launch("jobs", "work", "--until-idle", "--provider", "offline", "--metrics-every", "1h");

        List<String> metrics = Files.readAllLines(HOME.resolve("logs/recollect.log")).stream()
                .filter(line -> line.contains("dev.recollect.cli.metrics"))
                .toList();
        // An hour never passed: these lines are the last, partial interval, published when the worker closed.
        assertThat(metrics)
                .anySatisfy(line -> assertThat(line).contains("recollect.jobs.completed{}"))
                .anySatisfy(
                        line -> assertThat(line).contains("recollect.jobs.phase.duration{phase=phrasing_generation}"))
                .anySatisfy(line -> assertThat(line).contains("recollect.llm.calls{outcome=success,stage=concepts}"))
                .anySatisfy(line -> assertThat(line).contains("recollect.jobs.queue.depth{} value=0"));
    }
}
