package dev.recollect.domain.fsrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.DomainException;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

/**
 * The scheduler's refusals and the edges that the conformance vectors do not reach, as rules over any parameters
 * and any history; the cases ts-fsrs documents by example stay examples.
 */
class SchedulerEdgeProperties {
    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
    private static final long DAY_MS = 86_400_000L;

    /** The last card of {@code history} replayed from a new one. */
    private static Card reviewed(Scheduler scheduler, List<FsrsArbitraries.Step> history) {
        List<Card> cards = FsrsArbitraries.cards(scheduler, history);
        return cards.get(cards.size() - 1);
    }

    @Provide
    Arbitrary<Parameters> parameters() {
        return FsrsArbitraries.parameters();
    }

    @Provide
    Arbitrary<List<FsrsArbitraries.Step>> histories() {
        return FsrsArbitraries.histories();
    }

    @SeededProperty
    void aReviewNeedsARealRating(
            @ForAll("parameters") Parameters parameters,
            @ForAll("histories") List<FsrsArbitraries.Step> history,
            @ForAll @LongRange(min = 0, max = 400) long daysLater) {
        Scheduler scheduler = new Scheduler(parameters);
        Card card = reviewed(scheduler, history);
        assertThatThrownBy(() -> scheduler.next(card, card.due().plus(Duration.ofDays(daysLater)), Rating.MANUAL))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("not Manual");
    }

    /**
     * A review dated on a UTC day before the card's last review is refused; earlier on the same UTC day is a review
     * like any other (ts-fsrs counts whole UTC days).
     */
    @SeededProperty
    void aReviewOnADayBeforeTheLastIsRefused_sameDayIsNot(
            @ForAll("parameters") Parameters parameters,
            @ForAll("histories") List<FsrsArbitraries.Step> history,
            @ForAll @LongRange(min = 1, max = 100L * DAY_MS) long millisEarlier,
            @ForAll Rating rating) {
        assumeAGrade(rating);
        Scheduler scheduler = new Scheduler(parameters);
        Card card = reviewed(scheduler, history);
        Instant last = card.lastReview();
        Instant earlier = last.minusMillis(millisEarlier);
        boolean sameDay = Math.floorDiv(earlier.toEpochMilli(), DAY_MS) == Math.floorDiv(last.toEpochMilli(), DAY_MS);
        if (sameDay) {
            assertThat(scheduler.next(card, earlier, rating).card().reps()).isEqualTo(card.reps() + 1);
        } else {
            assertThatThrownBy(() -> scheduler.next(card, earlier, rating))
                    .isInstanceOf(DomainException.class)
                    .hasMessageContaining("before the card's last review");
        }
    }

    /**
     * A reviewed card must hold a memory state: difficulty from 1 and stability from 0.001 (ts-fsrs's S_MIN), or
     * both 0 (a card that lost it starts again as new). Anything between is refused, never scheduled.
     */
    @SeededProperty
    void aReviewedCardWithAnImpossibleMemoryStateIsRefused(
            @ForAll @DoubleRange(min = 0, max = 0.00099) @Scale(6) double lowStability,
            @ForAll @DoubleRange(min = 0, max = 0.999) @Scale(4) double lowDifficulty,
            @ForAll @DoubleRange(min = 1, max = 10) double difficulty,
            @ForAll @DoubleRange(min = 0.001, max = 1000) @Scale(4) double stability,
            @ForAll("reviewedStates") State state,
            @ForAll Rating rating) {
        assumeAGrade(rating);
        Scheduler scheduler = new Scheduler(Parameters.defaults());
        Instant last = T.minus(Duration.ofDays(2));
        List<Card> broken = new ArrayList<>();
        if (lowStability > 0) {
            broken.add(new Card(T, lowStability, difficulty, 0, 1, 0, 3, 0, state, last));
        }
        if (lowDifficulty > 0) {
            broken.add(new Card(T, stability, lowDifficulty, 0, 1, 0, 3, 0, state, last));
        }
        broken.add(new Card(T, 0, difficulty, 0, 1, 0, 3, 0, state, last));
        broken.add(new Card(T, stability, 0, 0, 1, 0, 3, 0, state, last));
        for (Card card : broken) {
            assertThatThrownBy(() -> scheduler.next(card, T, rating))
                    .as("%s", card)
                    .isInstanceOf(DomainException.class)
                    .hasMessageContaining("invalid memory state");
        }
    }

    @Provide
    Arbitrary<State> reviewedStates() {
        return Arbitraries.of(State.LEARNING, State.REVIEW, State.RELEARNING);
    }

    /** A reviewed card that lost its memory state (both parts 0) is reviewed as a new card would be. */
    @SeededProperty
    void aReviewedCardWithoutMemoryStartsAgainAsNew(
            @ForAll("parameters") Parameters parameters,
            @ForAll("reviewedStates") State state,
            @ForAll Rating rating,
            @ForAll @IntRange(min = 0, max = 50) int reps) {
        assumeAGrade(rating);
        Scheduler scheduler = new Scheduler(parameters);
        Card blank = new Card(T, 0, 0, 0, 0, 0, reps, 0, state, T.minus(Duration.ofDays(3)));
        Card next = scheduler.next(blank, T, rating).card();
        Card asNew = scheduler.next(Card.empty(T), T, rating).card();
        assertThat(next.stability()).isEqualTo(asNew.stability());
        assertThat(next.difficulty()).isEqualTo(asNew.difficulty());
        assertThat(next.reps()).isEqualTo(reps + 1);
    }

