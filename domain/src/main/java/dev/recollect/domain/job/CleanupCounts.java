package dev.recollect.domain.job;

import dev.recollect.domain.DomainException;

/**
 * What one cleanup deleted: the terminal jobs past their retention, by status.
 *
 * @param completed completed jobs deleted
 * @param failed failed jobs deleted
 * @param cancelled cancelled jobs deleted
 */
public record CleanupCounts(int completed, int failed, int cancelled) {
    /** Requires counts of zero or more. */
    public CleanupCounts {
        if (completed < 0 || failed < 0 || cancelled < 0) {
            throw new DomainException("cleanup counts are never negative");
        }
    }

    /** All jobs deleted. */
    public int total() {
        return completed + failed + cancelled;
    }
}
