package dev.recollect.ports.testing;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.InteractionId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Scheduler;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.review.Answer;
import dev.recollect.domain.review.RecordedReview;
import dev.recollect.domain.review.ReviewTarget;
import dev.recollect.domain.review.Reviewer;
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
        return ReviewStoreProperties.seeded(stores(), user, title, phrasings, at);
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
