package dev.recollect.adapters.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.ports.in.ProcessJob;
import dev.recollect.ports.in.Worker;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.RateLimitRule;
import dev.recollect.ports.out.Sleeper;
import dev.recollect.ports.service.JobPipeline;
import dev.recollect.ports.service.JobWorker;
import dev.recollect.ports.testing.ScriptedLlm;
import dev.recollect.ports.testing.ScriptedPipelines;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** LISTEN/NOTIFY: new jobs wake idle workers, and a cancellation reaches the running worker within a second. */
@PostgresTest
class JobSignalsIT {
    private final JdbiPersistence persistence;

    JobSignalsIT(TestDatabase database) {
        persistence = JdbiPersistence.over(database.pooled());
    }

    private GenerationJob newJob() {
        GenerationJob job = GenerationJob.create(
                new JobId(UUID.randomUUID()), new UserId("signals-" + UUID.randomUUID()), "Tides", null, Instant.now());
        persistence.jobs().createIfAllowed(job, JobPolicy.DEFAULT, RateLimitRule.QUESTION_GENERATION, Instant.now());
        return job;
    }

    @Test
    void aNewJobWakesAnIdleWorker() throws Exception {
        try (JobSignals signals = persistence.openSignals()) {
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try {
                    signals.awaitWork(Duration.ofMinutes(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // Keep creating until the waiter is woken: it may not be waiting yet when the first arrives.
            for (int i = 0; i < 50 && !waiting.isDone(); i++) {
                newJob();
                try {
                    waiting.get(100, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException stillWaiting) {
                    // Try again.
                }
            }
            assertThat(waiting).as("woken long before its one-minute timeout").isDone();
        }
    }

    @Test
    void aCancelledJobStopsOnItsWorkerWithinASecond() throws Exception {
        GenerationJob job = newJob();
        CountDownLatch inStream = new CountDownLatch(1);
        ScriptedLlm llm = new ScriptedLlm();
        llm.phrasingsWithHook(List.of(ScriptedLlm.phrasing("A first question about tides?")), 1, () -> {
            inStream.countDown();
            try {
                // A slow provider: nothing arrives for a minute unless the worker is interrupted.
                new CountDownLatch(1).await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        LinkedBlockingQueue<ProcessJob.Outcome> outcomes = new LinkedBlockingQueue<>();
        JobPipeline pipeline = ScriptedPipelines.over(persistence, llm, Clock.systemUTC(), Sleeper.system());
        try (JobSignals signals = persistence.openSignals();
                JobWorker worker = new JobWorker(
                        persistence.jobs(),
                        pipeline,
                        Worker.Settings.defaults("w"),
                        Clock.systemUTC(),
                        signals,
                        outcomes::add)) {
            Thread runner = new Thread(worker::runUntilIdle);
            runner.start();
            assertThat(inStream.await(30, TimeUnit.SECONDS)).isTrue();

            persistence.jobs().transition(job.id(), j -> j.cancel(Instant.now()));

            ProcessJob.Outcome outcome = outcomes.poll(1, TimeUnit.SECONDS);
            assertThat(outcome)
                    .as("the worker observed the cancellation within a second")
                    .isNotNull();
            assertThat(((ProcessJob.Outcome.Finished) outcome).job().status()).isEqualTo(JobStatus.CANCELLED);
            runner.join(5000);
        }
        assertThat(persistence.jobs().find(job.id()).orElseThrow().questionsSaved())
                .isEqualTo(1);
    }

    @Test
    void withoutSignalsAWaitLastsItsWholeTimeout() throws Exception {
        try (JobSignals signals = persistence.openSignals()) {
            long start = System.nanoTime();
            signals.awaitWork(Duration.ofMillis(300));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void aClosedSubscriptionHearsNothingMore() throws Exception {
        GenerationJob job = newJob();
        try (JobSignals signals = persistence.openSignals()) {
            java.util.List<JobId> removedHeard = new java.util.concurrent.CopyOnWriteArrayList<>();
            CountDownLatch keptHeard = new CountDownLatch(1);
            AutoCloseable removed = signals.onCancelled(removedHeard::add);
            signals.onCancelled(id -> {
                if (id.equals(job.id())) {
                    keptHeard.countDown();
                }
            });
            removed.close();

            persistence.jobs().transition(job.id(), j -> j.cancel(Instant.now()));

            assertThat(keptHeard.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(removedHeard).isEmpty();
        }
    }
}
