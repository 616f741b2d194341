package dev.recollect.domain.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.Parameters;
import dev.recollect.domain.fsrs.Rating;
import dev.recollect.domain.fsrs.Scheduler;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.fsrs.optimizer.Evaluation;
import dev.recollect.domain.fsrs.optimizer.Revlog;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** A learner's history as the optimizer reads it, and the weights fitted to it that then schedule their answers. */
class LearnerHistoryProperties {
    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    private static final UserId LEARNER = new UserId("learner");
    private static final List<ConceptId> CONCEPTS =
            List.of(new ConceptId(new UUID(1, 1)), new ConceptId(new UUID(1, 2)), new ConceptId(new UUID(1, 3)));

    @Provide
    Arbitrary<List<PastReview>> histories() {
        return Combinators.combine(
                        Arbitraries.of(CONCEPTS),
                        Arbitraries.integers().between(1, 60 * 24 * 30),
                        Arbitraries.of(Rating.grades()),
                        Arbitraries.of(State.LEARNING, State.REVIEW, State.RELEARNING))
                .as((concept, minutes, rating, state) -> new Object[] {concept, minutes, rating, state})
                .list()
                .ofMaxSize(25)
                .map(steps -> {
                    List<PastReview> history = new ArrayList<>();
                    Instant at = T0;
                    for (Object[] step : steps) {
                        at = at.plus(Duration.ofMinutes((Integer) step[1]));
                        history.add(new PastReview((ConceptId) step[0], at, (Rating) step[2], (State) step[3]));
                    }
                    return history;
                });
    }

    /**
     * Each answer becomes one review log row, in time order whatever the order given: the concept is the card, the
     * rating and time are the answer's, and the state is the one the concept's answer before left it in, or New
     * (Anki's 0) for its first; learning is 1, review 2, relearning 3.
     */
    @SeededProperty
    void eachAnswerIsARowInTheStateTheAnswerBeforeLeft(
            @ForAll("histories") List<PastReview> history, @ForAll long shuffleSeed) {
        List<PastReview> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, new Random(shuffleSeed));

        List<Revlog.Row> rows = PastReview.revlog(shuffled);

