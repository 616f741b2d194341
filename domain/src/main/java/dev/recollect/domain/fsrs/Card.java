package dev.recollect.domain.fsrs;

import dev.recollect.domain.DomainException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A card's scheduling state, as ts-fsrs keeps it.
 *
 * @param due when the card is next due
 * @param stability days for retrievability to fall to 90%; 0 on a new card
 * @param difficulty 1 to 10; 0 on a new card
 * @param elapsedDays UTC calendar days between the last two reviews (deprecated in ts-fsrs, kept for parity)
 * @param scheduledDays the interval given at the last review, in days
 * @param learningSteps the index of the current (re)learning step
 * @param reps how many reviews the card has had
 * @param lapses how many times it was forgotten from Review
 * @param state where the card is in its life
 * @param lastReview when it was last reviewed; {@code null} when never (see {@link #lastReviewed()})
 */
public record Card(
        Instant due,
        double stability,
        double difficulty,
        int elapsedDays,
        int scheduledDays,
        int learningSteps,
        int reps,
        int lapses,
        State state,
        Instant lastReview) {
    /**
     * The least stability of a card with a memory state (ts-fsrs's {@code S_MIN}): the scheduler refuses to review a
     * card below it, so nothing that stores a card may hold less.
     */
    public static final double MIN_STABILITY = 0.001;

    /** Checks what a card must satisfy; the messages name the field. */
    public Card {
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(state, "state");
        if (!(stability >= 0) || Double.isInfinite(stability)) {
            throw new DomainException("stability must be a finite number >= 0, got " + stability);
        }
        if (!(difficulty >= 0) || Double.isInfinite(difficulty)) {
            throw new DomainException("difficulty must be a finite number >= 0, got " + difficulty);
        }
        // scheduledDays may be negative: ts-fsrs's reschedule gives a card due before "now" a negative interval.
        if ((elapsedDays | learningSteps | reps | lapses) < 0) {
            throw new DomainException("elapsedDays, learningSteps, reps and lapses must be >= 0");
        }
    }

    /** A card that has never been reviewed, due at {@code now}, as ts-fsrs's {@code createEmptyCard}. */
    public static Card empty(Instant now) {
        return new Card(Scheduler.millis(now), 0, 0, 0, 0, 0, 0, 0, State.NEW, null);
    }

    /** When the card was last reviewed, if ever. */
    public Optional<Instant> lastReviewed() {
        return Optional.ofNullable(lastReview);
    }
}
