package dev.recollect.ports.testing;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.InteractionId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Scheduler;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Lifecycle;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.review.Answer;
import dev.recollect.domain.review.Interaction;
import dev.recollect.domain.review.RecordedReview;
import dev.recollect.domain.review.ReviewTarget;
import dev.recollect.domain.review.Reviewer;
import dev.recollect.domain.stats.DueSnapshot;
import dev.recollect.domain.stats.Reconciliation;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.domain.stats.UserStats;
import dev.recollect.ports.out.Persistence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What every {@code ReviewStore} must do, with the queue, lifecycle and reconcile parts of the concept, phrasing and
 * counter stores that reviews rely on.
 */
public interface ReviewStoreContract {
    /** FSRS without fuzz, so that the expected cards are exact. */
    Reviewer REVIEWER = new Reviewer(new Scheduler(dev.recollect.domain.fsrs.Parameters.defaults()));

    /** The stores under test. */
    Persistence stores();

    /** Inserts a concept created at {@code at} with {@code phrasings} phrasings, scored as the pipeline scores. */
    private Concept seeded(UserId user, String title, int phrasings, Instant at) {
        Concept concept = Fixtures.concept(user, title, null, at);
        stores().concepts().insertAll(List.of(concept), StatsDelta.conceptsCreated(1), at);
        for (int i = 0; i < phrasings; i++) {
            stores().phrasings().insertIfAbsent(Fixtures.phrasing(concept, "Question " + i + " on " + title + "?", at));
        }
        stores().concepts().updatePhrasingScores(concept.id(), phrasings, Math.max(0, 4 - phrasings), null, at);
        return stores().concepts().find(concept.id()).orElseThrow();
    }

    private Phrasing firstPhrasing(Concept concept) {
        return stores().phrasings().findByConcept(concept.id()).get(0);
    }

    private static Function<ReviewTarget, Optional<RecordedReview>> answering(
            boolean correct, String session, Instant at) {
        InteractionId id = new InteractionId(UUID.randomUUID());
        return target -> Optional.of(REVIEWER.record(target, new Answer("A", correct, null, 900, session), id, at));
    }

    private Optional<RecordedReview> answer(Concept concept, Phrasing phrasing, boolean correct, Instant at) {
        return stores().reviews()
                .record(concept.userId(), concept.id(), phrasing.id(), "s", answering(correct, "s", at));
    }

    @Test
    default void anAnswerWritesTheCardTheCountersTheInteractionAndTheStats() {
        UserId user = Fixtures.newUser();
        Concept concept = seeded(user, "Osmosis", 2, T0);
        Phrasing phrasing = firstPhrasing(concept);
        Instant at = T0.plus(Duration.ofHours(1));

        RecordedReview recorded = answer(concept, phrasing, true, at).orElseThrow();

        assertThat(stores().concepts().find(concept.id())).contains(recorded.concept());
        assertThat(recorded.concept().card().state()).isEqualTo(State.LEARNING);
        assertThat(recorded.concept().card().learningSteps()).isEqualTo(1);
        Phrasing stored = stores().phrasings().find(phrasing.id()).orElseThrow();
        assertThat(stored.attemptCount()).isEqualTo(1);
        assertThat(stored.correctCount()).isEqualTo(1);
        assertThat(stored.lastAttemptedAt()).isEqualTo(at);
        assertThat(stores().reviews().recentForPhrasing(phrasing.id(), 10)).containsExactly(recorded.interaction());
        UserStats stats = stores().userStats().get(user);
        assertThat(stats.totals()).isEqualTo(new StatsDelta(1, 0, 1, 0));
        assertThat(stats.lastCalculated()).isEqualTo(at);
    }

