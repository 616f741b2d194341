package dev.recollect.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recollect.adapters.jdbi.JdbiPersistence;
import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.cli.CliRun;
import dev.recollect.cli.support.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The job, review, stats and schema commands, in-process against the real PostgreSQL, with the offline model. */
@PostgresTest
class CommandsIT {
    private final Cli cli;
    private final TestDatabase database;

    CommandsIT(TestDatabase database) {
        this.database = database;
        this.cli = new Cli(database);
    }

    private static String user() {
        return "cli-" + UUID.randomUUID();
    }

    /** Creates a job for {@code prompt} and works it to the end with the offline model. */
    private JsonNode generated(String user, String prompt) {
        JsonNode job = cli.json("jobs", "create", "--user", user, "--prompt", prompt);
        JsonNode worked = cli.json("jobs", "work", "--until-idle", "--provider", "offline");
        assertThat(worked.get("processed").asInt()).isPositive();
        return cli.json("jobs", "show", job.get("id").asText(), "--user", user);
    }

    @Test
    void aPromptBecomesAJobThatAWorkerTurnsIntoConceptsAndPhrasings() {
        String user = user();
        JsonNode job = generated(user, "The NATO phonetic alphabet");

        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("phrasingSaved").asInt()).isEqualTo(20);
        assertThat(job.get("concepts")).hasSize(5);
        JsonNode phrasing = job.get("concepts").get(0).get("phrasings").get(0);
        assertThat(phrasing.fieldNames()).toIterable().contains("id", "question", "options", "correctAnswer");
        JsonNode list = cli.json("jobs", "list", "--user", user);
        assertThat(list.get("jobs")).hasSize(1);
        assertThat(list.get("nextCursor").isNull()).isTrue();
        CliRun human = cli.run("", "jobs", "list", "--user", user);
        assertThat(human.out()).contains("completed", "\"The NATO phonetic alphabet\"");
    }

    @Test
    void reviewsAnswerByNumberAndRescheduleTheConcept() {
        String user = user();
        generated(user, "Prime numbers");
        JsonNode next = cli.json("review", "next", "--user", user);
        String concept = next.get("concept").get("id").asText();
        JsonNode phrasing = next.get("phrasing");
        int right = 1;
        for (JsonNode option : phrasing.get("options")) {
            if (option.asText().equals(phrasing.get("correctAnswer").asText())) {
                break;
            }
            right++;
        }

        JsonNode answered =
                answer(user, concept, phrasing.get("id").asText(), Integer.toString(right), "--session", "s1");

        assertThat(answered.get("isCorrect").asBoolean()).isTrue();
        assertThat(answered.get("answer").asText())
                .isEqualTo(phrasing.get("correctAnswer").asText());
        assertThat(answered.get("newState").asText()).isEqualTo("learning");
        List<String> typo = List.of(
                "review",
                "answer",
                "--user",
                user,
                "--concept",
                concept,
                "--phrasing",
                phrasing.get("id").asText(),
                "--answer",
                "9");
        assertCode(cli.run("", typo.toArray(String[]::new)), 2, "--answer: there is no option 9");
        assertThat(answered.get("scheduledDays").asInt()).isZero();
        JsonNode easy = answer(user, concept, phrasing.get("id").asText(), "no such option text", "--rating", "4");
        assertThat(easy.get("isCorrect").asBoolean()).isFalse();
        assertThat(easy.get("newState").asText()).isEqualTo("review");
        JsonNode stats = cli.json("stats", "--user", user, "--reconcile");
        assertThat(stats.get("drift").get("totalCards").asInt()).isZero();
        assertThat(stats.get("stats").get("matureCount").asInt()).isEqualTo(1);
        assertThat(stats.get("stats").get("totalCards").asInt()).isEqualTo(3);
    }

    @Test
    void theQuizReadsAnswersFromStdinAndStopsAtTheEnd() {
        String user = user();
        generated(user, "Photosynthesis");

        CliRun run = cli.run("1\n9\nb\nq\n", "quiz", "--user", user, "--limit", "5");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Question 1:", "Question 2:", "Question 3:", "of 2 right");
        assertThat(run.out())
                .as("a typo is asked again, not recorded")
                .contains("Cannot read the answer: there is no option 9");
        assertThat(run.out()).containsPattern("(Right\\.|Wrong: the answer is)");
        assertThat(run.out()).contains("Next review in");
        JsonNode stats = cli.json("stats", "--user", user);
        assertThat(stats.get("stats").get("learningCount").asInt()).isEqualTo(2);
    }

    @Test
    void aCancelledJobKeepsWhatItMade() {
        String user = user();
        JsonNode job = cli.json("jobs", "create", "--user", user, "--prompt", "Prime numbers");
        String id = job.get("id").asText();
        JsonNode cancelled = cli.json("jobs", "cancel", id, "--user", user);
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        CliRun again = cli.run("", "jobs", "cancel", id, "--user", user);
        assertThat(again.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(again.err()).contains("Cannot cancel job with status: cancelled");
    }

    @Test
    void badInputGetsAClearMessageAndItsExitCode() {
        String user = user();
        assertCode(cli.run("", "jobs", "create", "--user", user, "--prompt", "  "), 2, "--prompt");
        assertCode(cli.run("", "jobs", "create", "--user", user, "--prompt", "x".repeat(5001)), 2, "--prompt");
        assertCode(cli.run("", "jobs", "create", "--user", user, "--prompt", "bell\u0007 here"), 2, "--prompt");
        assertCode(cli.run("", "jobs", "show", "not-a-uuid", "--user", user), 2, "jobId");
        assertCode(cli.run("", "jobs", "show", UUID.randomUUID().toString(), "--user", user), 3, "not found");
        assertCode(cli.run("", "jobs", "list", "--user", user, "--limit", "-1"), 2, "limit");
        assertCode(
                cli.run("", "review", "answer", "--user", user, "--concept", "x", "--phrasing", "y", "--answer", "1"),
                2,
                "conceptId must be a UUID");
        assertCode(
                cli.run(
                        "",
                        "review",
                        "answer",
                        "--user",
                        user,
                        "--concept",
                        UUID.randomUUID().toString(),
                        "--phrasing",
                        UUID.randomUUID().toString(),
                        "--answer",
                        "1"),
                3,
                "not found or unauthorized");
        assertCode(cli.run("", "jobs", "work", "--until-idle"), 2, "GEMINI_API_KEY");
        assertCode(cli.run("", "jobs", "work", "--concurrency", "0", "--provider", "offline"), 2, "--concurrency");
        assertCode(cli.run("", "quiz", "--user", user, "--limit", "0"), 2, "--limit");
        assertCode(cli.run("", "jobs", "list", "--user", user, "--cursor", "garbage"), 2, "cursor");
        assertThat(cli.json("jobs", "list", "--user", user).get("jobs")).isEmpty();
    }

    @Test
    void anotherUsersJobOrPhrasingIsNotFound() {
        String owner = user();
        JsonNode job = generated(owner, "Prime numbers");
        JsonNode phrasing = job.get("concepts").get(0).get("phrasings").get(0);
        String intruder = user();
        assertCode(cli.run("", "jobs", "show", job.get("id").asText(), "--user", intruder), 3, "not found");
        assertCode(cli.run("", "jobs", "cancel", job.get("id").asText(), "--user", intruder), 3, "not found");
        assertCode(
                cli.run(
                        "",
                        "review",
                        "answer",
                        "--user",
                        intruder,
                        "--concept",
                        job.get("concepts").get(0).get("id").asText(),
                        "--phrasing",
                        phrasing.get("id").asText(),
                        "--answer",
                        "1"),
                3,
                "not found or unauthorized");
    }

    @Test
    void theFourthConcurrentJobIsRejectedWithExitCode4() {
        String user = user();
        for (int i = 0; i < 3; i++) {
            cli.json("jobs", "create", "--user", user, "--prompt", "Prime numbers " + i);
        }
        assertCode(
                cli.run("", "jobs", "create", "--user", user, "--prompt", "Prime numbers 4"),
                4,
                "Too many concurrent jobs");
        for (JsonNode job : cli.json("jobs", "list", "--user", user).get("jobs")) {
            cli.json("jobs", "cancel", job.get("id").asText(), "--user", user);
        }
    }

    @Test
    void jobStatsReportTheWindowTheQueueAndTheNewestJobs() {
        String user = user();
        generated(user, "Prime numbers");
        JsonNode stats = cli.json("jobs", "stats", "--since", "1h");
        assertThat(stats.get("byStatus").get("completed").asInt()).isPositive();
        assertThat(stats.get("completed").asInt()).isPositive();
        assertThat(stats.get("durationP50Ms").isNumber()).isTrue();
        assertThat(stats.get("recent").size()).isBetween(1, 20);
        assertThat(stats.fieldNames())
                .toIterable()
                .contains(
                        "failuresByCode",
                        "queueDepth",
                        "oldestPending",
                        "inProgress",
                        "completedPerHour",
                        "durationP95Ms",
                        "usage",
                        "since");
        CliRun human = cli.run("", "jobs", "stats");
        assertThat(human.out()).contains("Jobs created in the last 24h", "Tokens: ", "Queue:", "Newest jobs:");
        assertCode(cli.run("", "jobs", "stats", "--since", "0h"), 2, "--since");
        assertCode(cli.run("", "jobs", "stats", "--since", "soon"), 2, "--since");
        assertCode(
                cli.run("", "jobs", "work", "--until-idle", "--provider", "offline", "--metrics-every", "0s"),
                2,
                "Invalid value for option '--metrics-every': must be a positive number");
        for (String span : new String[] {"90s", "30m", "7d"}) {
            assertThat(cli.json("jobs", "stats", "--since", span)
                            .get("completed")
                            .asInt())
                    .isGreaterThanOrEqualTo(span.equals("90s") ? 0 : 1);
        }
    }

    @Test
    void theWorkersIdAndConcurrencyAreTheOnesGiven() throws Exception {
        String user = user();
        JsonNode job = cli.json("jobs", "create", "--user", user, "--prompt", "Prime numbers");
        cli.json(
                "jobs",
                "work",
                "--until-idle",
                "--provider",
                "offline",
                "--worker-id",
                "custom-7",
                "--concurrency",
                "2");
        try (java.sql.Connection c = database.connect();
                java.sql.PreparedStatement s =
                        c.prepareStatement("SELECT worker_id FROM generation_jobs WHERE id = ?")) {
            s.setObject(1, UUID.fromString(job.get("id").asText()));
            try (java.sql.ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("custom-7");
            }
        }
    }

    @Test
    void theSchemaCommandsReportTheVersion() {
        JsonNode info = cli.json("db", "info");
        assertThat(info.get("version").asText()).isEqualTo(Integer.toString(JdbiPersistence.SCHEMA_VERSION));
        assertThat(info.get("current").asBoolean()).isTrue();
        assertThat(cli.json("db", "migrate").get("applied").asInt()).isZero();
        JsonNode cleanup = cli.json("jobs", "cleanup");
        assertThat(cleanup.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("completed", "failed", "cancelled", "admissions");
    }

    @Test
    void anUnreachableDatabaseIsAClearError() {
        CliRun run = CliRun.of(
                "",
                "jobs",
                "list",
                "--user",
                "u",
                "--database-url",
                "jdbc:postgresql://127.0.0.1:1/nothing",
                "--database-user",
                "x");
        assertCode(run, 2, "cannot reach the database");
        assertCode(CliRun.of("", "db", "info", "--database-url", "jdbc:mysql://h/db"), 2, "jdbc:postgresql:");
    }

    private JsonNode answer(String user, String concept, String phrasing, String answer, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "review", "answer", "--user", user, "--concept", concept, "--phrasing", phrasing, "--answer", answer));
        args.addAll(List.of(more));
        return cli.json(args.toArray(String[]::new));
    }

    private static void assertCode(CliRun run, int code, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.err()).contains(message).doesNotContain("Exception\n\tat ");
    }
}
