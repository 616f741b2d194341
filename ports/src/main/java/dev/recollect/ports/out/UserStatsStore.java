package dev.recollect.ports.out;

import dev.recollect.domain.UserId;
import dev.recollect.domain.stats.Reconciliation;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.domain.stats.UserStats;
import java.time.Instant;

/** Per-user counters. */
public interface UserStatsStore {
    /** The user's counters; all zero for a user who has none yet. */
    UserStats get(UserId userId);

    /** Adds {@code delta} to the user's counters, each floored at zero, creating them if needed. */
    UserStats apply(UserId userId, StatsDelta delta, Instant now);

    /**
     * Recounts the user's counters from their concepts and stores the result, serialised with every write that
     * applies a delta, so that a recount never loses a concurrent change.
     *
     * @return the counters before and after, and what is due at {@code now}
     */
    Reconciliation reconcile(UserId userId, Instant now);
}
