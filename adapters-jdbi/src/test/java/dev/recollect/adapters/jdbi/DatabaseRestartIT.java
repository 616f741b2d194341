package dev.recollect.adapters.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.recollect.adapters.jdbi.server.LocalPostgres;
import dev.recollect.adapters.jdbi.testing.LogLatch;
import dev.recollect.adapters.jdbi.testing.TestServer;
import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.ports.in.Worker;
import dev.recollect.ports.out.RateLimitRule;
import dev.recollect.ports.out.Sleeper;
import dev.recollect.ports.service.JobPipeline;
import dev.recollect.ports.service.JobWorker;
import dev.recollect.ports.testing.ScriptedLlm;
import dev.recollect.ports.testing.ScriptedPipelines;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarts in the middle of a streaming job, with three jobs running: the worker rides it out (the
 * adapter retries what the restart broke, the pool and the signals reconnect), and every job completes with every
 * phrasing saved once.
 */
class DatabaseRestartIT {
    @Test
    void aWorkerRidesOutARestartInTheMiddleOfAStreamingJob_everyJobCompletesWithNoDuplicate() throws Exception {
        try (LocalPostgres server = LocalPostgres.start(LocalPostgres.Options.ephemeralForTests(
                        TestServer.clusterBase().resolveSibling("postgres-restart-it")));
                Connection admin =
                        DriverManager.getConnection(server.jdbcUrl("postgres") + "?user=" + server.superuser())) {
            admin.createStatement().execute("CREATE DATABASE restart");
            try (HikariDataSource pool = JdbiPersistence.pool(server.jdbcUrl("restart"), server.superuser(), "", 8)) {
                JdbiPersistence.migrateSchema(pool);
                JdbiPersistence persistence = JdbiPersistence.over(pool);
                List<JobId> jobs = new ArrayList<>();
                for (String prompt : List.of("Glaciers", "Deltas", "Dunes")) {
                    GenerationJob job = GenerationJob.create(
                            new JobId(UUID.randomUUID()), new UserId("restart-" + prompt), prompt, null, now());
                    persistence
                            .jobs()
                            .createIfAllowed(job, JobPolicy.DEFAULT, RateLimitRule.QUESTION_GENERATION, now());
                    jobs.add(job.id());
                }

                CompletableFuture<Optional<GenerationJob>> duringOutage = new CompletableFuture<>();
                ScriptedLlm llm = new ScriptedLlm();
                llm.phrasingsWithHook(
                        List.of(
                                ScriptedLlm.phrasing("What carves a glacial valley?"),
                                ScriptedLlm.phrasing("Why does a glacier flow downhill?"),
                                ScriptedLlm.phrasing("What is a glacial moraine made of?"),
                                ScriptedLlm.phrasing("How does a cirque form at a glacier's head?")),
                        2,
                        () -> restart(server, persistence, jobs.get(0), duringOutage));
                JobPipeline pipeline = ScriptedPipelines.over(persistence, llm, Clock.systemUTC(), Sleeper.system());
                try (var signals = persistence.openSignals();
                        JobWorker worker = new JobWorker(
                                persistence.jobs(),
                                pipeline,
                                new Worker.Settings(
                                        "restart-worker",
                                        3,
                                        Duration.ofSeconds(30),
                                        Duration.ofMillis(200),
                                        Duration.ofSeconds(30)),
                                Clock.systemUTC(),
                                signals,
                                outcome -> {})) {
                    assertThat(worker.runUntilIdle()).isEqualTo(3);
                }

                assertThat(duringOutage.get(1, TimeUnit.MINUTES))
                        .as("a read begun while the server was down answered once it was back")
                        .isPresent();
                for (JobId id : jobs) {
                    GenerationJob done = persistence.jobs().find(id).orElseThrow();
                    assertThat(done.status()).as(done.prompt()).isEqualTo(JobStatus.COMPLETED);
                    assertThat(done.attempts()).as("ridden out, not rescued").isEqualTo(1);
                    List<Phrasing> phrasings = new ArrayList<>();
                    done.conceptIds()
                            .forEach(c ->
                                    phrasings.addAll(persistence.phrasings().findByConcept(c)));
                    assertThat(phrasings).hasSize(12);
                    assertThat(phrasings.stream().map(p -> p.conceptId() + "|" + p.questionKey()))
                            .doesNotHaveDuplicates();
                    assertThat(done.questionsSaved()).isEqualTo(12);
                }
            }
        }
    }

    /**
     * Restarts the server from the worker's thread, mid-stream. While it is down, a read starts on another thread;
     * the server comes back once the adapter has reported the outage, so that the read is known to have met it.
     */
    private static void restart(
            LocalPostgres server,
            JdbiPersistence persistence,
            JobId job,
            CompletableFuture<Optional<GenerationJob>> duringOutage) {
        try (LogLatch unreachable = LogLatch.on(Database.class, "PostgreSQL is unreachable")) {
            server.restart(() -> {
                CompletableFuture.supplyAsync(() -> persistence.jobs().find(job))
                        .whenComplete((found, failure) -> {
                            if (failure != null) {
                                duringOutage.completeExceptionally(failure);
                            } else {
                                duringOutage.complete(found);
                            }
                        });
                try {
                    assertThat(unreachable.await()).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private static java.time.Instant now() {
        return java.time.Instant.now();
    }
}
