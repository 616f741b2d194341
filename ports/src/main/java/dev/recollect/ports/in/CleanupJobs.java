package dev.recollect.ports.in;

import dev.recollect.domain.job.CleanupCounts;

/**
 * Housekeeping: deletes finished jobs past their retention (by default completed and cancelled after 7 days, failed
 * after 30) and forgets rate-limit admissions older than the window, so that nothing grows without bound.
 */
public interface CleanupJobs {
    /** Deletes what has expired now; returns the counts. */
    Result cleanup();

    /**
     * What a cleanup deleted.
     *
     * @param jobs the jobs, by status
     * @param admissions the rate-limit admissions older than the window
     */
    record Result(CleanupCounts jobs, int admissions) {}
}
