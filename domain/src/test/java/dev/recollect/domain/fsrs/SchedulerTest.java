package dev.recollect.domain.fsrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler's refusals and edge cases that the conformance vectors do not reach. */
class SchedulerTest {
    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
    private final Scheduler scheduler = new Scheduler(Parameters.defaults());

    @Test
    void aReviewNeedsARealRating() {
        assertThatThrownBy(() -> scheduler.next(Card.empty(T), T, Rating.MANUAL))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("not Manual");
    }

    @Test
    void aReviewOnADayBeforeTheLastIsRefused() {
        Card reviewed = scheduler.next(Card.empty(T), T, Rating.GOOD).card();
        assertThatThrownBy(() -> scheduler.next(reviewed, T.minus(Duration.ofDays(1)), Rating.GOOD))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("before the card's last review");
        // Earlier on the same UTC date is allowed, as in ts-fsrs.
        assertThat(scheduler
                        .next(reviewed, T.minusSeconds(60), Rating.GOOD)
                        .card()
                        .reps())
                .isEqualTo(2);
    }

    @Test
    void aCardWithAnImpossibleMemoryStateIsRefused() {
        Card broken = new Card(T, 0.0005, 5, 0, 1, 0, 3, 0, State.REVIEW, T.minus(Duration.ofDays(2)));
        assertThatThrownBy(() -> scheduler.next(broken, T, Rating.GOOD))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("invalid memory state");
        Card easyButLow = new Card(T, 3, 0.5, 0, 1, 0, 3, 0, State.REVIEW, T.minus(Duration.ofDays(2)));
        assertThatThrownBy(() -> scheduler.next(easyButLow, T, Rating.GOOD)).isInstanceOf(DomainException.class);
    }

    @Test
    void aCardWithOnlyHalfAMemoryStateIsRefused() {
        Instant last = T.minus(Duration.ofDays(2));
        assertThatThrownBy(() -> scheduler.next(new Card(T, 0, 5, 0, 1, 0, 3, 0, State.REVIEW, last), T, Rating.GOOD))
                .hasMessageContaining("invalid memory state");
        assertThatThrownBy(() -> scheduler.next(new Card(T, 3, 0, 0, 1, 0, 3, 0, State.REVIEW, last), T, Rating.GOOD))
                .hasMessageContaining("invalid memory state");
    }

    @Test
    void aReviewedCardWithoutALastReviewCountsNoElapsedDays() {
        Card card = new Card(T, 10, 5, 0, 10, 0, 3, 0, State.REVIEW, null);
        ReviewResult result = scheduler.next(card, T.plus(Duration.ofDays(30)), Rating.GOOD);
        assertThat(result.card().elapsedDays()).isZero();
        assertThat(result.log().due()).isEqualTo(T);
    }

    @Test
    void theLongTermModeLogsANewCardWithoutItsOldInterval() {
        Scheduler longTerm =
                new Scheduler(Parameters.builder().enableShortTerm(false).build());
        Card odd = new Card(T, 0, 0, 0, 5, 0, 0, 0, State.NEW, null);
        ReviewResult result = longTerm.next(odd, T, Rating.AGAIN);
        assertThat(result.log().scheduledDays()).isZero();
        assertThat(result.card().lapses()).isZero();
        assertThat(result.card().state()).isEqualTo(State.REVIEW);
    }

    @Test
    void aNewCardHasNoRetrievabilityWhateverItsFields() {
        Card odd = new Card(T, 5, 5, 0, 0, 0, 0, 0, State.NEW, T.minus(Duration.ofDays(3)));
        assertThat(scheduler.retrievability(odd, T)).isZero();
    }

    @Test
    void aReviewedCardWithoutMemoryStartsAgainAsNew() {
        Card blank = new Card(T, 0, 0, 0, 0, 0, 4, 1, State.REVIEW, T.minus(Duration.ofDays(3)));
        Card next = scheduler.next(blank, T, Rating.GOOD).card();
        assertThat(next.stability()).isEqualTo(2.3065);
        assertThat(next.reps()).isEqualTo(5);
    }

    @Test
    void retrievabilityCountsWholeDaysAndIsZeroForNewCards() {
        assertThat(scheduler.retrievability(Card.empty(T), T.plus(Duration.ofDays(9))))
                .isZero();
        Card good = scheduler.next(Card.empty(T), T, Rating.EASY).card();
        assertThat(scheduler.retrievability(good, T)).isEqualTo(1.0);
        assertThat(scheduler.retrievability(good, T.minus(Duration.ofDays(3)))).isEqualTo(1.0);
        assertThat(scheduler.retrievability(good, T.plus(Duration.ofHours(47))))
                .isEqualTo(scheduler.retrievability(good, T.plus(Duration.ofHours(24))));
        Card noLastReview = new Card(T, 3, 5, 0, 3, 0, 1, 0, State.REVIEW, null);
        assertThat(scheduler.retrievability(noLastReview, T.plus(Duration.ofDays(30))))
                .isEqualTo(1.0);
    }

    @Test
    void forgettingANewCardLogsNoInterval() {
        ReviewResult forgotten = scheduler.forget(Card.empty(T), T.plus(Duration.ofDays(4)), false);
        assertThat(forgotten.log().scheduledDays()).isZero();
        assertThat(forgotten.log().rating()).isEqualTo(Rating.MANUAL);
        assertThat(forgotten.card().state()).isEqualTo(State.NEW);
    }

    @Test
    void aManualChangeCannotBeRolledBack() {
        ReviewResult forgotten = scheduler.forget(Card.empty(T), T, true);
        assertThatThrownBy(() -> scheduler.rollback(forgotten.card(), forgotten.log()))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void rescheduleWithoutReviewsChangesNothingAndSkipsManualEntries() {
        Card card = scheduler.next(Card.empty(T), T, Rating.GOOD).card();
        Scheduler.Rescheduled nothing = scheduler.reschedule(card, List.of(), T, T, true);
        assertThat(nothing.replay()).isEmpty();
        assertThat(nothing.manualChange()).isEmpty();
        Scheduler.Rescheduled skipped = scheduler.reschedule(
                card,
                List.of(new Scheduler.Review(Rating.MANUAL, T), new Scheduler.Review(Rating.GOOD, T)),
                T,
                T,
                false);
        assertThat(skipped.replay()).hasSize(1);
        assertThat(skipped.manualChange()).isEmpty();
    }

    @Test
    void rescheduleOfANeverReviewedCardLogsItsDueDate() {
        Card never = Card.empty(T.minus(Duration.ofDays(1)));
        ReviewResult change = scheduler
                .reschedule(never, List.of(new Scheduler.Review(Rating.GOOD, T)), T, T, false)
                .manualChange()
                .orElseThrow();
        assertThat(change.log().due()).isEqualTo(never.due());
        assertThat(change.log().state()).isEqualTo(State.NEW);
    }

    @Test
    void rescheduleMovesACardToWhereItsHistoryLeads() {
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

    @Test
    void reviewsAreUsedAtMillisecondPrecision() {
        Instant precise = Instant.parse("2024-05-01T10:00:00.123999Z");
        ReviewResult result = scheduler.next(Card.empty(precise), precise, Rating.GOOD);
        assertThat(result.card().lastReview()).isEqualTo(Instant.parse("2024-05-01T10:00:00.123Z"));
        assertThat(scheduler.parameters()).isEqualTo(Parameters.defaults());
        assertThatThrownBy(() -> new Scheduler.Review(null, T)).hasMessage("rating");
        assertThatThrownBy(() -> new Scheduler.Review(Rating.GOOD, null)).hasMessage("at");
    }
}
