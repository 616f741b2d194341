package dev.recollect.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.adapters.jdbi.JdbiPersistence;
import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.cli.CliRun;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.domain.JobId;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.failure.JobError;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Operating jobs from the command line, in-process against the real PostgreSQL: retry, watch, list by status,
 * settings, and addresses.
 */
@PostgresTest
class JobOperationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cli cli;
    private final JdbiPersistence persistence;

    JobOperationsIT(TestDatabase database) {
        this.cli = new Cli(database);
        this.persistence = JdbiPersistence.over(database.pooled());
    }

    private static String user() {
        return "ops-" + UUID.randomUUID();
    }

    private String create(String user, String prompt) {
        return cli.json("jobs", "create", "--user", user, "--prompt", prompt)
                .get("id")
                .asText();
    }

    /** Fails the job as a worker would, with a retryable error or one for good. */
    private void fail(String job, boolean retryable) {
        JobId id = JobId.parse(job);
        persistence.jobs().transition(id, j -> j.start(Instant.now()));
        persistence
                .jobs()
                .transition(
                        id,
                        j -> j.fail(
                                new JobError(
                                        retryable ? ErrorCode.NETWORK : ErrorCode.CONTENT_BLOCKED, "failed", retryable),
                                Instant.now()));
    }

    @Test
    void aFailedJobIsRetriedByItsOwner_thenAWorkerCompletesIt() {
        String user = user();
        String job = create(user, "Prime numbers");
        fail(job, true);

        JsonNode retried = cli.json("jobs", "retry", job, "--user", user);
        assertThat(retried.get("status").asText()).isEqualTo("pending");
        assertThat(retried.get("retries").asInt()).isEqualTo(1);
        assertThat(retried.get("errorCode").isNull()).isTrue();

        CliRun again = cli.run("", "jobs", "retry", job, "--user", user);
        assertThat(again.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(again.err()).contains("Cannot retry job with status: pending");
        assertThat(cli.run("", "jobs", "retry", job, "--user", user()).exitCode())
                .isEqualTo(ExitCode.NOT_FOUND);

        cli.json("jobs", "work", "--until-idle", "--provider", "offline");
        JsonNode done = cli.json("jobs", "show", job, "--user", user);
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("retries").asInt()).isEqualTo(1);
    }

    @Test
    void aJobThatFailedForGoodNeedsForce_andARetryCountsTowardTheCap() {
        String user = user();
        String job = create(user, "Photosynthesis");
        fail(job, false);
        CliRun refused = cli.run("", "jobs", "retry", job, "--user", user);
        assertThat(refused.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(refused.err()).contains("CONTENT_BLOCKED", "--force");
        for (String prompt : List.of("Volcanoes", "Glaciers", "Deltas")) {
            create(user, prompt);
        }
        CliRun capped = cli.run("", "jobs", "retry", job, "--user", user, "--force");
        assertThat(capped.exitCode()).isEqualTo(ExitCode.REJECTED);
        assertThat(capped.err()).contains("Too many concurrent jobs. Maximum 3 jobs allowed.");
        CliRun roomier = cli.run("", "jobs", "retry", job, "--user", user, "--force", "--max-active", "4");
        assertThat(roomier.exitCode()).as(roomier.err()).isZero();
    }

    @Test
    void aListNarrowsToStatuses_andTellsTheActiveCountAndTheCap() {
        String user = user();
        String failed = create(user, "Prime numbers");
        fail(failed, true);
        create(user, "Photosynthesis");

        JsonNode onlyFailed = cli.json("jobs", "list", "--user", user, "--status", "failed");
        assertThat(onlyFailed.get("jobs"))
                .singleElement()
                .satisfies(j -> assertThat(j.get("id").asText()).isEqualTo(failed));
        assertThat(onlyFailed.get("active").asInt()).isEqualTo(1);
        assertThat(onlyFailed.get("maxActive").asInt()).isEqualTo(3);
        assertThat(cli.json("jobs", "list", "--user", user, "--status", "failed", "--status", "pending")
                        .get("jobs"))
                .hasSize(2);
        assertThat(cli.run("", "jobs", "list", "--user", user).out()).contains("Active jobs: 1 of 3.");
        CliRun bogus = cli.run("", "jobs", "list", "--user", user, "--status", "stuck");
        assertThat(bogus.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(bogus.err()).contains("--status");
    }

    @Test
    void settingsSayWhereEachValueCameFrom_andABadOneIsRefusedByName() throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("RECOLLECT_JOBS_MAX_ACTIVE", "5");
        env.put("RECOLLECT_JOBS_RATE_LIMIT", "20/30m");
        CliRun shown = CliRun.withEnvironment(env, "", "jobs", "settings", "--lease", "45s", "--json");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        Map<String, JsonNode> byName = new HashMap<>();
        JSON.readTree(shown.out())
                .get("settings")
                .forEach(s -> byName.put(s.get("name").asText(), s));
        assertThat(byName.get("active jobs per learner").get("value").asText()).isEqualTo("5");
        assertThat(byName.get("active jobs per learner").get("source").asText())
                .isEqualTo("env RECOLLECT_JOBS_MAX_ACTIVE");
        assertThat(byName.get("rate limit per learner and per IP").get("value").asText())
                .isEqualTo("20/30m");
        assertThat(byName.get("lease").get("source").asText()).isEqualTo("option --lease");
        assertThat(byName.get("heartbeat").get("value").asText()).isEqualTo("15s");
        assertThat(byName.get("rescues per job").get("value").asText()).isEqualTo("10");
        assertThat(byName.get("rescues per job").get("source").asText()).isEqualTo("default");
        assertThat(byName).hasSize(11);

        env.put("RECOLLECT_JOBS_MAX_ACTIVE", "lots");
        CliRun bad = CliRun.withEnvironment(env, "", "jobs", "settings");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(bad.err()).contains("RECOLLECT_JOBS_MAX_ACTIVE", "whole number");
        CliRun overridden = CliRun.withEnvironment(env, "", "jobs", "settings", "--max-active", "2");
        assertThat(overridden.exitCode())
                .as("the option wins over the bad variable")
                .isZero();
        CliRun heartbeat = cli.run("", "jobs", "work", "--until-idle", "--lease", "10s", "--heartbeat", "10s");
        assertThat(heartbeat.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(heartbeat.err()).contains("--heartbeat", "shorter than the lease");
        CliRun housekeeping = cli.run("", "jobs", "work", "--housekeeping-every", "often");
        assertThat(housekeeping.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(housekeeping.err()).contains("--housekeeping-every");
    }

    @Test
    void anAddressMustBeALiteral_andARefusedOneWritesNothing() {
        String user = user();
        for (String ip : List.of("example.com", "1.2.3", "999.1.1.1", "::g", "fe80::1%eth0")) {
            CliRun run = cli.run("", "jobs", "create", "--user", user, "--prompt", "Prime numbers", "--ip", ip);
            assertThat(run.exitCode()).as(ip).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(run.err()).contains("ipAddress");
        }
        assertThat(cli.json("jobs", "list", "--user", user).get("jobs")).isEmpty();
        JsonNode created =
                cli.json("jobs", "create", "--user", user, "--prompt", "Prime numbers", "--ip", "2001:DB8::0:1");
        assertThat(persistence
                        .jobs()
                        .find(JobId.parse(created.get("id").asText()))
                        .orElseThrow()
                        .ipAddress())
                .isEqualTo("2001:db8::1");
    }

    @Test
    void aWatchFollowsAJobToItsEnd_andItsExitCodeSaysHowItEnded() throws Exception {
        String user = user();
        String job = create(user, "NATO phonetic alphabet");
        CompletableFuture<CliRun> watch =
                CompletableFuture.supplyAsync(() -> cli.run("", "jobs", "watch", job, "--user", user, "--json"));
        cli.json("jobs", "work", "--until-idle", "--provider", "offline");
        CliRun watched = watch.get(2, TimeUnit.MINUTES);
        assertThat(watched.exitCode()).as(watched.err()).isZero();
        List<JsonNode> lines = watched.out().lines().map(JobOperationsIT::parse).toList();
        assertThat(lines)
                .extracting(l -> l.get("status").asText())
                .contains("completed")
                .last()
                .isEqualTo("completed");
        assertThat(lines.get(lines.size() - 1).get("phrasingSaved").asInt()).isEqualTo(20);
        assertThat(lines).extracting(l -> l.get("phrasingSaved").asInt()).isSorted();

        String cancelled = create(user, "Photosynthesis");
        cli.run("", "jobs", "cancel", cancelled, "--user", user);
        assertThat(cli.run("", "jobs", "watch", cancelled, "--user", user).exitCode())
                .isEqualTo(ExitCode.CANCELLED);
        String failed = create(user, "Prime numbers");
        fail(failed, true);
        CliRun failedWatch = cli.run("", "jobs", "watch", failed, "--user", user);
        assertThat(failedWatch.exitCode()).isEqualTo(ExitCode.UNEXPECTED);
        assertThat(failedWatch.out()).contains("Failed with NETWORK", "jobs retry");
        assertThat(cli.run("", "jobs", "watch", failed, "--user", user()).exitCode())
                .isEqualTo(ExitCode.NOT_FOUND);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
