package dev.recollect.domain.review;

import dev.recollect.domain.DomainException;
import dev.recollect.domain.Texts;
import dev.recollect.domain.fsrs.Rating;

/**
 * A learner's answer to a phrasing.
 *
 * @param userAnswer what the learner answered
 * @param correct whether it was right
 * @param explicitRating the learner's own rating; {@code null} to derive it from {@code correct}
 * @param timeSpentMs how long the answer took; {@code null} if unknown
 * @param sessionId the study session; {@code null} if none
 */
public record Answer(String userAnswer, boolean correct, Rating explicitRating, Integer timeSpentMs, String sessionId) {
    /** The longest session id kept. */
    public static final int MAX_SESSION_ID = 200;

    /** Checks the fields; the messages name them. */
    public Answer {
        if (userAnswer == null) {
            throw new DomainException("userAnswer must not be null");
        }
        if (!Texts.storable(userAnswer)) {
            throw new DomainException(
                    "answer must not hold NUL or an unpaired surrogate, got " + Texts.quoted(userAnswer));
        }
        if (explicitRating == Rating.MANUAL) {
            throw new DomainException("rating must be 1 (Again) to 4 (Easy)");
        }
        if (timeSpentMs != null && timeSpentMs < 0) {
            throw new DomainException("timeSpentMs must be >= 0, got " + timeSpentMs);
        }
        if (sessionId != null
                && (sessionId.isBlank() || sessionId.length() > MAX_SESSION_ID || !Texts.storable(sessionId))) {
            throw new DomainException("sessionId must be 1 to " + MAX_SESSION_ID + " characters and not blank");
        }
    }

    /** The rating FSRS receives: the explicit one, else Good when correct and Again when wrong, as the reference. */
    public Rating rating() {
        return explicitRating != null ? explicitRating : referenceRating(correct);
    }

    /** The reference's rating of an answer it was not told a rating for: Good when right, Again when wrong. */
    public static Rating referenceRating(boolean correct) {
        return correct ? Rating.GOOD : Rating.AGAIN;
    }
}
