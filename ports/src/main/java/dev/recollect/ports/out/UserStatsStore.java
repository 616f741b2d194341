package dev.recollect.ports.out;

import dev.recollect.domain.UserId;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.domain.stats.UserStats;
import java.time.Instant;

/** Per-user counters. */
public interface UserStatsStore {
    /** The user's counters; all zero for a user who has none yet. */
    UserStats get(UserId userId);

    /** Adds {@code delta} to the user's counters, each floored at zero, creating them if needed. */
    UserStats apply(UserId userId, StatsDelta delta, Instant now);
}
