package dev.recollect.ports.service;

import dev.recollect.domain.JobId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.ports.in.ProcessJob;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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
 */
public final class JobWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

    private final JobStore jobs;
    private final JobPipeline pipeline;
    private final Settings settings;
    private final Clock clock;
    private final JobSignals signals;
    private final AutoCloseable cancellations;
    private final Map<JobId, Thread> threads = new ConcurrentHashMap<>();
    private final Consumer<ProcessJob.Outcome> listener;
    private final Map<JobId, Integer> running = new ConcurrentHashMap<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ExecutorService executor;
    private final ScheduledExecutorService heartbeat;

    /**
     * How a worker behaves.
     *
     * @param workerId the name this worker claims under; unique among live workers
     * @param concurrency how many jobs it runs at once
     * @param lease how long a claim lasts without a heartbeat
     * @param idlePoll how long to wait between claims when there was nothing to do
     * @param gracePeriod how long {@link #close()} waits for running jobs
     */
    public record Settings(String workerId, int concurrency, Duration lease, Duration idlePoll, Duration gracePeriod) {
        /** Checks the values. */
        public Settings {
            Objects.requireNonNull(workerId, "workerId");
            if (workerId.isBlank() || concurrency < 1 || lease.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException(
                        "a worker needs an id, a concurrency of at least 1 and a lease of at least 1 second");
            }
            Objects.requireNonNull(idlePoll, "idlePoll");
            Objects.requireNonNull(gracePeriod, "gracePeriod");
        }

        /** One job at a time, a 30-second lease, polling every second, a 30-second grace period. */
        public static Settings defaults(String workerId) {
            return new Settings(workerId, 1, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(30));
        }
    }

    /**
     * A worker; nothing runs until {@link #runUntilIdle()} or {@link #runUntilStopped()}.
     *
     * @param listener told how each job ended, for progress displays; called from worker threads
     */
    public JobWorker(
            JobStore jobs,
            JobPipeline pipeline,
            Settings settings,
            Clock clock,
            JobSignals signals,
            Consumer<ProcessJob.Outcome> listener) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.executor = Executors.newFixedThreadPool(settings.concurrency(), daemon("recollect-job"));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("recollect-heartbeat"));
        long every = Math.max(1, settings.lease().toMillis() / 3);
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
        while (!stopping.get() && !(batch = claim()).isEmpty()) {
            processed += runAll(batch);
        }
        return processed;
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
            listener.accept(pipeline.run(job));
        } finally {
            synchronized (threads) {
                threads.remove(job.id());
                // An interrupt meant for this job must not reach the next job on this thread.
                Thread.interrupted();
            }
            running.remove(job.id());
        }
    }

    /** The heartbeat: extends the lease of every job running here. Package-private so that tests can beat it. */
    void renewLeases() {
        var until = clock.instant().plus(settings.lease());
        running.forEach((id, attempt) -> {
            try {
                // A job another worker took over is simply not renewed; its run stops at its next fenced write.
                jobs.renewLease(id, attempt, settings.workerId(), until);
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
        running.forEach((id, attempt) -> jobs.releaseLease(id, attempt, settings.workerId()));
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