    /** Without a last review a reviewed card counts no elapsed days, and its log keeps its due date. */
    @SeededProperty
    void aReviewedCardWithoutALastReviewCountsNoElapsedDays(
            @ForAll @DoubleRange(min = 0.1, max = 500) double stability,
            @ForAll @DoubleRange(min = 1, max = 10) double difficulty,
            @ForAll @LongRange(min = 0, max = 3650) long daysLater,
            @ForAll Rating rating) {
        assumeAGrade(rating);
        Scheduler scheduler = new Scheduler(Parameters.defaults());
        Card card = new Card(T, stability, difficulty, 0, 10, 0, 3, 0, State.REVIEW, null);
        ReviewResult result = scheduler.next(card, T.plus(Duration.ofDays(daysLater)), rating);
        assertThat(result.card().elapsedDays()).isZero();
        assertThat(result.log().due()).isEqualTo(T);
        assertThat(scheduler.retrievability(card, T.plus(Duration.ofDays(daysLater))))
                .isEqualTo(1.0);
    }

    /** A new card has no retrievability, whatever its fields say and whenever it is asked. */
    @SeededProperty
    void aNewCardHasNoRetrievabilityWhateverItsFields(
            @ForAll @DoubleRange(min = 0, max = 500) double stability,
            @ForAll @DoubleRange(min = 0, max = 10) double difficulty,
            @ForAll @LongRange(min = -3650, max = 3650) long days) {
        Scheduler scheduler = new Scheduler(Parameters.defaults());
        Card odd = new Card(T, stability, difficulty, 0, 0, 0, 0, 0, State.NEW, T.minus(Duration.ofDays(3)));
        assertThat(scheduler.retrievability(odd, T.plus(Duration.ofDays(days)))).isZero();
    }

    /**
     * Retrievability counts whole days since the last review: it is 1 up to a day after it (and before it), and the
     * same at any two moments with the same number of whole days elapsed.
     */
    @SeededProperty
    void retrievabilityCountsWholeDays(
            @ForAll("parameters") Parameters parameters,
            @ForAll("histories") List<FsrsArbitraries.Step> history,
            @ForAll @LongRange(min = 0, max = 400) long days,
            @ForAll @LongRange(min = 0, max = DAY_MS - 1) long into,
            @ForAll @LongRange(min = 0, max = DAY_MS - 1) long otherInto) {
        Scheduler scheduler = new Scheduler(parameters);
        Card card = reviewed(scheduler, history);
        Instant last = card.lastReview();
        Instant start = last.plusMillis(days * DAY_MS);
        assertThat(scheduler.retrievability(card, start.plusMillis(into)))
                .isEqualTo(scheduler.retrievability(card, start.plusMillis(otherInto)));
        assertThat(scheduler.retrievability(card, last.plusMillis(into))).isEqualTo(1.0);
        assertThat(scheduler.retrievability(card, last.minusMillis(into))).isEqualTo(1.0);
    }

    /** Forgetting makes a card new with a Manual log; a new card forgotten logs no interval. */
    @SeededProperty
    void forgettingMakesACardNewAndCannotBeRolledBack(
            @ForAll("parameters") Parameters parameters,
            @ForAll("histories") List<FsrsArbitraries.Step> history,
            @ForAll boolean resetCount,
            @ForAll @LongRange(min = 0, max = 400) long daysLater) {
        Scheduler scheduler = new Scheduler(parameters);
        Card card = reviewed(scheduler, history);
        Instant at = card.lastReview().plus(Duration.ofDays(daysLater));
        ReviewResult forgotten = scheduler.forget(card, at, resetCount);
        assertThat(forgotten.card().state()).isEqualTo(State.NEW);
        assertThat(forgotten.log().rating()).isEqualTo(Rating.MANUAL);
        assertThat(forgotten.card().reps()).isEqualTo(resetCount ? 0 : card.reps());
        assertThatThrownBy(() -> scheduler.rollback(forgotten.card(), forgotten.log()))
                .isInstanceOf(DomainException.class);
        ReviewResult newForgotten = scheduler.forget(Card.empty(T), at, resetCount);
        assertThat(newForgotten.log().scheduledDays()).isZero();
        assertThat(newForgotten.card().state()).isEqualTo(State.NEW);
    }