    @Test
    default void aDeclinedAnswerWritesNothingButSeesTheLockedTarget() {
        UserId user = Fixtures.newUser();
        Concept concept = seeded(user, "Capillarity", 2, T0);
        Phrasing phrasing = firstPhrasing(concept);
        List<ReviewTarget> seen = new ArrayList<>();

        Optional<RecordedReview> declined = stores().reviews()
                .record(user, concept.id(), phrasing.id(), "s", target -> {
                    seen.add(target);
                    return Optional.empty();
                });

        assertThat(declined).isEmpty();
        assertThat(seen).extracting(ReviewTarget::phrasing).containsExactly(phrasing);
        assertThat(stores().concepts().find(concept.id())).contains(concept);
        assertThat(stores().phrasings().find(phrasing.id())).contains(phrasing);
        assertThat(stores().reviews().recentForPhrasing(phrasing.id(), 10)).isEmpty();
        assertThat(answer(concept, phrasing, true, T0.plusSeconds(60))).isPresent();
        assertThat(stores().reviews().recentForPhrasing(phrasing.id(), 10))
                .as("the declined answer did not mark the session as answered")
                .singleElement()
                .satisfies(i -> assertThat(i.attemptedAt()).isEqualTo(T0.plusSeconds(60)));
    }

    @Test
    default void anAnswerToAnythingNotTheUsersAndActiveWritesNothing() {
        UserId user = Fixtures.newUser();
        Concept concept = seeded(user, "Diffusion", 2, T0);
        Concept other = seeded(user, "Convection", 1, T0);
        Concept foreign = seeded(Fixtures.newUser(), "Radiation", 1, T0);
        Phrasing phrasing = firstPhrasing(concept);
        Phrasing archived = stores().phrasings().findByConcept(concept.id()).get(1);
        stores().phrasings().change(user, archived.id(), Lifecycle.ARCHIVE, T0);
        AtomicInteger decided = new AtomicInteger();
        Function<ReviewTarget, Optional<RecordedReview>> decide = target -> {
            decided.incrementAndGet();
            return answering(true, null, T0).apply(target);
        };

        assertThat(stores().reviews().record(new UserId("intruder"), concept.id(), phrasing.id(), null, decide))
                .isEmpty();
        assertThat(stores().reviews().record(user, other.id(), phrasing.id(), null, decide))
                .isEmpty();
        assertThat(stores().reviews()
                        .record(user, foreign.id(), firstPhrasing(foreign).id(), null, decide))
                .isEmpty();
        assertThat(stores().reviews().record(user, concept.id(), archived.id(), null, decide))
                .isEmpty();
        assertThat(stores().reviews().record(user, new ConceptId(UUID.randomUUID()), phrasing.id(), null, decide))
                .isEmpty();
        assertThat(stores().reviews().record(user, concept.id(), new PhrasingId(UUID.randomUUID()), null, decide))
                .isEmpty();
        stores().concepts().change(user, concept.id(), Lifecycle.DELETE, T0);
        assertThat(stores().reviews().record(user, concept.id(), phrasing.id(), null, decide))
                .isEmpty();

        assertThat(decided).hasValue(0);
        assertThat(stores().reviews().recentForPhrasing(phrasing.id(), 10)).isEmpty();
        assertThat(stores().phrasings().find(phrasing.id()).orElseThrow().attemptCount())
                .isZero();
    }

    @Test
    default void aRetryIsASecondAnswerToThePhrasingInTheSameSession() {
        UserId user = Fixtures.newUser();
        Concept concept = seeded(user, "Capillarity", 1, T0);
        Phrasing phrasing = firstPhrasing(concept);
        List<Boolean> retries = new ArrayList<>();
        String[] sessions = {"a", "a", "b", null, null};
        for (int i = 0; i < sessions.length; i++) {
            Instant at = T0.plus(Duration.ofMinutes(i));
            retries.add(stores().reviews()
                    .record(user, concept.id(), phrasing.id(), sessions[i], answering(false, sessions[i], at))
                    .orElseThrow()
                    .interaction()
                    .retry());
        }
        assertThat(retries).containsExactly(false, true, false, false, false);
    }

