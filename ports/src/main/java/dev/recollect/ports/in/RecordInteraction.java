package dev.recollect.ports.in;

import dev.recollect.domain.InteractionId;
import dev.recollect.domain.fsrs.State;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.function.Function;

/**
 * Records an answer: reads it against the phrasing (an option's number, letter or text, or a free answer), judges it,
 * and reschedules the concept with FSRS, all in one transaction that reads the phrasing once.
 */
public interface RecordInteraction {
    /** Records the answer, or says that its target is not the user's or that the answer cannot be read. */
    Result record(Command command);

    /**
     * An answer.
     *
     * @param userId the answering learner
     * @param conceptId the concept reviewed, as text
     * @param phrasingId the phrasing answered, as text
     * @param answer what the learner answered: an option's number ({@code 2}), letter ({@code b}) or text, or a free
     *     answer
     * @param rating the learner's own rating, 1 (Again) to 4 (Easy); {@code null} for Good when right and Again when
     *     wrong
     * @param timeSpentMs how long the answer took; {@code null} if unknown
     * @param sessionId the study session; {@code null} if none
     */
    record Command(
            @NotBlank String userId,
            @NotBlank String conceptId,
            @NotBlank String phrasingId,
            @NotNull @Size(max = 10_000) String answer,
            @Min(1) @Max(4) Integer rating,
            @PositiveOrZero Integer timeSpentMs,
            @Size(min = 1, max = 200) String sessionId) {}

    /** The outcome. */
    sealed interface Result {
        /** Applies the function for this variant; a new variant breaks every caller at compile time. */
        <R> R fold(Function<Recorded, R> recorded, Function<NotFound, R> notFound, Function<InvalidAnswer, R> invalid);

        /**
         * Recorded.
         *
         * @param interactionId the stored interaction
         * @param answer the answer as read: the chosen option as the phrasing spells it, or the free answer
         * @param correct whether it was right
         * @param correctAnswer the phrasing's correct answer
         * @param explanation the phrasing's explanation; {@code null} if it has none
         * @param nextReview when the concept is next due
         * @param scheduledDays the interval, in days (0 while learning)
         * @param newState the concept's state now
         * @param retrievability the concept's retrievability right after the answer
         */
        record Recorded(
                InteractionId interactionId,
                String answer,
                boolean correct,
                String correctAnswer,
                String explanation,
                Instant nextReview,
                int scheduledDays,
                State newState,
                double retrievability)
                implements Result {
            @Override
            public <R> R fold(
                    Function<Recorded, R> recorded,
                    Function<NotFound, R> notFound,
                    Function<InvalidAnswer, R> invalid) {
                return recorded.apply(this);
            }
        }

        /**
         * The concept or the phrasing is missing, inactive or another user's, or the phrasing is of another concept.
         * One answer for all, so that it reveals nothing about other users' ids.
         */
        record NotFound() implements Result {
            /** The message. */
            public String message() {
                return "Concept or phrasing not found or unauthorized";
            }

            @Override
            public <R> R fold(
                    Function<Recorded, R> recorded,
                    Function<NotFound, R> notFound,
                    Function<InvalidAnswer, R> invalid) {
                return notFound.apply(this);
            }
        }

        /**
         * The answer cannot be read against the phrasing (it is blank, or names an option the phrasing lacks);
         * nothing was recorded, so a typo never costs a review.
         *
         * @param reason what is wrong with it
         */
        record InvalidAnswer(String reason) implements Result {
            /** The message. */
            public String message() {
                return "Cannot read the answer: " + reason;
            }

            @Override
            public <R> R fold(
                    Function<Recorded, R> recorded,
                    Function<NotFound, R> notFound,
                    Function<InvalidAnswer, R> invalid) {
                return invalid.apply(this);
            }
        }
    }
}
