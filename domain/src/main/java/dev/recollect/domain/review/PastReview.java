package dev.recollect.domain.review;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.fsrs.Rating;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.fsrs.optimizer.Revlog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded answer as the optimizer reads a learner's history: which concept, when, the rating FSRS received and
 * the state it left the concept in.
 *
 * @param conceptId the concept reviewed, the optimizer's card
 * @param attemptedAt when
 * @param rating the rating FSRS received
 * @param stateAfter the concept's state after the answer
 */
public record PastReview(ConceptId conceptId, Instant attemptedAt, Rating rating, State stateAfter) {
    /** Requires every field, and a rating of 1 to 4. */
    public PastReview {
        Objects.requireNonNull(conceptId, "conceptId");
        Objects.requireNonNull(attemptedAt, "attemptedAt");
        Objects.requireNonNull(rating, "rating");
        Objects.requireNonNull(stateAfter, "stateAfter");
        if (rating == Rating.MANUAL) {
            throw new DomainException("a review's rating is 1 (Again) to 4 (Easy), never manual");
        }
    }

    /**
     * A past answer as recorded: {@code rating} is {@code null} for answers recorded before ratings were kept, which
     * FSRS received as Good when right and Again when wrong unless the learner rated them.
     */
    public static PastReview of(
            ConceptId conceptId, Instant attemptedAt, Rating rating, boolean correct, State stateAfter) {
        return new PastReview(
                conceptId, attemptedAt, rating != null ? rating : Answer.referenceRating(correct), stateAfter);
    }

    /**
     * The review log rows of {@code reviews}, as Anki logs them: each row carries the state the card was in when it
     * was reviewed, which is the state the concept's answer before left it, and New for its first answer. Answers to
     * one concept at the same instant keep the order given.
     */
    public static List<Revlog.Row> revlog(List<PastReview> reviews) {
        List<PastReview> inOrder = new ArrayList<>(reviews);
        inOrder.sort(Comparator.comparing(PastReview::attemptedAt));
        Map<ConceptId, State> states = new HashMap<>();
        List<Revlog.Row> rows = new ArrayList<>(inOrder.size());
        for (PastReview review : inOrder) {
            State before = states.getOrDefault(review.conceptId(), State.NEW);
            states.put(review.conceptId(), review.stateAfter());
            rows.add(new Revlog.Row(
                    review.conceptId().toString(),
                    review.attemptedAt().toEpochMilli(),
                    review.rating().grade(),
                    ankiState(before)));
        }
        return rows;
    }

    /** Anki's numbering of card states in a review log. */
    private static int ankiState(State state) {
        return switch (state) {
            case NEW -> 0;
            case LEARNING -> 1;
            case REVIEW -> 2;
            case RELEARNING -> 3;
        };
    }
}
