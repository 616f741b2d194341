package dev.recollect.ports.service;

import dev.recollect.domain.job.GenerationJob;
import dev.recollect.ports.in.CleanupJobs;
import dev.recollect.ports.in.ProcessJob;
import dev.recollect.ports.in.Worker;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.Persistence;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Worker} over a {@link Persistence}: a {@link JobWorker} with signals of its own (opened here, closed on
 * close) and, while it runs until closed, the {@link Housekeeper}. What {@code Recollect.worker(...)} returns.
 */
public final class BackgroundWorker implements Worker {
    private static final Logger log = LoggerFactory.getLogger(BackgroundWorker.class);

    private enum State {
        NEW,
        RUNNING,
        IDLE_RUN,
        CLOSED
    }

    private final Persistence persistence;
    private final JobSignals signals;
    private final JobWorker worker;
    private final Duration housekeepingEvery;
    private final CleanupJobs cleanup;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile Thread background;

    /**
     * A worker that has not started.
     *
     * @param housekeepingEvery how often the housekeeping runs while the worker runs until closed; zero for never
     * @param listener told how each job ended, from worker threads
     */
    public BackgroundWorker(
            Persistence persistence,
            JobPipeline pipeline,
            Worker.Settings settings,
            Duration housekeepingEvery,
            CleanupJobs cleanup,
            Clock clock,
            Consumer<ProcessJob.Outcome> listener) {
        this.persistence = Objects.requireNonNull(persistence, "persistence");
        this.housekeepingEvery = Objects.requireNonNull(housekeepingEvery, "housekeepingEvery");
        if (housekeepingEvery.isNegative()) {
            throw new IllegalArgumentException("the housekeeping interval must be >= 0, got " + housekeepingEvery);
        }
        this.cleanup = Objects.requireNonNull(cleanup, "cleanup");
        this.signals = persistence.openSignals();
        try {
            this.worker = new JobWorker(persistence.jobs(), pipeline, settings, clock, signals, listener);
        } catch (RuntimeException e) {
            signals.close();
            throw e;
        }
    }

    @Override
    public void start() {
        enter(State.RUNNING, "start");
        Thread thread = new Thread(
                () -> {
                    try {
                        runWithHousekeeping();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        log.error("The worker stopped on an unexpected failure", e);
                    }
                },
                "recollect-worker");
        thread.setDaemon(true);
        background = thread;
        thread.start();
    }

    @Override
    public void runUntilClosed() throws InterruptedException {
        enter(State.RUNNING, "run until closed");
        try {
            runWithHousekeeping();
        } catch (InterruptedException e) {
            close();
            throw e;
        }
    }

    // "try": the housekeeper runs for the block on its own thread, never read inside it.
    @SuppressWarnings("try")
    private void runWithHousekeeping() throws InterruptedException {
        try (Housekeeper housekeeping = Housekeeper.every(housekeepingEvery, cleanup, persistence.exclusiveLocks())) {
            worker.runUntilStopped();
        }
    }

    @Override
    public int runUntilIdle() {
        enter(State.IDLE_RUN, "run until idle");
        try {
            return worker.runUntilIdle();
        } finally {
            state.compareAndSet(State.IDLE_RUN, State.NEW);
        }
    }

    private void enter(State next, String what) {
        if (!state.compareAndSet(State.NEW, next)) {
            throw new IllegalStateException("cannot " + what + ": the worker is " + describe(state.get()));
        }
    }

    private static String describe(State state) {
        return switch (state) {
            case NEW -> "ready";
            case RUNNING -> "running already";
            case IDLE_RUN -> "running until idle";
            case CLOSED -> "closed";
        };
    }

    @Override
    public List<GenerationJob> running() {
        return worker.running().keySet().stream()
                .map(id -> persistence.jobs().find(id))
                .flatMap(Optional::stream)
                .toList();
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) == State.CLOSED) {
            return;
        }
        try {
            worker.close();
            Thread thread = background;
            if (thread != null) {
                // Wakes the thread if it is waiting for work; the worker is stopping, so it returns.
                thread.interrupt();
                thread.join(Duration.ofSeconds(5).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            signals.close();
        }
    }
}
