package dev.recollect.ports.in;

import dev.recollect.domain.fsrs.optimizer.Optimizer;
import dev.recollect.domain.review.LearnerParameters;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.Optional;
import java.util.function.Function;

/**
 * Fits FSRS-6 weights to one learner's recorded answers, as {@link FitParameters} fits review logs, and on request
 * saves them as that learner's, so that their answers are scheduled with them from then on. Each concept is a card;
 * answers recorded before ratings were kept count as Good when right and Again when wrong.
 */
public interface FitLearnerParameters {
    /**
     * Fits, telling {@code monitor} of each step.
     *
     * @throws InvalidCommandException when the command is missing or breaks its constraints, or names no time zone
     */
    Result fit(Command command, Optimizer.Monitor monitor);

    /**
     * Whose answers, how to count their days, and whether to save.
     *
     * @param userId the learner
     * @param shortTerm whether same-day answers train w17 to w19; {@code null} for the deployment's setting
     * @param timezone the learner's time zone, such as {@code Europe/Paris}, for counting days
     * @param nextDayStartsAt the hour, 0 to 23, at which the learner's day starts
     * @param save whether to save the fit as the learner's weights, if it is trained and beats their current ones
     */
    record Command(
            @NotBlank String userId,
            Boolean shortTerm,
            @NotBlank String timezone,
            @Min(0) @Max(23) int nextDayStartsAt,
            boolean save) {}

    /** What became of a fit that was asked to be saved. */
    enum Saving {
        /** Saving was not asked for. */
        NOT_ASKED,
        /** Saved: the learner's answers are scheduled with the fitted weights from now on. */
        SAVED,
        /** Not saved: the optimizer learnt nothing (too few reviews even to pretrain, or it was cancelled). */
        NOT_TRAINED,
        /** Not saved: the fit's log loss does not beat the current weights' on the same answers, as Anki decides. */
        NOT_BETTER
    }

    /** The outcome. */
    sealed interface Result {
        /** Applies the function for this variant; a new variant breaks every caller at compile time. */
        <R> R fold(Function<Fitted, R> fitted, Function<NothingToLearn, R> nothing);

        /**
         * The optimizer ran.
         *
         * @param reviews how many answers the learner has recorded
         * @param items how many training items they gave: one per answer a day or more after the answer before it to
         *     the same concept
         * @param fit the result, with the learner's current weights' figures as {@code before}
         * @param previous the weights saved for the learner before this fit; empty when the deployment's scheduled them
         * @param saving whether the fit was saved, or why not
         */
        record Fitted(
                int reviews, int items, FitParameters.Fit fit, Optional<LearnerParameters> previous, Saving saving)
                implements Result {
            @Override
            public <R> R fold(Function<Fitted, R> fitted, Function<NothingToLearn, R> nothing) {
                return fitted.apply(this);
            }
        }

        /**
         * No answer of the learner came a day or more after the answer before it to the same concept, so there is
         * nothing to learn from or to evaluate; the current weights stay.
         *
         * @param reviews how many answers the learner has recorded
         */
        record NothingToLearn(int reviews) implements Result {
            @Override
            public <R> R fold(Function<Fitted, R> fitted, Function<NothingToLearn, R> nothing) {
                return nothing.apply(this);
            }
        }
    }
}
