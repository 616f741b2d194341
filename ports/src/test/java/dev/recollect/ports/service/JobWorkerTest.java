package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.ports.in.ProcessJob;
import dev.recollect.ports.in.Worker;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.testing.ManualJobSignals;
import dev.recollect.ports.testing.Outages;
import dev.recollect.ports.testing.PipelineHarness;
import dev.recollect.ports.testing.ScriptedLlm;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobWorkerTest {
    private final PipelineHarness h = new PipelineHarness();
    private final List<ProcessJob.Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final List<Thread> runners = new CopyOnWriteArrayList<>();

    private JobWorker worker(int concurrency) {
        return new JobWorker(
                h.stores.jobs(),
                h.pipeline(),
                new Worker.Settings(
                        "w1", concurrency, Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofSeconds(5)),
                h.clock,
                JobSignals.polling(h.sleeper),
                outcome -> {
                    runners.add(Thread.currentThread());
                    outcomes.add(outcome);
                });
    }

    @Test
    void untilIdleProcessesEveryPendingJob() throws Exception {
        GenerationJob a = h.create(new UserId("ann"), "Tides");
        GenerationJob b = h.create(new UserId("bob"), "Rivers");
        GenerationJob c = h.create(new UserId("cy"), "Lakes");
        // From a thread that is not a daemon, so that the runners' daemon flag is the worker's doing.
        int ran = dev.recollect.ports.testing.NonDaemon.call(() -> {
            try (JobWorker worker = worker(2)) {
                int processed = worker.runUntilIdle();
                assertThat(worker.running()).isEmpty();
                return processed;
            }
        });
        assertThat(ran).isEqualTo(3);
        assertThat(runners).as("jobs run on the worker's own daemon threads").allSatisfy(t -> {
            assertThat(t.isDaemon()).isTrue();
            assertThat(t.getName()).isEqualTo("recollect-job");
        });
        for (GenerationJob job : List.of(a, b, c)) {
            assertThat(h.job(job.id()).status()).isEqualTo(JobStatus.COMPLETED);
        }
        assertThat(outcomes).hasSize(3).allSatisfy(o -> assertThat(o).isInstanceOf(ProcessJob.Outcome.Finished.class));
    }

    @Test
    void closingReleasesTheLeasesOfJobsStillRunning() throws Exception {
        GenerationJob job = h.create(new UserId("ann"), "Tides");
        StreamGate gate = new StreamGate();
        h.llm.phrasingsWithHook(
                List.of(ScriptedLlm.phrasing("First question about tides?"), ScriptedLlm.phrasing("Second one here?")),
                1,
                gate.hook());
        JobWorker worker = new JobWorker(
                h.stores.jobs(),
                h.pipeline(),
                new Worker.Settings("w1", 1, Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ZERO),
                h.clock,
                JobSignals.polling(h.sleeper),
                outcomes::add);
        Thread runner = new Thread(worker::runUntilIdle);
        runner.start();
        assertThat(gate.awaitEntered()).isTrue();
        assertThat(worker.running()).containsKey(job.id());

        worker.close();
        // The lease is released, so another worker may take the job over at once.
        assertThat(h.stores.jobs().claim(1, "w2", Duration.ofSeconds(30), h.clock.instant()))
                .extracting(GenerationJob::id)
                .containsExactly(job.id());
        gate.open();
        runner.join(5000);
        GenerationJob after = h.job(job.id());
        assertThat(after.attempts()).isEqualTo(2);
        assertThat(after.status()).isEqualTo(JobStatus.PROCESSING);
        assertThat(after.questionsSaved())
                .as("the interrupted run stopped at its next checkpoint")
                .isEqualTo(1);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new Worker.Settings(" ", 1, Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Worker.Settings("w", 0, Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Worker.Settings("w", 1, Duration.ofMillis(10), Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Worker.Settings.defaults("w").lease()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void untilStoppedWaitsForSignalsWhenIdleAndEndsWhenClosed() throws Exception {
        ManualJobSignals signals = new ManualJobSignals();
        GenerationJob job = h.create(new UserId("ann"), "Tides");
        JobWorker worker = new JobWorker(
                h.stores.jobs(),
                h.pipeline(),
                new Worker.Settings("w1", 1, Duration.ofSeconds(30), Duration.ofSeconds(7), Duration.ZERO),
                h.clock,
                signals,
                outcomes::add);
        signals.onWait(worker::close);

        worker.runUntilStopped();

        assertThat(h.job(job.id()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(signals.waits()).containsExactly(Duration.ofSeconds(7));
        assertThat(signals.listeners()).as("closing stops listening").isZero();
        worker.close();
    }

    @Test
    void aCancellationSignalInterruptsTheJobAtOnce() throws Exception {
        ManualJobSignals signals = new ManualJobSignals();
        GenerationJob job = h.create(new UserId("ann"), "Tides");
        StreamGate gate = new StreamGate(); // never opened: only the interrupt ends the wait
        h.llm.phrasingsWithHook(List.of(ScriptedLlm.phrasing("A question about the tides?")), 1, gate.hook());
        try (JobWorker worker = new JobWorker(
                h.stores.jobs(), h.pipeline(), Worker.Settings.defaults("w1"), h.clock, signals, outcomes::add)) {
            Thread runner = new Thread(worker::runUntilIdle);
            runner.start();
            assertThat(gate.awaitEntered()).isTrue();
            h.cancel(job);
            signals.cancelled(new JobId(UUID.randomUUID()));
            signals.cancelled(job.id());
            runner.join(10_000);
            assertThat(runner.isAlive()).isFalse();
        }
        assertThat(outcomes).singleElement().isInstanceOfSatisfying(ProcessJob.Outcome.Finished.class, f -> assertThat(
                        f.job().status())
                .isEqualTo(JobStatus.CANCELLED));
    }

    @Test
    void theHeartbeatExtendsTheLeasesOfRunningJobs() throws Exception {
        GenerationJob job = h.create(new UserId("ann"), "Tides");
        StreamGate gate = new StreamGate();
        h.llm.phrasingsWithHook(List.of(ScriptedLlm.phrasing("A question about the tides?")), 1, gate.hook());
        try (JobWorker worker = worker(1)) {
            Thread runner = new Thread(worker::runUntilIdle);
            runner.start();
            assertThat(gate.awaitEntered()).isTrue();
            h.clock.advance(Duration.ofSeconds(20));
            worker.renewLeases();
            h.clock.advance(Duration.ofSeconds(20));
            assertThat(h.stores.jobs().claim(1, "w2", Duration.ofSeconds(30), h.clock.instant()))
                    .as("renewed at 20 s for another 30 s")
                    .isEmpty();
            h.clock.advance(Duration.ofSeconds(11));
            assertThat(h.stores.jobs().claim(1, "w2", Duration.ofSeconds(30), h.clock.instant()))
                    .extracting(GenerationJob::id)
                    .containsExactly(job.id());
            gate.open();
            runner.join(10_000);
        }
    }

    @Test
    void interruptingTheWorkerWhileItWaitsForItsJobsEndsTheRunKeepingTheInterrupt() throws Exception {
        h.create(new UserId("ann"), "Tides");
        StreamGate gate = new StreamGate();
        h.llm.phrasingsWithHook(List.of(ScriptedLlm.phrasing("A question about the tides?")), 1, gate.hook());
        AtomicInteger processed = new AtomicInteger(-1);
        AtomicBoolean interrupted = new AtomicBoolean();
        try (JobWorker worker = worker(1)) {
            Thread runner = new Thread(() -> {
                processed.set(worker.runUntilIdle());
                interrupted.set(Thread.currentThread().isInterrupted());
            });
            runner.start();
            assertThat(gate.awaitEntered()).isTrue();
            runner.interrupt();
            runner.join(10_000);
            assertThat(processed.get()).isEqualTo(1);
            assertThat(interrupted.get()).isTrue();
            gate.open();
        }
    }

    /** Holds a job inside its phrasing stream until opened, so that a test can act while the job runs. */
    private static final class StreamGate {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);

        Runnable hook() {
            return () -> {
                entered.countDown();
                try {
                    opened.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        }

        boolean awaitEntered() throws InterruptedException {
            return entered.await(10, TimeUnit.SECONDS);
        }

        void open() {
            opened.countDown();
        }
    }

    @Test
    void aWorkerWaitsOutAnOutageWhileClaiming() {
        Outages outage = new Outages();
        var stores = outage.wrap(h.stores);
        GenerationJob job = h.create(new UserId("ann"), "Tides");
        outage.down(true);
        AtomicInteger waits = new AtomicInteger();
        h.sleeper.onSleep(() -> {
            if (waits.incrementAndGet() == 7) {
                outage.down(false);
            }
        });
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(JobWorker.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            assertThat(runUntilIdleOver(stores)).isEqualTo(1);
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(h.job(job.id()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(h.sleeper.waits().subList(0, 7))
                .as("a growing backoff, at most 5 s")
                .containsExactly(
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5));
        assertThat(logged.list)
                .as("one line when the outage starts and one when it ends, however many calls failed")
                .extracting(e -> e.getFormattedMessage())
                .containsExactly(
                        "The job store is unreachable; waiting for it to answer again: claim: the store is down",
                        "The job store answers again");
    }

    /** A worker over {@code stores}, waiting with the harness's sleeper, run until idle; how many jobs it ran. */
    private int runUntilIdleOver(dev.recollect.ports.out.Persistence stores) {
        try (JobWorker worker = JobWorkerOutageProperties.workerOver(h, stores, outcomes::add)) {
            return worker.runUntilIdle();
        }
    }
}
