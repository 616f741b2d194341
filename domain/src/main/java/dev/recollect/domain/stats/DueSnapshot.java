package dev.recollect.domain.stats;

import java.time.Instant;
import java.util.Objects;

/**
 * What is due for a user at one instant. {@code dueNowCount} is exactly the number of the user's active concepts
 * whose due time is at or before {@code asOf}; new concepts count, since a new concept is due when created. Both the
 * stats view and the reconciliation count it with this definition, at read time.
 *
 * @param asOf the instant
 * @param dueNowCount active concepts due at or before {@code asOf}
 * @param nextReviewTime the earliest due time after {@code asOf} among active concepts; {@code null} if none
 */
public record DueSnapshot(Instant asOf, int dueNowCount, Instant nextReviewTime) {
    /** Checks the fields. */
    public DueSnapshot {
        Objects.requireNonNull(asOf, "asOf");
        if (dueNowCount < 0) {
            throw new IllegalArgumentException("dueNowCount must be >= 0, got " + dueNowCount);
        }
    }
}
