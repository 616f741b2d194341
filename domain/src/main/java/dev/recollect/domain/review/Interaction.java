package dev.recollect.domain.review;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.InteractionId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Rating;
import dev.recollect.domain.fsrs.State;
import java.time.Instant;
import java.util.Objects;

/**
 * One recorded answer, with the schedule it produced. The reference app keeps the session both at the top level and
 * in a context object; here the context's fields are columns, and {@link #context()} gives the reference's shape.
 *
 * @param id the interaction's id
 * @param userId who answered
 * @param conceptId the concept reviewed
 * @param phrasingId the phrasing answered
 * @param userAnswer the answer given
 * @param correct whether it was right
 * @param rating the rating FSRS received; {@code null} for answers recorded before ratings were kept (schema
 *     version 11)
 * @param attemptedAt when
 * @param sessionId the study session; {@code null} if none
 * @param timeSpentMs how long it took; {@code null} if unknown
 * @param retry whether the same phrasing was already answered in this session
 * @param scheduledDays the interval the answer produced, in days
 * @param nextReview when the concept is next due
 * @param fsrsState the concept's state after the answer
 */
public record Interaction(
        InteractionId id,
        UserId userId,
        ConceptId conceptId,
        PhrasingId phrasingId,
        String userAnswer,
        boolean correct,
        Rating rating,
        Instant attemptedAt,
        String sessionId,
        Integer timeSpentMs,
        boolean retry,
        int scheduledDays,
        Instant nextReview,
        State fsrsState) {

    /** Checks the required fields. */
    public Interaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(conceptId, "conceptId");
        Objects.requireNonNull(phrasingId, "phrasingId");
        Objects.requireNonNull(userAnswer, "userAnswer");
        Objects.requireNonNull(attemptedAt, "attemptedAt");
        Objects.requireNonNull(nextReview, "nextReview");
        Objects.requireNonNull(fsrsState, "fsrsState");
        if (rating == Rating.MANUAL) {
            throw new DomainException("an answer's rating is 1 (Again) to 4 (Easy), never manual");
        }
    }

    /** This answer as the optimizer reads a learner's history. */
    public PastReview past() {
        return PastReview.of(conceptId, attemptedAt, rating, correct, fsrsState);
    }

    /**
     * The reference's context object: {@code sessionId, isRetry, scheduledDays, nextReview, fsrsState}.
     *
     * @param sessionId the session; {@code null} if none
     * @param isRetry whether it was a retry
     * @param scheduledDays the interval in days
     * @param nextReview the next due time
     * @param fsrsState the state after the answer
     */
    public record Context(String sessionId, boolean isRetry, int scheduledDays, Instant nextReview, State fsrsState) {}

    /** This interaction's context, as the reference stores it. */
    public Context context() {
        return new Context(sessionId, retry, scheduledDays, nextReview, fsrsState);
    }
}
