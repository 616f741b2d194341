package dev.recollect.domain.stats;

import java.util.Objects;

/**
 * A user's counters and what is due, with the reference's derived due counts.
 *
 * @param counters the cached counters
 * @param due what is due at the instant of reading
 */
public record StatsSnapshot(UserStats counters, DueSnapshot due) {
    /** Checks the fields. */
    public StatsSnapshot {
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(due, "due");
    }

    /** Due cards that are not new, as the reference's {@code getDueCount}: {@code max(dueNow - new, 0)}. */
    public int dueCount() {
        return Math.max(due.dueNowCount() - counters.newCount(), 0);
    }

    /** New cards. */
    public int newCount() {
        return counters.newCount();
    }

    /** {@link #dueCount()} plus {@link #newCount()}. */
    public int totalReviewable() {
        return dueCount() + newCount();
    }
}
