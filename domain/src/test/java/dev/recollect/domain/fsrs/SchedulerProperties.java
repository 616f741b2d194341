package dev.recollect.domain.fsrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.fsrs.FsrsArbitraries.Step;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the scheduler that hold for any parameters and any review history. */
class SchedulerProperties {
    @Provide
    Arbitrary<Parameters> parameters() {
        return FsrsArbitraries.parameters();
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        return FsrsArbitraries.histories();
    }

    @SeededProperty
    void difficultyStaysWithinOneToTenAndStabilityPositive(
            @ForAll("parameters") Parameters parameters, @ForAll("histories") List<Step> history) {
        List<Card> cards = FsrsArbitraries.cards(new Scheduler(parameters), history);
        for (Card card : cards.subList(1, cards.size())) {
            assertThat(card.difficulty()).isBetween(1.0, 10.0);
            assertThat(card.stability()).isPositive();
        }
    }

    @SeededProperty
    void reviewCardIntervalsAreOrdered(
            @ForAll("parameters") Parameters parameters,
            @ForAll("histories") List<Step> history,
            @ForAll @IntRange(min = 0, max = 400) int daysLater) {
        Scheduler scheduler = new Scheduler(parameters);
        Card card = last(FsrsArbitraries.cards(scheduler, history));
        if (card.state() != State.REVIEW) {
            return;
        }
        Preview preview = scheduler.repeat(card, card.lastReview().plus(Duration.ofDays(daysLater)));
        assertThat(preview.again().card().scheduledDays())
                .isLessThanOrEqualTo(preview.hard().card().scheduledDays());
        assertThat(preview.hard().card().scheduledDays())
                .isLessThanOrEqualTo(preview.good().card().scheduledDays());
        assertThat(preview.good().card().scheduledDays())
                .isLessThan(preview.easy().card().scheduledDays());
    }

    @SeededProperty
    void retrievabilityIsAProbabilityThatNeverRises(
            @ForAll("parameters") Parameters parameters,
            @ForAll("histories") List<Step> history,
            @ForAll @IntRange(min = 0, max = 3000) int days,
            @ForAll @IntRange(min = 0, max = 3000) int moreDays) {
        Scheduler scheduler = new Scheduler(parameters);
        Card card = last(FsrsArbitraries.cards(scheduler, history));
        Instant earlier = card.lastReview().plus(Duration.ofDays(days));
        double r = scheduler.retrievability(card, earlier);
        double later = scheduler.retrievability(card, earlier.plus(Duration.ofDays(moreDays)));
        assertThat(r).isBetween(0.0, 1.0);
        assertThat(later).isBetween(0.0, r);
    }

    @SeededProperty
    void dueIsNeverBeforeTheReviewAndIntervalsRespectTheCap(
            @ForAll("parameters") Parameters parameters, @ForAll("histories") List<Step> history) {
        Scheduler scheduler = new Scheduler(parameters);
        Card card = Card.empty(FsrsArbitraries.START);
        Instant at = FsrsArbitraries.START;
        int longestStepDays = (int) (maxStepMinutes(parameters) / 1440);
        for (Step step : history) {
            at = at.plus(Duration.ofMinutes(step.minutesLater()));
            Preview preview = scheduler.repeat(card, at);
            for (Rating rating : Rating.grades()) {
                Card next = preview.of(rating).card();
                assertThat(next.due()).isAfterOrEqualTo(at);
                // The ordering applied after the cap may add one day per rating above Again (ts-fsrs quirk).
                int allowance = parameters.enableShortTerm() ? rating.grade() - 2 : rating.grade() - 1;
                assertThat(next.scheduledDays())
                        .isLessThanOrEqualTo(
                                Math.max(parameters.maximumInterval() + Math.max(allowance, 0), longestStepDays));
            }
            card = preview.of(step.rating()).card();
        }
    }

