package dev.recollect.domain.review;

import dev.recollect.domain.DomainException;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Parameters;
import dev.recollect.domain.fsrs.optimizer.Evaluation;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The FSRS-6 weights fitted to one learner's reviews, which schedule that learner's answers in place of the
 * deployment's; the deployment's other settings (retention, maximum interval, steps, fuzz) still apply.
 *
 * @param userId the learner
 * @param weights the 21 weights, each a finite number
 * @param fittedAt when they were fitted
 * @param reviews how many of the learner's answers they were fitted to
 * @param evaluation their log loss and RMSE(bins) on those answers
 */
public record LearnerParameters(UserId userId, double[] weights, Instant fittedAt, int reviews, Evaluation evaluation) {
    /** Requires 21 finite weights and a count of reviews of zero or more; keeps a copy of the weights. */
    public LearnerParameters {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(fittedAt, "fittedAt");
        Objects.requireNonNull(evaluation, "evaluation");
        if (weights.length != 21) {
            throw new DomainException("a learner's FSRS-6 parameters are 21 weights, got " + weights.length);
        }
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) {
                throw new DomainException("weight w" + i + " must be a finite number, got " + weights[i]);
            }
        }
        if (reviews < 0) {
            throw new DomainException("reviews must be >= 0, got " + reviews);
        }
        weights = weights.clone();
    }

    /** A copy of the 21 weights. */
    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** The deployment's {@code settings} with these weights in place of its own (clipped as the scheduler clips). */
    public Parameters applyTo(Parameters settings) {
        return settings.toBuilder().w(weights).build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LearnerParameters that
                && userId.equals(that.userId)
                && Arrays.equals(weights, that.weights)
                && fittedAt.equals(that.fittedAt)
                && reviews == that.reviews
                && evaluation.equals(that.evaluation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, Arrays.hashCode(weights), fittedAt, reviews, evaluation);
    }

    @Override
    public String toString() {
        return "LearnerParameters[userId=" + userId + ", weights=" + Arrays.toString(weights) + ", fittedAt=" + fittedAt
                + ", reviews=" + reviews + ", evaluation=" + evaluation + "]";
    }
}
