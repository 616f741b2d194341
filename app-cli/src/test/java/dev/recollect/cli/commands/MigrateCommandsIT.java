package dev.recollect.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.cli.CliRun;
import dev.recollect.cli.support.ExitCode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing a Convex export and running the reference's migrations from the command line, on PostgreSQL. */
@PostgresTest
class MigrateCommandsIT {
    private final Cli cli;
    private final TestDatabase database;

    MigrateCommandsIT(TestDatabase database) {
        this.cli = new Cli(database);
        this.database = database;
    }

    private int plannedRuns() throws Exception {
        try (var connection = database.connect();
                var rows = connection.createStatement().executeQuery("SELECT count(*) FROM migration_runs")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void write(Path file, String... lines) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void anExportIsImportedOnceAndMigratedWithADryRunFirst(@TempDir Path dir) throws Exception {
        write(
                dir.resolve("users/documents.jsonl"),
                "{\"_id\":\"u1\",\"_creationTime\":1700000000000,\"email\":\"a@example.com\"}",
                "{\"_id\":\"u2\",\"_creationTime\":1700000001000,\"email\":\"b@example.com\",\"createdAt\":5}",
                "not json at all",
                "[1,2,3]",
                "{\"email\":\"no id\"}",
                "",
                "{\"_id\":\"u3\",\"email\":\"c@example.com\"}");
        write(dir.resolve("_tables/documents.jsonl"), "{\"_id\":\"system\"}");

        JsonNode imported = cli.json("import", "convex-export", dir.toString());

        JsonNode users = imported.get("tables").get(0);
        assertThat(imported.get("tables")).hasSize(1);
        assertThat(users.get("table").asText()).isEqualTo("users");
        assertThat(users.get("imported").asInt()).isEqualTo(3);
        assertThat(users.get("malformed"))
                .extracting(JsonNode::asText)
                .containsExactly(
                        "line 3: not JSON (Unrecognized token 'not': was expecting (JSON String, Number, Array, Object"
                                + " or token 'null', 'true' or 'false'))",
                        "line 4: not a JSON object",
                        "line 5: no _id string of 1 to 512 characters");
        assertThat(cli.json("import", "convex-export", dir.toString())
                        .get("tables")
                        .get(0)
                        .get("alreadyPresent")
                        .asInt())
                .isEqualTo(3);

        JsonNode dry = cli.json("migrate", "run", "backfill-user-created-at", "--dry-run", "--batch-size", "2");
        assertThat(dry.get("status").asText()).isEqualTo("completed");
        assertThat(dry.get("run").get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("stats").get("updated").asInt()).isEqualTo(2);
        assertThat(dry.get("message").asText()).startsWith("Dry run: would update 2 of 3");

        JsonNode real =
                cli.json("migrate", "run", "backfill-user-created-at", "--batch-size", "2", "--metrics-every", "1h");
        assertThat(real.get("stats").get("updated").asInt()).isEqualTo(2);
        assertThat(real.get("stats").get("skipped").get("alreadyHadCreatedAt").asInt())
                .isEqualTo(1);
        assertThat(real.get("batches").get("completed").asInt()).isEqualTo(2);
        String runId = real.get("run").get("id").asText();

        JsonNode status = cli.json("migrate", "status", runId);
        assertThat(status.get("done").asBoolean()).isTrue();
        assertThat(status.get("stats").get("totalProcessed").asInt()).isEqualTo(3);
        assertCode(
                cli.run("", "migrate", "run", "backfill-user-created-at"),
                ExitCode.REJECTED,
                "Run " + runId + " already completed backfill-user-created-at over the whole table; --again");
        JsonNode again = cli.json("migrate", "run", "backfill-user-created-at", "--again");
        assertThat(again.get("stats").get("skipped").get("alreadyHadCreatedAt").asInt())
                .isEqualTo(3);
        JsonNode list = cli.json("migrate", "list");
        assertThat(list.get("migrations")).hasSize(5);
        assertThat(list.get("runs")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(cli.json("migrate", "retry", runId, "--force-retry")
                        .get("queued")
                        .asInt())
                .isZero();
        CliRun human = cli.run("", "migrate", "status");
        assertThat(human.out()).contains("backfill-user-created-at", "documents/s");
    }

    @Test
    void statusShowsEachBatchThatWaitsForARetryOrFailedForGood(@TempDir Path dir) throws Exception {
        write(
                dir.resolve("users/documents.jsonl"),
                "{\"_id\":\"t1\",\"email\":\"a@example.com\"}",
                "{\"_id\":\"t2\",\"email\":\"b@example.com\"}",
                "{\"_id\":\"t3\",\"email\":\"c@example.com\"}");
        cli.json("import", "convex-export", dir.toString());
        // Again: another test of this class may have completed the migration over the users already.
        JsonNode planned =
                cli.json("migrate", "run", "backfill-user-created-at", "--batch-size", "1", "--plan-only", "--again");
        String runId = planned.get("id").asText();
        // What workers leave behind when the database fails under them: one batch waiting, one given up.
        try (var connection = database.connect();
                var statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE migration_batches SET status = 'retry', retry_count = 2,"
                    + " error = 'connection lost', retry_after = '2030-01-01T00:00:00Z' WHERE run_id = '" + runId
                    + "' AND seq = 0");
            statement.executeUpdate("UPDATE migration_batches SET status = 'failed', retry_count = 5,"
                    + " error = E'deadlock\\ndetected' WHERE run_id = '" + runId + "' AND seq = 1");
        }

        JsonNode status = cli.json("migrate", "status", runId);

        JsonNode troubles = status.get("troubles");
        assertThat(troubles).hasSize(2);
        assertThat(troubles.get(0).get("seq").asInt()).isZero();
        assertThat(troubles.get(0).get("state").asText()).isEqualTo("retry");
        assertThat(troubles.get(0).get("failures").asInt()).isEqualTo(2);
        assertThat(troubles.get(0).get("maxFailures").asInt()).isEqualTo(5);
        assertThat(troubles.get(0).get("nextRetryAt").asText()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(troubles.get(0).get("lastError").asText()).isEqualTo("connection lost");
        assertThat(troubles.get(0).get("afterKey").isNull()).isTrue();
        assertThat(troubles.get(0).get("upToKey").asText()).isNotEmpty();
        assertThat(troubles.get(1).get("state").asText()).isEqualTo("failed");
        assertThat(troubles.get(1).get("nextRetryAt").isNull()).isTrue();
        CliRun human = cli.run("", "migrate", "status", runId);
        assertThat(human.out())
                .contains("Batches that need attention:")
                .contains("batch 0, keys (start .. ")
                .contains("2 of 5 failures, next try at 2030-01-01T00:00:00Z; last error: \"connection lost\"")
                .contains("5 of 5 failures, failed for good; `migrate retry RUN --force-retry` queues it again")
                // The error's newline is escaped, so that one batch stays one line.
                .contains("last error: \"deadlock\\u000Adetected\"");
        assertThat(cli.json("migrate", "status", runId).get("troubles")).hasSize(2);
    }

    @Test
    void aZipExportAndTheSessionBackfillWithItsMissingContextCount(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("export.zip");
        try (OutputStream file = Files.newOutputStream(zip);
                ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("interactions/documents.jsonl"));
            out.write(("{\"_id\":\"i1\",\"context\":{\"sessionId\":\"s1\"}}\n"
                            + "{\"_id\":\"i2\",\"context\":{}}\n"
                            + "{\"_id\":\"i3\",\"sessionId\":\"s0\"}\n"
                            + "{\"_id\":\"i4\",\"context\":{\"sessionId\":42}}\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("_storage/documents.jsonl"));
            out.write("{}\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertThat(cli.json("import", "convex-export", zip.toString())
                        .get("tables")
                        .get(0)
                        .get("imported")
                        .asInt())
                .isEqualTo(4);

        JsonNode run = cli.json("migrate", "run", "backfill-interaction-session-id", "--batch-size", "3");

        assertThat(run.get("status").asText()).isEqualTo("partial");
        assertThat(run.get("stats").get("updated").asInt()).isEqualTo(1);
        assertThat(run.get("stats").get("skipped").get("missingSessionContext").asInt())
                .isEqualTo(1);
        assertThat(run.get("stats").get("skipped").get("alreadyHadSessionId").asInt())
                .isEqualTo(1);
        assertThat(run.get("failures").get(0).get("recordId").asText()).isEqualTo("i4");
    }

    @Test
    void badArgumentsAreClearErrors(@TempDir Path dir) throws Exception {
        assertCode(cli.run("", "migrate", "run", "no-such-migration"), ExitCode.NOT_FOUND, "No migration named");
        assertCode(
                cli.run("", "migrate", "run", "remove-question-topic", "--batch-size", "0"),
                2,
                "--batch-size must be 1 to 10000, got 0");
        assertCode(cli.run("", "migrate", "status", "not-a-uuid"), 2, "RUN: not a run id");
        assertCode(cli.run("", "migrate", "work", "00000000-0000-0000-0000-000000000009"), 3, "No migration run");
        assertCode(cli.run("", "migrate", "run", "remove-question-topic", "--pause-ms", "-1"), 2, "--pause-ms");
        int runs = plannedRuns();
        assertCode(
                cli.run("", "migrate", "run", "remove-question-topic", "--metrics-every", "soon"),
                2,
                "--metrics-every");
        assertCode(
                cli.run("", "migrate", "work", "00000000-0000-0000-0000-000000000009", "--metrics-every", "0m"),
                2,
                "--metrics-every");
        assertCode(
                cli.run("", "migrate", "run", "remove-question-topic", "--target-batch-ms", "9"),
                2,
                "--target-batch-ms must be 10 to 60000, got 9");
        assertCode(
                cli.run("", "migrate", "run", "remove-question-topic", "--created-from", "yesterday"),
                2,
                "--created-from must be an instant (2024-01-15T10:00:00Z), a date (2024-01-15) or a month (2024-01),"
                        + " got yesterday");
        assertCode(
                cli.run(
                        "",
                        "migrate",
                        "run",
                        "remove-question-topic",
                        "--created-from",
                        "2024-02",
                        "--created-to",
                        "2024-01"),
                2,
                "--created-from 2024-02 must be before --created-to 2024-01");
        assertCode(
                cli.run("", "migrate", "run", "remove-question-topic", "--from-key", "b", "--to-key", "a"),
                2,
                "--from-key b is after --to-key a");
        assertCode(cli.run("", "migrate", "pause", "00000000-0000-0000-0000-000000000009"), 3, "No migration run");
        assertCode(cli.run("", "migrate", "coverage", "no-such-migration"), 3, "No migration named");
        assertThat(plannedRuns()).as("a refused run is not planned").isEqualTo(runs);
        assertCode(cli.run("", "import", "convex-export", dir.resolve("missing").toString()), 2, "neither a directory");
    }

    @Test
    void runsAreLimitedToMonthsOrKeysAndPausedResumedOrCancelled(@TempDir Path dir) throws Exception {
        // Two questions created in November 2023, two in December, one in January 2024, one with no creation time.
        write(
                dir.resolve("questions/documents.jsonl"),
                "{\"_id\":\"s1\",\"_creationTime\":1700000000000,\"difficulty\":\"easy\"}",
                "{\"_id\":\"s2\",\"_creationTime\":1700500000000,\"difficulty\":\"easy\"}",
                "{\"_id\":\"s3\",\"_creationTime\":1702000000000,\"difficulty\":\"easy\"}",
                "{\"_id\":\"s4\",\"_creationTime\":1702500000000,\"difficulty\":\"easy\"}",
                "{\"_id\":\"s5\",\"_creationTime\":1705000000000,\"difficulty\":\"easy\"}",
                "{\"_id\":\"s6\",\"difficulty\":\"hard\"}");
        cli.json("import", "convex-export", dir.toString());

        JsonNode november = cli.json(
                "migrate", "run", "remove-question-difficulty", "--created-from", "2023-11", "--created-to", "2023-12");
        assertThat(november.get("stats").get("updated").asInt()).isEqualTo(2);
        assertThat(november.get("run").get("scope").get("createdFrom").asText()).isEqualTo("2023-11-01T00:00:00Z");
        assertCode(
                cli.run(
                        "",
                        "migrate",
                        "run",
                        "remove-question-difficulty",
                        "--created-from",
                        "2023-11-10",
                        "--created-to",
                        "2023-11-20"),
                ExitCode.REJECTED,
                "already completed remove-question-difficulty over created [2023-11-01T00:00:00Z .. 2023-12-01T00:00:00Z)");
        JsonNode coverage = cli.json("migrate", "coverage", "remove-question-difficulty");
        assertThat(coverage.get("covered")).hasSize(1);
        assertThat(coverage.get("covered").get(0).get("id").asText())
                .isEqualTo(november.get("run").get("id").asText());

        JsonNode paced = cli.json(
                "migrate",
                "run",
                "remove-question-difficulty",
                "--from-key",
                "s3",
                "--to-key",
                "s4",
                "--target-batch-ms",
                "50",
                "--batch-size",
                "1");
        assertThat(paced.get("stats").get("updated").asInt()).isEqualTo(2);
        assertThat(paced.get("run").get("targetBatchMs").asInt()).isEqualTo(50);

        String run = cli.run(
                        "",
                        "migrate",
                        "run",
                        "remove-question-difficulty",
                        "--plan-only",
                        "--again",
                        "--batch-size",
                        "1")
                .out()
                .strip();
        JsonNode paused = cli.json("migrate", "pause", run);
        assertThat(paused.get("run").get("control").asText()).isEqualTo("paused");
        assertThat(paused.get("changed").asBoolean()).isTrue();
        assertThat(cli.json("migrate", "pause", run).get("changed").asBoolean()).isFalse();
        assertThat(cli.run("", "migrate", "status", run).out()).contains("paused");
        assertThat(cli.json("migrate", "resume", run, "--no-work")
                        .get("run")
                        .get("control")
                        .asText())
                .isEqualTo("running");
        JsonNode cancelled = cli.json("migrate", "cancel", run);
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("run").get("finishedAt").isNull()).isFalse();
        assertThat(cancelled.get("message").asText()).endsWith("Cancelled with 6 batches not done.");
        assertCode(cli.run("", "migrate", "resume", run), ExitCode.REJECTED, "the run was cancelled");
        CliRun work = cli.run("", "migrate", "work", run);
        assertThat(work.exitCode()).as(work.err()).isEqualTo(ExitCode.CANCELLED);
        assertThat(work.out()).contains("0 processed", "The run was cancelled");
    }

    private static void assertCode(CliRun run, int code, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.err()).contains(message);
    }
}
