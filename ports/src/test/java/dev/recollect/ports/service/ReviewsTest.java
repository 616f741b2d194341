package dev.recollect.ports.service;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.UserId;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Lifecycle;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.review.ReviewQueue;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.ports.in.ChangeLifecycle;
import dev.recollect.ports.in.GetNextReview;
import dev.recollect.ports.in.GetStats;
import dev.recollect.ports.in.InvalidCommandException;
import dev.recollect.ports.in.ReconcileStats;
import dev.recollect.ports.in.RecordInteraction;
import dev.recollect.ports.testing.Fixtures;
import dev.recollect.ports.testing.InMemoryStores;
import dev.recollect.ports.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewsTest {
    private final InMemoryStores stores = new InMemoryStores();
    private final MutableClock clock = new MutableClock(T0);
    private final UserId user = Fixtures.newUser();

    private Reviews reviews(long seed) {
        return Fixtures.reviews(stores, clock, seed);
    }

    private final Reviews reviews = reviews(1);

    private Concept seeded(String title, int phrasings) {
        Concept concept = Fixtures.concept(user, title, null, clock.instant());
        stores.concepts().insertAll(List.of(concept), StatsDelta.conceptsCreated(1), clock.instant());
        for (int i = 0; i < phrasings; i++) {
            stores.phrasings()
                    .insertIfAbsent(Fixtures.phrasing(concept, title + " question " + i + "?", clock.instant()));
        }
        stores.concepts().updatePhrasingScores(concept.id(), phrasings, null, null, clock.instant());
        return concept;
    }

    private RecordInteraction.Command answer(Concept concept, Phrasing phrasing, boolean correct, Integer rating) {
        return new RecordInteraction.Command(
                user.value(),
                concept.id().toString(),
                phrasing.id().toString(),
                correct ? "A" : "B",
                rating,
                800,
                "s1");
    }

    private RecordInteraction.Result answering(Concept concept, Phrasing phrasing, String answer) {
        return reviews.record(new RecordInteraction.Command(
                user.value(), concept.id().toString(), phrasing.id().toString(), answer, null, null, null));
    }

    @Test
    void invalidAnswersNameTheirFieldAndWriteNothing() {
        Concept concept = seeded("Tides", 1);
        Phrasing phrasing = stores.phrasings().findByConcept(concept.id()).get(0);
        String c = concept.id().toString();
        String p = phrasing.id().toString();
        String u = user.value();
        assertThatThrownBy(() -> reviews.record(new RecordInteraction.Command(u, "nope", p, "A", null, 1, null)))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("conceptId");
        assertThatThrownBy(() -> reviews.record(new RecordInteraction.Command(u, c, "x", "A", null, 1, null)))
                .hasMessageContaining("phrasingId");
        assertThatThrownBy(() -> reviews.record(new RecordInteraction.Command(u, c, p, null, null, 1, null)))
                .hasMessageContaining("answer");
        assertThatThrownBy(() -> reviews.record(new RecordInteraction.Command(u, c, p, "A", null, 1, " ")))
                .hasMessageContaining("sessionId");
        assertThatThrownBy(() -> reviews.record(new RecordInteraction.Command(" ", c, p, "A", null, 1, null)))
                .hasMessageContaining("userId");
        assertThat(stores.reviews().recentForPhrasing(phrasing.id(), 10)).isEmpty();
    }

    @Test
    void theQueueAsksTheMostUrgentConceptAndShowsItsPhrasingsHistory() {
        Concept reviewed = seeded("Reviewed", 2);
        Phrasing first = stores.phrasings().findByConcept(reviewed.id()).get(0);
        reviews.record(answer(reviewed, first, true, 4));
        clock.advance(Duration.ofDays(60));
        Concept fresh = seeded("Fresh", 1);

        var next = (GetNextReview.Result.Next) reviews.next(new GetNextReview.Query(user.value()));

        // A never-reviewed concept (-1) is more urgent than any reviewed one.
        assertThat(next.concept().id()).isEqualTo(fresh.id());
        assertThat(next.retrievability()).isEqualTo(ReviewQueue.NEVER_REVIEWED);
        assertThat(next.recentInteractions()).isEmpty();
        assertThat(next.stats().dueCount()).isEqualTo(1);
        assertThat(next.stats().newCount()).isEqualTo(1);
        assertThat(next.stats().totalReviewable()).isEqualTo(2);

        reviews.change(new ChangeLifecycle.Command(
                user.value(), ChangeLifecycle.Item.CONCEPT, fresh.id().toString(), Lifecycle.ARCHIVE));
        var again = (GetNextReview.Result.Next) reviews.next(new GetNextReview.Query(user.value()));
        assertThat(again.concept().id()).isEqualTo(reviewed.id());
        // The least-seen phrasing: the second one, never answered.
        assertThat(again.phrasing().id()).isNotEqualTo(first.id());
        assertThat(again.retrievability()).isBetween(0.0, 1.0);
    }

    @Test
    void theQueueShowsTheLastTenAnswersOfTheChosenPhrasing() {
        Concept concept = seeded("Tides", 1);
        Phrasing phrasing = stores.phrasings().findByConcept(concept.id()).get(0);
        for (int i = 0; i < 12; i++) {
            reviews.record(answer(concept, phrasing, i % 2 == 0, null));
            clock.advance(Duration.ofDays(400));
        }
        var next = (GetNextReview.Result.Next) reviews.next(new GetNextReview.Query(user.value()));
        assertThat(next.recentInteractions()).hasSize(Reviews.RECENT_INTERACTIONS);
        assertThat(next.recentInteractions().get(0).attemptedAt())
                .isAfter(next.recentInteractions().get(1).attemptedAt());
    }

    @Test
    void nothingDueSaysWhenTheNextReviewIs() {
        Concept concept = seeded("Tides", 1);
        Phrasing phrasing = stores.phrasings().findByConcept(concept.id()).get(0);
        var recorded = (RecordInteraction.Result.Recorded) reviews.record(answer(concept, phrasing, true, 4));
        seeded("No phrasings yet", 0);

        var result = reviews.next(new GetNextReview.Query(user.value()));

        assertThat(result).isInstanceOf(GetNextReview.Result.NothingDue.class);
        assertThat(result.stats().due().nextReviewTime()).isEqualTo(recorded.nextReview());
        // The concept without phrasings is new and due, yet there is nothing to ask about it.
        assertThat(result.stats().due().dueNowCount()).isEqualTo(1);
        assertThat(reviews.stats(new GetStats.Query(user.value())).counters().totals())
                .isEqualTo(new StatsDelta(2, 1, 0, 1));
    }

    @Test
    void aSeedReplaysTheShuffleOfTheUrgentTier() {
        for (int i = 0; i < 10; i++) {
            seeded("Concept " + i, 1);
        }
        List<String> firstRun = picks(reviews(42));
        List<String> secondRun = picks(reviews(42));
        assertThat(firstRun).isEqualTo(secondRun);
        assertThat(picks(reviews(43))).isNotEqualTo(firstRun);
    }

    private List<String> picks(Reviews service) {
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            titles.add(((GetNextReview.Result.Next) service.next(new GetNextReview.Query(user.value())))
                    .concept()
                    .title());
        }
        return titles;
    }

    @Test
    void lifecycleChangesAndReconcileGoThroughTheStores() {
        Concept concept = seeded("Tides", 1);
        Phrasing phrasing = stores.phrasings().findByConcept(concept.id()).get(0);
        var archived = reviews.change(new ChangeLifecycle.Command(
                user.value(), ChangeLifecycle.Item.PHRASING, phrasing.id().toString(), Lifecycle.ARCHIVE));
        assertThat(archived).isEqualTo(new ChangeLifecycle.Result.Applied(false));
        var restored = reviews.change(new ChangeLifecycle.Command(
                user.value(), ChangeLifecycle.Item.CONCEPT, concept.id().toString(), Lifecycle.RESTORE));
        assertThat(restored).isEqualTo(new ChangeLifecycle.Result.Applied(true));
        var missing = reviews.change(new ChangeLifecycle.Command(
                "someone-else", ChangeLifecycle.Item.CONCEPT, concept.id().toString(), Lifecycle.DELETE));
        assertThat(missing).isInstanceOf(ChangeLifecycle.Result.NotFound.class);
        assertThat(((ChangeLifecycle.Result.NotFound) missing).message()).isEqualTo("Item not found or unauthorized");
        assertThatThrownBy(() -> reviews.change(new ChangeLifecycle.Command(
                        user.value(), ChangeLifecycle.Item.PHRASING, "bad", Lifecycle.DELETE)))
                .hasMessageContaining("phrasingId");

        stores.userStats().apply(user, new StatsDelta(2, 0, 0, 0), T0);
        var reconciliation = reviews.reconcile(new ReconcileStats.Command(user.value()));
        assertThat(reconciliation.drift()).isEqualTo(new StatsDelta(-2, 0, 0, 0));
        assertThat(reviews.reconcile(new ReconcileStats.Command(user.value())).drifted())
                .isFalse();
    }

    @Test
    void aNullQueryOrCommandIsInvalidInput() {
        assertThatThrownBy(() -> reviews.record(null)).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> reviews.next(null)).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> reviews.stats(null)).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> reviews.reconcile(null)).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> reviews.change(new ChangeLifecycle.Command(user.value(), null, "x", Lifecycle.DELETE)))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("item");
    }

    @Test
    void whenNothingIsDueTheQueueFallsBackToNewConcepts() {
        // A concept created by a worker whose clock ran ahead: new, with phrasings, but not due yet.
        Concept ahead = Fixtures.concept(user, "Ahead", null, clock.instant().plus(Duration.ofHours(1)));
        stores.concepts().insertAll(List.of(ahead), StatsDelta.conceptsCreated(1), clock.instant());
        stores.phrasings().insertIfAbsent(Fixtures.phrasing(ahead, "Ahead question?", clock.instant()));
        stores.concepts().updatePhrasingScores(ahead.id(), 1, null, null, clock.instant());

        var next = (GetNextReview.Result.Next) reviews.next(new GetNextReview.Query(user.value()));

        assertThat(next.concept().id()).isEqualTo(ahead.id());
    }

    @Test
    void aCandidateWithNothingToAskIsPassedOver() {
        Concept askable = seeded("Askable", 1);
        reviews.record(
                answer(askable, stores.phrasings().findByConcept(askable.id()).get(0), true, 4));
        clock.advance(Duration.ofDays(30));
        // Never reviewed, so always ranked first: the queue must look past it.
        Concept inconsistent = Fixtures.concept(user, "Counted but bare", null, clock.instant());
        stores.concepts().insertAll(List.of(inconsistent), StatsDelta.conceptsCreated(1), clock.instant());
        stores.concepts().updatePhrasingScores(inconsistent.id(), 1, null, null, clock.instant());

        var next = (GetNextReview.Result.Next) reviews.next(new GetNextReview.Query(user.value()));

        assertThat(next.concept().id()).isEqualTo(askable.id());
    }
}
