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

/** Records an answer and reschedules its concept with FSRS. */
public interface RecordInteraction {
    /** Records the answer, or says that its target is not the user's. */
    Result record(Command command);

    /**
     * An answer.
     *
     * @param userId the answering learner
     * @param conceptId the concept reviewed, as text
     * @param phrasingId the phrasing answered, as text
     * @param userAnswer what the learner answered
     * @param isCorrect whether it was right
     * @param rating the learner's own rating, 1 (Again) to 4 (Easy); {@code null} for Good when correct and Again
     *     when wrong
     * @param timeSpentMs how long the answer took; {@code null} if unknown
     * @param sessionId the study session; {@code null} if none
     */
    record Command(
            @NotBlank String userId,
            @NotBlank String conceptId,
            @NotBlank String phrasingId,
            @NotNull @Size(max = 10_000) String userAnswer,
            boolean isCorrect,
            @Min(1) @Max(4) Integer rating,
            @PositiveOrZero Integer timeSpentMs,
            @Size(min = 1, max = 200) String sessionId) {}

    /** The outcome. */
    sealed interface Result {
        /**
         * Recorded.
         *
         * @param interactionId the stored interaction
         * @param nextReview when the concept is next due
         * @param scheduledDays the interval, in days (0 while learning)
         * @param newState the concept's state now
         * @param retrievability the concept's retrievability right after the answer
         */
        record Recorded(
                InteractionId interactionId,
                Instant nextReview,
                int scheduledDays,
                State newState,
                double retrievability)
                implements Result {}

        /**
         * The concept or the phrasing is missing, inactive or another user's, or the phrasing is of another concept.
         * One answer for all, so that it reveals nothing about other users' ids.
         */
        record NotFound() implements Result {
            /** The message. */
            public String message() {
                return "Concept or phrasing not found or unauthorized";
            }
        }
    }
}