    @SeededProperty
    void repsGrowByOneAndLapsesOnlyOnAgainFromReview(
            @ForAll("parameters") Parameters parameters, @ForAll("histories") List<Step> history) {
        Scheduler scheduler = new Scheduler(parameters);
        List<Card> cards = FsrsArbitraries.cards(scheduler, history);
        for (int i = 0; i < history.size(); i++) {
            Card before = cards.get(i);
            Card after = cards.get(i + 1);
            assertThat(after.reps()).isEqualTo(before.reps() + 1);
            boolean lapse = history.get(i).rating() == Rating.AGAIN
                    && (before.state() == State.REVIEW
                            || (!parameters.enableShortTerm() && before.state() != State.NEW));
            assertThat(after.lapses()).isEqualTo(before.lapses() + (lapse ? 1 : 0));
        }
    }

    @SeededProperty
    void rollbackUndoesAReview(
            @ForAll("parameters") Parameters parameters,
            @ForAll("histories") List<Step> history,
            @ForAll Rating rating,
            @ForAll @IntRange(min = 0, max = 100_000) int minutesLater) {
        if (rating == Rating.MANUAL) {
            return;
        }
        Scheduler scheduler = new Scheduler(parameters);
        Card card = last(FsrsArbitraries.cards(scheduler, history));
        Instant at = card.lastReview().plus(Duration.ofMinutes(minutesLater));
        ReviewResult result = scheduler.next(card, at, rating);
        // ts-fsrs rebuilds the due date of a card that had been reviewed from the review's own time.
        Card expected = new Card(
                at,
                card.stability(),
                card.difficulty(),
                card.elapsedDays(),
                card.scheduledDays(),
                card.learningSteps(),
                card.reps(),
                card.lapses(),
                card.state(),
                card.lastReview());
        assertThat(scheduler.rollback(result.card(), result.log())).isEqualTo(expected);
    }

    @SeededProperty
    void rollbackOfAFirstReviewGivesBackTheNewCard(@ForAll("parameters") Parameters parameters, @ForAll Rating rating) {
        if (rating == Rating.MANUAL) {
            return;
        }
        Scheduler scheduler = new Scheduler(parameters);
        Card fresh = Card.empty(FsrsArbitraries.START);
        ReviewResult result = scheduler.next(fresh, FsrsArbitraries.START.plusSeconds(90), rating);
        assertThat(scheduler.rollback(result.card(), result.log())).isEqualTo(fresh);
    }

    @SeededProperty
    void replayingAHistoryEqualsFoldingNext(
            @ForAll("parameters") Parameters parameters, @ForAll("histories") List<Step> history) {
        Scheduler scheduler = new Scheduler(parameters);
        List<Card> folded = FsrsArbitraries.cards(scheduler, history);
        List<Scheduler.Review> reviews = new ArrayList<>();
        Instant at = FsrsArbitraries.START;
        for (Step step : history) {
            at = at.plus(Duration.ofMinutes(step.minutesLater()));
            reviews.add(new Scheduler.Review(step.rating(), at));
        }
        Scheduler.Rescheduled replayed = scheduler.reschedule(last(folded), reviews, FsrsArbitraries.START, at, false);
        assertThat(replayed.replay())
                .extracting(ReviewResult::card)
                .containsExactlyElementsOf(folded.subList(1, folded.size()));
        assertThat(replayed.manualChange())
                .as("the card is already where the replay ends")
                .isEmpty();
    }

    @SeededProperty
    void nextEqualsTheMatchingOutcomeOfRepeat(
            @ForAll("parameters") Parameters parameters,
            @ForAll("histories") List<Step> history,
            @ForAll @IntRange(min = 0, max = 50_000) int minutesLater) {
        Scheduler scheduler = new Scheduler(parameters);
        Card card = last(FsrsArbitraries.cards(scheduler, history));
        Instant at = card.lastReview().plus(Duration.ofMinutes(minutesLater));
        Preview preview = scheduler.repeat(card, at);
        for (Rating rating : Rating.grades()) {
            assertThat(scheduler.next(card, at, rating)).isEqualTo(preview.of(rating));
        }
    }

    private static long maxStepMinutes(Parameters parameters) {
        long max = 0;
        for (Duration step : parameters.learningSteps()) {
            max = Math.max(max, step.toMinutes());
        }
        for (Duration step : parameters.relearningSteps()) {
            max = Math.max(max, step.toMinutes());
        }
        return max;
    }

    private static Card last(List<Card> cards) {
        return cards.get(cards.size() - 1);
    }
}
