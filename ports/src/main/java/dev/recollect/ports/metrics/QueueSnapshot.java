package dev.recollect.ports.metrics;

import dev.recollect.domain.job.WorkerActivity;
import dev.recollect.ports.out.JobReports;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue as the gauges see it: read from the store at most once per refresh interval, because a registry may be
 * scraped often and by several backends. A failed read shows as NaN, which registries report as "no value", rather
 * than as a stale figure.
 */
final class QueueSnapshot {
    private static final Logger log = LoggerFactory.getLogger(QueueSnapshot.class);

    private final JobReports jobs;
    private final Clock clock;
    private final Duration refresh;
    private Instant readAt;
    private WorkerActivity activity;

    QueueSnapshot(JobReports jobs, Clock clock, Duration refresh) {
        this.jobs = jobs;
        this.clock = clock;
        this.refresh = refresh;
    }

    synchronized double depth() {
        WorkerActivity now = current();
        return now == null ? Double.NaN : now.pending();
    }

    synchronized double oldestAgeSeconds() {
        WorkerActivity now = current();
        if (now == null) {
            return Double.NaN;
        }
        if (now.oldestPending() == null) {
            return 0;
        }
        return Math.max(0, Duration.between(now.oldestPending(), readAt).toMillis() / 1000.0);
    }

    private WorkerActivity current() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(refresh))) {
            readAt = now;
            try {
                activity = jobs.workerActivity(now);
            } catch (RuntimeException e) {
                log.warn("Could not read the job queue for its gauges: {}", e.toString());
                activity = null;
            }
        }
        return activity;
    }
}
