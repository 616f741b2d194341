package dev.recollect.domain.stats;

import java.util.Objects;

/**
 * The counters before and after a recount from the user's concepts.
 *
 * @param before the cached counters as they were
 * @param after the recounted counters, now stored
 * @param due what is due, counted at the same instant (see {@link DueSnapshot}; it is never cached, so never drifts)
 */
public record Reconciliation(UserStats before, UserStats after, DueSnapshot due) {
    /** Checks the fields. */
    public Reconciliation {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(due, "due");
    }

    /** The drift of each counter: recounted minus cached. */
    public StatsDelta drift() {
        return after.totals().minus(before.totals());
    }

    /** Whether any counter had drifted. */
    public boolean drifted() {
        return !drift().isEmpty();
    }
}
