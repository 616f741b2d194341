package dev.recollect.domain.stats;

import dev.recollect.domain.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A user's cached counters, kept by deltas on every write. Every counter stays at or above zero.
 *
 * <p>What is due is not cached: it changes with the clock, not with writes, so a cached "due now" is stale the moment
 * a card's due time passes (the reference app's stale badge). {@link DueSnapshot} counts it at read time instead.
 *
 * @param userId the user
 * @param totalCards active concepts
 * @param newCount active concepts in state New
 * @param learningCount active concepts in Learning or Relearning
 * @param matureCount active concepts in Review
 * @param lastCalculated when the counters last changed; {@code null} if never
 */
public record UserStats(
        UserId userId, int totalCards, int newCount, int learningCount, int matureCount, Instant lastCalculated) {

    /** Checks the required fields. */
    public UserStats {
        Objects.requireNonNull(userId, "userId");
    }

    /** A user without counters yet. */
    public static UserStats empty(UserId userId) {
        return new UserStats(userId, 0, 0, 0, 0, null);
    }

    /** Counters equal to {@code totals} (a recount read from zero), as of {@code now}. */
    public static UserStats of(UserId userId, StatsDelta totals, Instant now) {
        return empty(userId).apply(totals, now);
    }

    /** These counters after {@code delta}, each floored at zero. */
    public UserStats apply(StatsDelta delta, Instant now) {
        return new UserStats(
                userId,
                Math.max(0, totalCards + delta.totalCards()),
                Math.max(0, newCount + delta.newCount()),
                Math.max(0, learningCount + delta.learningCount()),
                Math.max(0, matureCount + delta.matureCount()),
                now);
    }

    /** The counters as a delta from zero. */
    public StatsDelta totals() {
        return new StatsDelta(totalCards, newCount, learningCount, matureCount);
    }
}