        Map<ConceptId, Integer> state = new HashMap<>();
        List<Revlog.Row> expected = new ArrayList<>();
        for (PastReview review : history) {
            expected.add(new Revlog.Row(
                    review.conceptId().toString(),
                    review.attemptedAt().toEpochMilli(),
                    review.rating().grade(),
                    state.getOrDefault(review.conceptId(), 0)));
            state.put(review.conceptId(), List.of(State.values()).indexOf(review.stateAfter()));
        }
        assertThat(rows).isEqualTo(expected);
    }

    /**
     * An answer recorded without its rating reads as the reference rated it, Good when right and Again when wrong;
     * one with a rating keeps it; no answer is Manual.
     */
    @SeededProperty
    void anAnswerWithoutItsRatingReadsAsTheReferenceRatedIt(
            @ForAll("ratingsOrNone") Rating rating, @ForAll boolean correct) {
        PastReview past = PastReview.of(CONCEPTS.get(0), T0, rating, correct, State.REVIEW);

        assertThat(past.rating()).isEqualTo(rating != null ? rating : correct ? Rating.GOOD : Rating.AGAIN);
        assertThatThrownBy(() -> PastReview.of(CONCEPTS.get(0), T0, Rating.MANUAL, correct, State.REVIEW))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("rating");
    }

    @Provide
    Arbitrary<Rating> ratingsOrNone() {
        return Arbitraries.of(Rating.grades()).injectNull(0.4);
    }

    /**
     * A learner's weights are 21 finite numbers, kept as a copy; anything else is refused, naming the count or the
     * weight.
     */
    @SeededProperty
    void aLearnersWeightsAreTwentyOneFiniteNumbersKeptAsACopy(
            @ForAll @Size(21) List<@DoubleRange(min = -100, max = 100) Double> values,
            @ForAll @IntRange(min = 0, max = 40) int length,
            @ForAll @IntRange(min = 0, max = 20) int bad,
            @ForAll("nonFinite") double nonFinite) {
        double[] weights = values.stream().mapToDouble(Double::doubleValue).toArray();
        LearnerParameters learner = new LearnerParameters(LEARNER, weights, T0, 5, new Evaluation(0.3, 0.02));
        weights[0] = 99;
        learner.weights()[1] = 99;

        assertThat(learner.weights())
                .containsExactly(
                        values.stream().mapToDouble(Double::doubleValue).toArray());
        assertThat(learner)
                .isEqualTo(new LearnerParameters(LEARNER, learner.weights(), T0, 5, new Evaluation(0.3, 0.02)));
        assertThat(learner.hashCode())
                .isEqualTo(
                        new LearnerParameters(LEARNER, learner.weights(), T0, 5, new Evaluation(0.3, 0.02)).hashCode());
        if (length != 21) {
            assertThatThrownBy(
                            () -> new LearnerParameters(LEARNER, new double[length], T0, 5, new Evaluation(0.3, 0.02)))
                    .isInstanceOf(DomainException.class)
                    .hasMessage("a learner's FSRS-6 parameters are 21 weights, got " + length);
        }
        double[] broken = learner.weights();
        broken[bad] = nonFinite;
        assertThatThrownBy(() -> new LearnerParameters(LEARNER, broken, T0, 5, new Evaluation(0.3, 0.02)))
                .isInstanceOf(DomainException.class)
                .hasMessage("weight w" + bad + " must be a finite number, got " + nonFinite);
    }

    /** Two sets of weights are equal exactly when every field is, with equal hash codes, and show their weights. */
    @SeededProperty
    void weightsAreEqualExactlyWhenEveryFieldIs(
            @ForAll @IntRange(min = 0, max = 5) int differing, @ForAll @IntRange(min = 0, max = 20) int weight) {
        double[] weights = Parameters.defaults().w();
        LearnerParameters one = new LearnerParameters(LEARNER, weights, T0, 5, new Evaluation(0.3, 0.02));
        double[] changed = weights.clone();
        changed[weight] += 0.25;
        LearnerParameters other =
                switch (differing) {
                    case 0 -> new LearnerParameters(new UserId("another"), weights, T0, 5, new Evaluation(0.3, 0.02));
                    case 1 -> new LearnerParameters(LEARNER, changed, T0, 5, new Evaluation(0.3, 0.02));
                    case 2 -> new LearnerParameters(LEARNER, weights, T0.plusSeconds(1), 5, new Evaluation(0.3, 0.02));
                    case 3 -> new LearnerParameters(LEARNER, weights, T0, 6, new Evaluation(0.3, 0.02));
                    case 4 -> new LearnerParameters(LEARNER, weights, T0, 5, new Evaluation(0.31, 0.02));
                    default -> new LearnerParameters(LEARNER, weights.clone(), T0, 5, new Evaluation(0.3, 0.02));
                };

        assertThat(one.equals(other)).isEqualTo(differing == 5);
        assertThat(one.hashCode() == other.hashCode()).isEqualTo(differing == 5);
        assertThat(one).isNotEqualTo("weights");
        assertThat(one.toString()).contains(java.util.Arrays.toString(weights), "reviews=5");
    }

    @Provide
    Arbitrary<Double> nonFinite() {
        return Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    /**
     * A reviewer for a learner schedules as the scheduler with the learner's weights and the deployment's other
     * settings does: retention, maximum interval, fuzz, short-term switch and steps stay the deployment's.
     */
    @SeededProperty
    void aLearnersReviewerSchedulesWithTheirWeightsAndTheDeploymentsSettings(
            @ForAll @Size(21) List<@DoubleRange(min = 0.5, max = 2) Double> factors,
            @ForAll @DoubleRange(min = 0.7, max = 0.97) double retention,
            @ForAll @IntRange(min = 30, max = 36500) int maximumInterval,
            @ForAll boolean fuzz,
            @ForAll("grades") List<Rating> ratings) {
        Parameters deployment = Parameters.builder()
                .requestRetention(retention)
                .maximumInterval(maximumInterval)
                .enableFuzz(fuzz)
                .build();
        double[] weights = deployment.w();
        for (int i = 0; i < 21; i++) {
            weights[i] *= factors.get(i);
        }
        LearnerParameters learner = new LearnerParameters(LEARNER, weights, T0, 50, new Evaluation(0.3, 0.02));
        Parameters expected = deployment.toBuilder().w(weights).build();

        Scheduler scheduler =
                new Reviewer(new Scheduler(deployment)).forLearner(learner).scheduler();

        assertThat(scheduler.parameters()).isEqualTo(expected);
        assertThat(learner.applyTo(deployment)).isEqualTo(expected);
        Card card = Card.empty(T0);
        Scheduler reference = new Scheduler(expected);
        Instant at = T0;
        for (Rating rating : ratings) {
            Card next = scheduler.next(card, at, rating).card();
            assertThat(next).isEqualTo(reference.next(card, at, rating).card());
            card = next;
            at = card.due();
        }
    }

    @Provide
    Arbitrary<List<Rating>> grades() {
        return Arbitraries.of(Rating.grades()).list().ofMaxSize(8);
    }

    /** Fitted figures beat others exactly when their log loss is lower, whatever their RMSE(bins). */
    @Example
    void figuresBeatOthersOnLogLossAlone() {
        assertThat(new Evaluation(0.30, 0.9).betterThan(new Evaluation(0.31, 0.01)))
                .isTrue();
        assertThat(new Evaluation(0.31, 0.01).betterThan(new Evaluation(0.30, 0.9)))
                .isFalse();
        assertThat(new Evaluation(0.30, 0.01).betterThan(new Evaluation(0.30, 0.9)))
                .isFalse();
    }
}