    @Test
    default void recentInteractionsAreThePhrasingsNewestFirst() {
        UserId user = Fixtures.newUser();
        Concept concept = seeded(user, "Buoyancy", 2, T0);
        List<Phrasing> phrasings = stores().phrasings().findByConcept(concept.id());
        List<Interaction> onFirst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Instant at = T0.plus(Duration.ofMinutes(i));
            Phrasing target = phrasings.get(i % 3 == 2 ? 1 : 0);
            Interaction recorded =
                    answer(concept, target, i % 2 == 0, at).orElseThrow().interaction();
            if (target.equals(phrasings.get(0))) {
                onFirst.add(0, recorded);
            }
        }
        assertThat(stores().reviews().recentForPhrasing(phrasings.get(0).id(), 5))
                .containsExactlyElementsOf(onFirst.subList(0, 5));
        assertThat(stores().reviews().recentForPhrasing(phrasings.get(1).id(), 10))
                .hasSize(4);
    }

    @Test
    default void concurrentAnswersToOneConceptAreSerialised() throws Exception {
        UserId user = Fixtures.newUser();
        Concept concept = seeded(user, "Surface tension", 1, T0);
        Phrasing phrasing = firstPhrasing(concept);
        AtomicInteger order = new AtomicInteger();
        List<Callable<RecordedReview>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // Each decision reads its time inside the lock, as the service does, so the answers are in time order.
            calls.add(() -> stores().reviews()
                    .record(user, concept.id(), phrasing.id(), null, target -> answering(
                                    true, null, T0.plus(Duration.ofMinutes(order.incrementAndGet())))
                            .apply(target))
                    .orElseThrow());
        }
        List<RecordedReview> results = Concurrently.run(8, calls);

        Concept last = stores().concepts().find(concept.id()).orElseThrow();
        assertThat(last.card().reps()).isEqualTo(8);
        assertThat(results)
                .extracting(r -> r.concept().card().reps())
                .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(stores().phrasings().find(phrasing.id()).orElseThrow().attemptCount())
                .isEqualTo(8);
        assertThat(stores().reviews().recentForPhrasing(phrasing.id(), 10)).hasSize(8);
        assertThat(stores().userStats()
                        .reconcile(user, T0.plus(Duration.ofDays(1)))
                        .drifted())
                .isFalse();
    }

    @Test
    default void theQueueOffersActiveDueConceptsWithSomethingToAsk() {
        UserId user = Fixtures.newUser();
        Concept early = seeded(user, "Early", 1, T0);
        Concept later = seeded(user, "Later", 2, T0.plusSeconds(60));
        Concept empty = seeded(user, "Empty", 0, T0);
        Concept archived = seeded(user, "Archived", 1, T0);
        stores().concepts().change(user, archived.id(), Lifecycle.ARCHIVE, T0);
        seeded(Fixtures.newUser(), "Someone else's", 1, T0);

        assertThat(stores().concepts().dueCandidates(user, T0.plusSeconds(60), 25))
                .extracting(Concept::id)
                .containsExactly(early.id(), later.id());
        assertThat(stores().concepts().dueCandidates(user, T0.plusSeconds(59), 25))
                .extracting(Concept::id)
                .containsExactly(early.id());
        assertThat(stores().concepts().dueCandidates(user, T0.plusSeconds(60), 1))
                .extracting(Concept::id)
                .containsExactly(early.id());
        assertThat(stores().concepts().newCandidates(user, 25))
                .extracting(Concept::id)
                .containsExactly(early.id(), later.id());

        answer(later, firstPhrasing(later), true, T0.plusSeconds(120)).orElseThrow();
        assertThat(stores().concepts().newCandidates(user, 25))
                .extracting(Concept::id)
                .containsExactly(early.id());
        DueSnapshot snapshot = stores().concepts().dueSnapshot(user, T0.plusSeconds(120));
        // Early and Empty are due; Later is due in ten minutes; Archived does not count.
        assertThat(snapshot).isEqualTo(new DueSnapshot(T0.plusSeconds(120), 2, T0.plusSeconds(720)));
        assertThat(empty.phrasingCount()).isZero();
    }

    @Test
    default void conceptLifecycleChangesKeepTheCountersExact() {
        UserId user = Fixtures.newUser();
        Concept concept = seeded(user, "Refraction", 1, T0);
        seeded(user, "Reflection", 1, T0);
        Instant t1 = T0.plusSeconds(1);

        Concept archived = stores().concepts()
                .change(user, concept.id(), Lifecycle.ARCHIVE, t1)
                .orElseThrow();
        assertThat(archived.archivedAt()).isEqualTo(t1);
        assertThat(stores().userStats().get(user).totals()).isEqualTo(new StatsDelta(1, 1, 0, 0));
        Concept again = stores().concepts()
                .change(user, concept.id(), Lifecycle.ARCHIVE, t1.plusSeconds(1))
                .orElseThrow();
        assertThat(again.archivedAt()).isEqualTo(t1);
        assertThat(stores().userStats().get(user).totals()).isEqualTo(new StatsDelta(1, 1, 0, 0));
        stores().concepts().change(user, concept.id(), Lifecycle.DELETE, t1);
        stores().concepts().change(user, concept.id(), Lifecycle.UNARCHIVE, t1);
        assertThat(stores().userStats().get(user).totals()).isEqualTo(new StatsDelta(1, 1, 0, 0));
        Concept restored = stores().concepts()
                .change(user, concept.id(), Lifecycle.RESTORE, t1)
                .orElseThrow();
        assertThat(restored.isActive()).isTrue();
        assertThat(stores().userStats().get(user).totals()).isEqualTo(new StatsDelta(2, 2, 0, 0));
        assertThat(stores().concepts().change(Fixtures.newUser(), concept.id(), Lifecycle.DELETE, t1))
                .isEmpty();
        assertThat(stores().concepts().change(user, new ConceptId(UUID.randomUUID()), Lifecycle.DELETE, t1))
                .isEmpty();
        assertThat(stores().userStats().reconcile(user, t1).drifted()).isFalse();
    }

    @Test
    default void phrasingLifecycleChangesRescoreTheConcept() {
        UserId user = Fixtures.newUser();
        Concept concept = seeded(user, "Diffraction", 1, T0);
        Phrasing phrasing = firstPhrasing(concept);
        Instant t1 = T0.plusSeconds(1);

        Phrasing deleted = stores().phrasings()
                .change(user, phrasing.id(), Lifecycle.DELETE, t1)
                .orElseThrow();
        assertThat(deleted.deletedAt()).isEqualTo(t1);
        Concept bare = stores().concepts().find(concept.id()).orElseThrow();
        assertThat(bare.phrasingCount()).isZero();
        assertThat(bare.thinScore()).isEqualTo(4);
        assertThat(stores().concepts().dueCandidates(user, t1, 25)).isEmpty();
        assertThat(stores().phrasings().change(Fixtures.newUser(), phrasing.id(), Lifecycle.RESTORE, t1))
                .isEmpty();
        assertThat(stores().phrasings().change(user, new PhrasingId(UUID.randomUUID()), Lifecycle.RESTORE, t1))
                .isEmpty();

        stores().phrasings().change(user, phrasing.id(), Lifecycle.RESTORE, t1);
        Concept back = stores().concepts().find(concept.id()).orElseThrow();
        assertThat(back.phrasingCount()).isEqualTo(1);
        assertThat(back.thinScore()).isEqualTo(3);
        assertThat(stores().concepts().dueCandidates(user, t1, 25))
                .extracting(Concept::id)
                .containsExactly(concept.id());
        assertThat(stores().userStats().get(user).totals()).isEqualTo(new StatsDelta(1, 1, 0, 0));
    }

    @Test
    default void reconcileRecountsAndReportsTheDrift() {
        UserId user = Fixtures.newUser();
        Concept concept = seeded(user, "Resonance", 1, T0);
        seeded(user, "Damping", 1, T0);
        answer(concept, firstPhrasing(concept), true, T0.plusSeconds(5));
        stores().userStats().apply(user, new StatsDelta(3, -1, 0, 2), T0.plusSeconds(6));

        Reconciliation reconciliation = stores().userStats().reconcile(user, T0.plusSeconds(10));

        assertThat(reconciliation.before().totals()).isEqualTo(new StatsDelta(5, 0, 1, 2));
        assertThat(reconciliation.after()).isEqualTo(new UserStats(user, 2, 1, 1, 0, T0.plusSeconds(10)));
        assertThat(reconciliation.drift()).isEqualTo(new StatsDelta(-3, 1, 0, -2));
        assertThat(reconciliation.due().dueNowCount()).isEqualTo(1);
        assertThat(stores().userStats().get(user)).isEqualTo(reconciliation.after());
        assertThat(stores().userStats()
                        .reconcile(Fixtures.newUser(), T0)
                        .after()
                        .totals())
                .isEqualTo(StatsDelta.NONE);
    }
}