    /**
     * Rescheduling replays the graded reviews only: Manual entries are skipped, and with no graded review there is
     * nothing to replay and no change.
     */
    @SeededProperty
    void rescheduleReplaysOnlyGradedReviews(
            @ForAll("histories") List<FsrsArbitraries.Step> history,
            @ForAll @IntRange(min = 0, max = 3) int manualEntries,
            @ForAll boolean updateMemory) {
        Scheduler scheduler = new Scheduler(Parameters.defaults());
        Card card = reviewed(scheduler, history);
        List<Scheduler.Review> graded = new ArrayList<>();
        List<Scheduler.Review> withManual = new ArrayList<>();
        Instant at = FsrsArbitraries.START;
        for (FsrsArbitraries.Step step : history) {
            at = at.plus(Duration.ofMinutes(step.minutesLater()));
            graded.add(new Scheduler.Review(step.rating(), at));
            withManual.add(new Scheduler.Review(step.rating(), at));
            if (withManual.size() <= manualEntries) {
                withManual.add(new Scheduler.Review(Rating.MANUAL, at));
            }
        }
        Instant now = at.plus(Duration.ofDays(1));
        Scheduler.Rescheduled plain = scheduler.reschedule(card, graded, FsrsArbitraries.START, now, updateMemory);
        Scheduler.Rescheduled skipped =
                scheduler.reschedule(card, withManual, FsrsArbitraries.START, now, updateMemory);
        assertThat(skipped.replay()).isEqualTo(plain.replay()).hasSize(history.size());
        assertThat(skipped.manualChange()).isEqualTo(plain.manualChange());
        // The card is where its own history leads: nothing to move.
        assertThat(plain.manualChange()).isEmpty();
        Scheduler.Rescheduled nothing = scheduler.reschedule(card, List.of(), T, T, updateMemory);
        assertThat(nothing.replay()).isEmpty();
        assertThat(nothing.manualChange()).isEmpty();
    }

    /** Times are used at millisecond precision, as JavaScript dates hold them. */
    @SeededProperty
    void reviewsAreUsedAtMillisecondPrecision(
            @ForAll @LongRange(min = 0, max = 4_000_000_000L) long seconds,
            @ForAll @IntRange(max = 999_999_999) int nanos,
            @ForAll Rating rating) {
        assumeAGrade(rating);
        Instant precise = Instant.ofEpochSecond(seconds, nanos);
        ReviewResult result = new Scheduler(Parameters.defaults()).next(Card.empty(precise), precise, rating);
        assertThat(result.card().lastReview()).isEqualTo(precise.truncatedTo(ChronoUnit.MILLIS));
    }

    @Example
    void aReviewNeedsItsRatingAndTime() {
        assertThatThrownBy(() -> new Scheduler.Review(null, T)).hasMessage("rating");
        assertThatThrownBy(() -> new Scheduler.Review(Rating.GOOD, null)).hasMessage("at");
        assertThat(new Scheduler(Parameters.defaults()).parameters()).isEqualTo(Parameters.defaults());
    }

    @Example
    void theLongTermModeLogsANewCardWithoutItsOldInterval() {
        Scheduler longTerm =
                new Scheduler(Parameters.builder().enableShortTerm(false).build());
        Card odd = new Card(T, 0, 0, 0, 5, 0, 0, 0, State.NEW, null);
        ReviewResult result = longTerm.next(odd, T, Rating.AGAIN);
        assertThat(result.log().scheduledDays()).isZero();
        assertThat(result.card().lapses()).isZero();
        assertThat(result.card().state()).isEqualTo(State.REVIEW);
    }

    @Example
    void rescheduleOfANeverReviewedCardLogsItsDueDate() {
        Scheduler scheduler = new Scheduler(Parameters.defaults());
        Card never = Card.empty(T.minus(Duration.ofDays(1)));
        ReviewResult change = scheduler
                .reschedule(never, List.of(new Scheduler.Review(Rating.GOOD, T)), T, T, false)
                .manualChange()
                .orElseThrow();
        assertThat(change.log().due()).isEqualTo(never.due());
        assertThat(change.log().state()).isEqualTo(State.NEW);
    }

    @Example
    void rescheduleMovesACardToWhereItsHistoryLeads() {
        Scheduler scheduler = new Scheduler(Parameters.defaults());
        Card card = scheduler.next(Card.empty(T), T, Rating.EASY).card();
        Card moved = new Card(card.due().plus(Duration.ofDays(5)), 40, 2, 0, 13, 0, 1, 0, State.REVIEW, T);
        Instant now = T.plus(Duration.ofDays(1));
        ReviewResult change = scheduler
                .reschedule(moved, List.of(new Scheduler.Review(Rating.EASY, T)), T, now, true)
                .manualChange()
                .orElseThrow();
        assertThat(change.card().due()).isEqualTo(card.due());
        assertThat(change.card().stability()).isEqualTo(card.stability());
        assertThat(change.card().reps()).isEqualTo(2);
        assertThat(change.log().scheduledDays()).isEqualTo(-5);
        ReviewResult keepMemory = scheduler
                .reschedule(moved, List.of(new Scheduler.Review(Rating.EASY, T)), T, now, false)
                .manualChange()
                .orElseThrow();
        assertThat(keepMemory.card().stability()).isEqualTo(40);
        assertThat(keepMemory.card().difficulty()).isEqualTo(2);
    }

    /** Ratings drawn by jqwik include Manual, which these properties exclude. */
    private static void assumeAGrade(Rating rating) {
        Assume.that(rating != Rating.MANUAL);
    }
}
