package dev.recollect.ports.service;

import dev.recollect.domain.JobId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.ports.in.ProcessJob;
import dev.recollect.ports.in.Worker;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.Sleeper;
import dev.recollect.ports.out.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs generation jobs from a shared {@link JobStore}: claims up to {@code concurrency} jobs at a time (with
 * {@code FOR UPDATE SKIP LOCKED} in PostgreSQL, so many workers on many machines can share one database), keeps
 * their leases alive with a heartbeat, and processes each with the {@link JobPipeline}. A job whose worker dies is
 * claimed again once its lease expires, and its new attempt fences off the old worker.
 *
 * <p>{@link #close()} shuts down gracefully: it stops claiming, lets running jobs finish for the grace period, then
 * releases the leases of those still running so that another worker can take them over at once.
 *
 * <p>The store going away (a restart, a network cut) is weathered, not fatal: claiming and heartbeats wait for it with
 * a bounded backoff, logged once per outage, and a job interrupted by it is resumed by this worker from what it saved,
 * as long as the worker still holds its lease once the store answers.
 */
public final class JobWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(250);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    private final JobStore jobs;
    private final JobPipeline pipeline;
    private final Worker.Settings settings;
    private final Clock clock;
    private final JobSignals signals;
    private final AutoCloseable cancellations;
    private final Map<JobId, Thread> threads = new ConcurrentHashMap<>();
    private final Consumer<ProcessJob.Outcome> listener;
    private final Map<JobId, Integer> running = new ConcurrentHashMap<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ExecutorService executor;
    private final ScheduledExecutorService heartbeat;
    private final Sleeper sleeper;
    private final Outage outage = new Outage(log, "The job store");

    /**
     * A worker; nothing runs until {@link #runUntilIdle()} or {@link #runUntilStopped()}.
     *
     * @param listener told how each job ended, for progress displays; called from worker threads
     */
    public JobWorker(
            JobStore jobs,
            JobPipeline pipeline,
            Worker.Settings settings,
            Clock clock,
            JobSignals signals,
            Consumer<ProcessJob.Outcome> listener) {
        this(jobs, pipeline, settings, clock, signals, listener, Sleeper.system());
    }

    /**
     * A worker that waits for an unreachable store with {@code sleeper}.
     *
     * @param listener told how each job ended, for progress displays; called from worker threads
     */
    public JobWorker(
            JobStore jobs,
            JobPipeline pipeline,
            Worker.Settings settings,
            Clock clock,
            JobSignals signals,
            Consumer<ProcessJob.Outcome> listener,
            Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.executor = Executors.newFixedThreadPool(settings.concurrency(), daemon("recollect-job"));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("recollect-heartbeat"));
        long every = settings.heartbeat().toMillis();
        heartbeat.scheduleAtFixedRate(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
        this.cancellations = signals.onCancelled(this::interrupt);
    }

    /** A cancelled job's runner is interrupted, so that it stops at once rather than at its next checkpoint. */
    private void interrupt(JobId id) {
        synchronized (threads) {
            Thread thread = threads.get(id);
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    /** Processes jobs until none is claimable; returns how many it processed. */
    public int runUntilIdle() {
        int processed = 0;
        List<GenerationJob> batch;
        while (!stopping.get() && !(batch = claimWhenReachable()).isEmpty()) {
            processed += runAll(batch);
        }
        return processed;
    }

    /** Claims a batch, waiting out an outage of the store; empty when there is nothing to do or the worker stops. */
    private List<GenerationJob> claimWhenReachable() {
        return whenReachable(this::claim).orElse(List.of());
    }

    /**
     * Processes jobs until {@link #close()}; when there is nothing to do it waits for a signal that a job was
     * created, or {@code idlePoll} at most.
     */
    public void runUntilStopped() throws InterruptedException {
        while (!stopping.get()) {
            if (runUntilIdle() == 0 && !stopping.get()) {
                signals.awaitWork(settings.idlePoll());
            }
        }
    }

    private List<GenerationJob> claim() {
        return jobs.claim(settings.concurrency(), settings.workerId(), settings.lease(), clock.instant());
    }

    /**
     * Calls the store until it answers, waiting out an outage with a growing backoff; empty when the worker stops (or
     * its thread is interrupted) first.
     */
    private <T> Optional<T> whenReachable(Supplier<T> call) {
        Duration wait = FIRST_WAIT;
        while (!stopping.get() && !Thread.currentThread().isInterrupted()) {
            try {
                T answer = call.get();
                outage.answered();
                return Optional.of(answer);
            } catch (StoreUnavailableException e) {
                outage.failed(e);
                if (!pause(wait)) {
                    break;
                }
                wait = longer(wait);
            }
        }
        return Optional.empty();
    }

    private int runAll(List<GenerationJob> batch) {
        List<Future<?>> futures = new ArrayList<>();
        for (GenerationJob job : batch) {
            running.put(job.id(), job.attempts());
            futures.add(executor.submit(() -> runOne(job)));
        }
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return futures.size();
            } catch (java.util.concurrent.ExecutionException e) {
                log.error("A job runner failed", e.getCause());
            }
        }
        return futures.size();
    }

    private void runOne(GenerationJob job) {
        threads.put(job.id(), Thread.currentThread());
        try {
            ProcessJob.Outcome outcome = pipeline.run(job);
            while (interrupted(outcome) && !stopping.get()) {
                Optional<GenerationJob> resumable = awaitStore(job);
                if (resumable.isEmpty()) {
                    break;
                }
                log.info("Job {}: resuming attempt {} after the store came back", job.id(), job.attempts());
                outcome = pipeline.run(resumable.get());
            }
            listener.accept(outcome);
        } finally {
            synchronized (threads) {
                threads.remove(job.id());
                // An interrupt meant for this job must not reach the next job on this thread.
                Thread.interrupted();
            }
            running.remove(job.id());
        }
    }

    /**
     * Waits until the store answers, then returns the job as saved if this worker still holds it at the same attempt
     * (its lease renewed); empty when another worker took it over meanwhile, it ended, or this worker stops.
     */
    private Optional<GenerationJob> awaitStore(GenerationJob interrupted) {
        return whenReachable(() -> {
                    Instant until = clock.instant().plus(settings.lease());
                    return jobs.renewLease(interrupted.id(), interrupted.attempts(), settings.workerId(), until)
                            ? jobs.find(interrupted.id())
                                    .filter(job -> job.attempts() == interrupted.attempts()
                                            && !job.status().isTerminal())
                            : Optional.<GenerationJob>empty();
                })
                .flatMap(job -> job);
    }

    private static boolean interrupted(ProcessJob.Outcome outcome) {
        return outcome.fold(finished -> false, missing -> false, superseded -> false, interrupted -> true);
    }

    /** Waits for {@code duration}; false when interrupted, which means the worker is stopping or the job cancelled. */
    private boolean pause(Duration duration) {
        try {
            sleeper.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration longer(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : doubled;
    }

    /** The heartbeat: extends the lease of every job running here. Package-private so that tests can beat it. */
    void renewLeases() {
        var until = clock.instant().plus(settings.lease());
        running.forEach((id, attempt) -> {
            try {
                // A job another worker took over is simply not renewed; its run stops at its next fenced write.
                jobs.renewLease(id, attempt, settings.workerId(), until);
                outage.answered();
            } catch (StoreUnavailableException e) {
                outage.failed(e);
            } catch (RuntimeException e) {
                log.warn("Could not renew the lease of job {}", id, e);
            }
        });
    }

    /** The jobs running now, with the attempt each runs. */
    public Map<JobId, Integer> running() {
        return Map.copyOf(running);
    }

    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(settings.gracePeriod().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} jobs still running after the grace period; releasing them", running.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.forEach((id, attempt) -> {
            try {
                jobs.releaseLease(id, attempt, settings.workerId());
            } catch (RuntimeException e) {
                // Unreleased, the lease simply runs out and another worker rescues the job then.
                log.warn("Could not release the lease of job {}: {}", id, e.getMessage());
            }
        });
        executor.shutdownNow();
        heartbeat.shutdownNow();
        try {
            cancellations.close();
        } catch (Exception e) {
            log.debug("Could not stop listening for cancellations", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
