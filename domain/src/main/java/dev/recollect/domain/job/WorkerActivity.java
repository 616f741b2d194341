package dev.recollect.domain.job;

import dev.recollect.domain.DomainException;
import java.time.Duration;
import java.time.Instant;

/**
 * The workers' traces in the store.
 *
 * @param liveLeases processing jobs whose lease runs at least until {@code now}
 * @param pending jobs waiting for a worker
 * @param oldestPending when the oldest of them was created; {@code null} if none
 * @param lastFinished when a worker last completed or failed a job; {@code null} if never
 */
public record WorkerActivity(int liveLeases, int pending, Instant oldestPending, Instant lastFinished) {
    /** Requires counts of zero or more, and the oldest pending job exactly when some are pending. */
    public WorkerActivity {
        if (liveLeases < 0 || pending < 0) {
            throw new DomainException("worker activity counts are never negative");
        }
        if ((pending == 0) != (oldestPending == null)) {
            throw new DomainException("the oldest pending job is known exactly when some are pending");
        }
    }

    /**
     * Whether jobs look abandoned at {@code now}: none runs under a live lease, the oldest pending job has waited
     * longer than {@code patience}, and no worker finished a job within it either. A worker busy on long jobs, or one
     * that just finished, is not alarming; work piling up with no sign of any worker is.
     */
    public boolean unattended(Instant now, Duration patience) {
        if (liveLeases > 0 || pending == 0) {
            return false;
        }
        Instant since = now.minus(patience);
        return oldestPending.isBefore(since) && (lastFinished == null || lastFinished.isBefore(since));
    }
}
