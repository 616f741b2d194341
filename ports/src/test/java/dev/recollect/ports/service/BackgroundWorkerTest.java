package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.recollect.domain.UserId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.ports.in.ProcessJob;
import dev.recollect.ports.in.Worker;
import dev.recollect.ports.out.ExclusiveLocks;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.testing.PipelineHarness;
import dev.recollect.ports.testing.Proxies;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A worker with its own signals and housekeeping: how it starts, runs, reports and stops. */
class BackgroundWorkerTest {
    private final PipelineHarness h = new PipelineHarness();
    private final List<ProcessJob.Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final AtomicInteger rounds = new AtomicInteger();
    private final CountDownLatch housekept = new CountDownLatch(1);

    /** Counts the housekeeping rounds the worker runs, under the real locks. */
    private Persistence counting() {
        ExclusiveLocks locks = Proxies.around(ExclusiveLocks.class, h.stores.exclusiveLocks(), call -> {
            rounds.incrementAndGet();
            housekept.countDown();
            return call.proceed();
        });
        return Proxies.around(
                Persistence.class, h.stores, call -> call.name().equals("exclusiveLocks") ? locks : call.proceed());
    }

    private BackgroundWorker worker(Duration housekeeping) {
        return new BackgroundWorker(
                counting(),
                h.pipeline(),
                new Worker.Settings("bg", 2, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(5)),
                housekeeping,
                h.jobs,
                h.clock,
                outcomes::add);
    }

    @Test
    void runningUntilIdleProcessesEveryJobReportsEachAndRunsNoHousekeeping() {
        GenerationJob a = h.create(new UserId("ann"), "Tides");
        GenerationJob b = h.create(new UserId("bob"), "Rivers");

        try (BackgroundWorker worker = worker(Duration.ofMillis(1))) {
            assertThat(worker.runUntilIdle()).isEqualTo(2);
            assertThat(worker.runUntilIdle()).as("it may run again").isZero();
            assertThat(worker.running()).isEmpty();
        }

        assertThat(h.job(a.id()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(h.job(b.id()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(outcomes).hasSize(2).allMatch(o -> o instanceof ProcessJob.Outcome.Finished);
        assertThat(rounds).hasValue(0);
    }

    @Test
    void runningUntilClosedHousekeepsAndStopsWhenClosedFromAnotherThread() throws Exception {
        GenerationJob job = h.create(new UserId("ann"), "Tides");
        CountDownLatch idle = new CountDownLatch(1);
        h.stores.signals().onWait(idle::countDown);
        BackgroundWorker worker = worker(Duration.ofMillis(5));

        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            try {
                worker.runUntilClosed();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(idle.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(housekept.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(h.job(job.id()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThatIllegalStateException()
                .isThrownBy(worker::runUntilClosed)
                .withMessage("cannot run until closed: the worker is running already");
        worker.close();
        run.get(30, TimeUnit.SECONDS);
        assertThatIllegalStateException()
                .isThrownBy(worker::runUntilIdle)
                .withMessage("cannot run until idle: the worker is closed");
        assertThat(h.stores.signals().listeners()).isZero();
    }

    @Test
    void aThreadInterruptedWhileRunningUntilClosedStopsTheWorker() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        h.stores.signals().onWait(() -> {
            waiting.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        BackgroundWorker worker = worker(Duration.ZERO);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                worker.runUntilClosed();
                interrupted.complete(false);
            } catch (InterruptedException e) {
                interrupted.complete(true);
            }
        });
        thread.start();
        assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();

        thread.interrupt();

        assertThat(interrupted.get(30, TimeUnit.SECONDS)).isTrue();
        assertThatIllegalStateException().isThrownBy(worker::start).withMessageContaining("closed");
        assertThat(h.stores.signals().listeners()).isZero();
    }

    @Test
    void runningJobsAreReadFreshFromTheStore() throws Exception {
        GenerationJob job = h.create(new UserId("ann"), "Tides");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        h.llm.conceptsWithHook(() -> {
            inside.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (BackgroundWorker worker = worker(Duration.ZERO)) {
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(worker::runUntilIdle);
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(worker.running()).singleElement().satisfies(running -> {
                assertThat(running.id()).isEqualTo(job.id());
                assertThat(running.status()).isEqualTo(JobStatus.PROCESSING);
            });
            assertThatIllegalStateException()
                    .isThrownBy(worker::start)
                    .withMessage("cannot start: the worker is running until idle");
            release.countDown();
            assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    @Test
    void aNegativeHousekeepingIntervalIsRefused_andClosingTwiceIsHarmless() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> worker(Duration.ofMillis(-1)))
                .withMessageContaining("housekeeping interval must be >= 0");
        BackgroundWorker worker = worker(Duration.ZERO);
        worker.close();
        worker.close();
        assertThat(h.stores.signals().listeners()).isZero();
    }
}
