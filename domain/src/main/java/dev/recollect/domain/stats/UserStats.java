package dev.recollect.domain.stats;

import dev.recollect.domain.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A user's cached counters. Every counter stays at or above zero.
 *
 * @param userId the user
 * @param totalCards active concepts
 * @param newCount concepts in state New
 * @param learningCount concepts in Learning or Relearning
 * @param matureCount concepts in Review
 * @param dueNowCount concepts due at {@code lastCalculated}
 * @param nextReviewTime the earliest due date in the future, if known; {@code null} otherwise
 * @param lastCalculated when the counters last changed
 */
public record UserStats(
        UserId userId,
        int totalCards,
        int newCount,
        int learningCount,
        int matureCount,
        int dueNowCount,
        Instant nextReviewTime,
        Instant lastCalculated) {

    /** Checks the required fields. */
    public UserStats {
        Objects.requireNonNull(userId, "userId");
    }

    /** A user without counters yet. */
    public static UserStats empty(UserId userId) {
        return new UserStats(userId, 0, 0, 0, 0, 0, null, null);
    }

    /** These counters after {@code delta}, each floored at zero. */
    public UserStats apply(StatsDelta delta, Instant now) {
        return new UserStats(
                userId,
                Math.max(0, totalCards + delta.totalCards()),
                Math.max(0, newCount + delta.newCount()),
                Math.max(0, learningCount + delta.learningCount()),
                Math.max(0, matureCount + delta.matureCount()),
                Math.max(0, dueNowCount + delta.dueNowCount()),
                nextReviewTime,
                now);
    }
}
