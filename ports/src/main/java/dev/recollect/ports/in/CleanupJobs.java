package dev.recollect.ports.in;

import dev.recollect.ports.out.JobStore;

/** Deletes finished jobs past their retention: completed and cancelled after 7 days, failed after 30. */
public interface CleanupJobs {
    /** Deletes what has expired now; returns the counts. */
    JobStore.CleanupCounts cleanup();
}
