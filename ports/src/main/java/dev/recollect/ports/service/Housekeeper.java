package dev.recollect.ports.service;

import dev.recollect.ports.in.CleanupJobs;
import dev.recollect.ports.out.ExclusiveLocks;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the job cleanup every so often next to a worker, so that nothing grows without bound: expired jobs and old
 * rate-limit admissions go, in bounded batches. Among many workers one does it at a time, under an exclusive lock;
 * the others skip their turn. A failed round is logged and the next one tries again.
 */
public final class Housekeeper implements AutoCloseable {
    /** The name of the lock that keeps rounds apart, shared by every process of a deployment. */
    public static final String LOCK = "recollect:housekeeping";

    private static final Logger log = LoggerFactory.getLogger(Housekeeper.class);

    private final CleanupJobs cleanup;
    private final ExclusiveLocks locks;
    private final ScheduledExecutorService schedule;

    /** A housekeeper that has not started; {@link #every} starts one. */
    private Housekeeper(CleanupJobs cleanup, ExclusiveLocks locks, ScheduledExecutorService schedule) {
        this.cleanup = Objects.requireNonNull(cleanup, "cleanup");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.schedule = schedule;
    }

    /**
     * Starts rounds every {@code interval}, the first after one interval; a zero interval starts none.
     *
     * @throws IllegalArgumentException for a negative interval
     */
    public static Housekeeper every(Duration interval, CleanupJobs cleanup, ExclusiveLocks locks) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the housekeeping interval must be >= 0, got " + interval);
        }
        if (interval.isZero()) {
            return new Housekeeper(cleanup, locks, null);
        }
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "recollect-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        Housekeeper housekeeper = new Housekeeper(cleanup, locks, schedule);
        long millis = interval.toMillis();
        schedule.scheduleWithFixedDelay(housekeeper::round, millis, millis, TimeUnit.MILLISECONDS);
        return housekeeper;
    }

    /** One round, now: returns whether this process did it (false when another process holds the lock). */
    public boolean round() {
        try {
            return locks.runExclusively(LOCK, () -> {
                CleanupJobs.Result result = cleanup.cleanup();
                log.info(
                        "Housekeeping: deleted {} expired jobs ({} completed, {} failed, {} cancelled) and {} old"
                                + " rate-limit admissions",
                        result.jobs().total(),
                        result.jobs().completed(),
                        result.jobs().failed(),
                        result.jobs().cancelled(),
                        result.admissions());
            });
        } catch (RuntimeException e) {
            log.warn("Housekeeping failed; the next round tries again: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }
}
