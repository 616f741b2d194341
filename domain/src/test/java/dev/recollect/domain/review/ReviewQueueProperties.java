package dev.recollect.domain.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.Parameters;
import dev.recollect.domain.fsrs.Rating;
import dev.recollect.domain.fsrs.Scheduler;
import dev.recollect.domain.generation.PhrasingType;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The queue's order and its choice of phrasing. */
class ReviewQueueProperties {
    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    private static final UserId USER = new UserId("learner");
    private static final Scheduler SCHEDULER = new Scheduler(Parameters.defaults());
    private static final ReviewQueue QUEUE = new ReviewQueue(SCHEDULER);
    private static final Instant NOW = T0.plus(Duration.ofDays(40));

    @SeededProperty
    void theUrgentTierComesFirstAndTheRestIsSorted(@ForAll("concepts") List<Concept> concepts, @ForAll long seed) {
        List<RankedConcept> ranked = QUEUE.rank(concepts, NOW, new SplittableRandom(seed));

        assertThat(ranked.stream().map(RankedConcept::concept)).containsExactlyInAnyOrderElementsOf(concepts);
        if (ranked.isEmpty()) {
            return;
        }
        double lowest =
                ranked.stream().mapToDouble(RankedConcept::retrievability).min().orElseThrow();
        int tier = (int) ranked.stream()
                .filter(r -> r.retrievability() <= lowest + ReviewQueue.URGENCY_DELTA)
                .count();
        for (int i = 0; i < ranked.size(); i++) {
            RankedConcept r = ranked.get(i);
            assertThat(r.retrievability()).isEqualTo(QUEUE.retrievabilityOf(r.concept(), NOW));
            if (i < tier) {
                assertThat(r.retrievability()).isLessThanOrEqualTo(lowest + ReviewQueue.URGENCY_DELTA);
            } else {
                assertThat(r.retrievability()).isGreaterThan(lowest + ReviewQueue.URGENCY_DELTA);
                assertThat(r.retrievability())
                        .isGreaterThanOrEqualTo(ranked.get(i - 1).retrievability());
            }
        }
    }

    @SeededProperty
    void aSeedReplaysTheSameQueueAndNewCardsComeBeforeReviewedOnes(
            @ForAll("concepts") List<Concept> concepts, @ForAll long seed) {
        List<RankedConcept> first = QUEUE.rank(concepts, NOW, new SplittableRandom(seed));
        assertThat(QUEUE.rank(concepts, NOW, new SplittableRandom(seed))).isEqualTo(first);

        boolean reviewedSeen = false;
        for (RankedConcept r : first) {
            boolean isNew = r.retrievability() == ReviewQueue.NEVER_REVIEWED;
            assertThat(isNew && reviewedSeen)
                    .as("a new card after a reviewed one")
                    .isFalse();
            reviewedSeen |= !isNew;
            if (!isNew) {
                assertThat(r.retrievability()).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void theUrgentTierIsReallyShuffledAndNothingElseIs() {
        List<Concept> concepts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            concepts.add(concept(i, Card.empty(T0)));
        }
        Concept reviewed = concept(99, reviewedCard(List.of(Rating.GOOD, Rating.GOOD)));
        concepts.add(reviewed);
        Set<List<RankedConcept>> orders = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            List<RankedConcept> ranked = QUEUE.rank(concepts, NOW, new SplittableRandom(seed));
            assertThat(ranked.get(8).concept()).isEqualTo(reviewed);
            orders.add(ranked);
        }
        assertThat(orders).hasSizeGreaterThan(10);
    }

    @Test
    void retrievabilityIsTheSchedulersForAReviewedCardAndMinusOneWithoutMemory() {
        Card reviewed = reviewedCard(List.of(Rating.GOOD, Rating.GOOD, Rating.GOOD));
        double expected = SCHEDULER.retrievability(reviewed, NOW);
        assertThat(expected).isStrictlyBetween(0.0, 1.0);
        assertThat(QUEUE.retrievabilityOf(concept(1, reviewed), NOW)).isEqualTo(expected);
        assertThat(QUEUE.retrievabilityOf(concept(2, Card.empty(T0)), NOW)).isEqualTo(ReviewQueue.NEVER_REVIEWED);
        // A card that claims a state but was never reviewed (imported, or hand-edited) has no memory either.
        Card unreviewed = new Card(
                reviewed.due(),
                reviewed.stability(),
                reviewed.difficulty(),
                reviewed.elapsedDays(),
                reviewed.scheduledDays(),
                reviewed.learningSteps(),
                0,
                reviewed.lapses(),
                reviewed.state(),
                reviewed.lastReview());
        assertThat(QUEUE.retrievabilityOf(concept(3, unreviewed), NOW)).isEqualTo(ReviewQueue.NEVER_REVIEWED);
        // A forgotten card keeps its count of reviews but is new again, so it has no memory to rank by.
        Card forgotten = SCHEDULER.forget(reviewed, NOW, false).card();
        assertThat(forgotten.reps()).isPositive();
        assertThat(QUEUE.retrievabilityOf(concept(4, forgotten), NOW)).isEqualTo(ReviewQueue.NEVER_REVIEWED);
    }

    @Test
    void aQueueRanksAtMostTwentyFiveCandidates() {
        List<Concept> many = new ArrayList<>();
        for (int i = 0; i < ReviewQueue.CANDIDATES + 1; i++) {
            many.add(concept(i, Card.empty(T0)));
        }
        assertThat(QUEUE.rank(many.subList(0, ReviewQueue.CANDIDATES), NOW, new SplittableRandom(1)))
                .hasSize(ReviewQueue.CANDIDATES);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> QUEUE.rank(many, NOW, new SplittableRandom(1)))
                .withMessage("a queue ranks at most 25 candidates, got 26");
    }

    @SeededProperty
    void theCanonicalPhrasingWinsWhenActiveElseTheLeastSeen(
            @ForAll("phrasings") List<Phrasing> phrasings, @ForAll boolean pickCanonical) {
        PhrasingId canonical =
                pickCanonical && !phrasings.isEmpty() ? phrasings.get(0).id() : null;
        Concept concept = concept(0, Card.empty(T0), canonical);
        List<Phrasing> eligible = phrasings.stream()
                .filter(Phrasing::isActive)
                .filter(p -> p.conceptId().equals(concept.id()))
                .toList();

        var chosen = ReviewQueue.choosePhrasing(concept, phrasings);

        assertThat(chosen.isPresent()).isEqualTo(!eligible.isEmpty());
        if (chosen.isEmpty()) {
            return;
        }
        Phrasing pick = chosen.get();
        assertThat(eligible).contains(pick);
        boolean canonicalEligible = eligible.stream().anyMatch(p -> p.id().equals(canonical));
        if (canonicalEligible) {
            assertThat(pick.id()).isEqualTo(canonical);
            return;
        }
        for (Phrasing other : eligible) {
            assertThat(pick.attemptCount()).isLessThanOrEqualTo(other.attemptCount());
            if (pick.attemptCount() == other.attemptCount()) {
                assertThat(seenAt(pick)).isBeforeOrEqualTo(seenAt(other));
                if (seenAt(pick).equals(seenAt(other))) {
                    assertThat(pick.createdAt()).isBeforeOrEqualTo(other.createdAt());
                }
            }
        }
    }

    private static Instant seenAt(Phrasing phrasing) {
        return phrasing.lastAttemptedAt() == null ? Instant.MIN : phrasing.lastAttemptedAt();
    }

    @Provide
    Arbitrary<List<Concept>> concepts() {
        Arbitrary<List<Rating>> histories = Arbitraries.of(Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY)
                .list()
                .ofMaxSize(5);
        return histories.list().ofMaxSize(ReviewQueue.CANDIDATES).map(all -> {
            List<Concept> concepts = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                concepts.add(concept(i, reviewedCard(all.get(i))));
            }
            return concepts;
        });
    }

    @Provide
    Arbitrary<@Size(max = 8) List<Phrasing>> phrasings() {
        Arbitrary<Phrasing> one = Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(-1, 2),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(0, 1 << 20))
                .as((attempts, seenDay, createdDay, flags, id) -> phrasing(
                        id,
                        flags == 4 ? new ConceptId(new UUID(9, 9)) : conceptId(0),
                        attempts,
                        seenDay < 0 ? null : T0.plus(Duration.ofDays(seenDay)),
                        T0.minus(Duration.ofDays(createdDay)),
                        flags == 3 ? T0 : null,
                        flags == 5 ? T0 : null));
        return one.list().ofMaxSize(8).uniqueElements(Phrasing::id);
    }

    private static Card reviewedCard(List<Rating> ratings) {
        Card card = Card.empty(T0);
        Instant at = T0;
        for (Rating rating : ratings) {
            card = SCHEDULER.next(card, at, rating).card();
            at = card.due().isAfter(at) ? card.due() : at.plusSeconds(60);
        }
        return card;
    }

    private static ConceptId conceptId(int n) {
        return new ConceptId(new UUID(1, n));
    }

    private static Concept concept(int n, Card card) {
        return concept(n, card, null);
    }

    private static Concept concept(int n, Card card, PhrasingId canonical) {
        return new Concept(conceptId(n), USER, "c" + n, null, card, canonical, 1, null, null, null, T0, T0, null, null);
    }

    private static Phrasing phrasing(
            int n,
            ConceptId concept,
            int attempts,
            Instant lastAttempted,
            Instant created,
            Instant archived,
            Instant deleted) {
        return new Phrasing(
                new PhrasingId(new UUID(2, n)),
                USER,
                concept,
                "Q" + n + "?",
                null,
                PhrasingType.TRUE_FALSE,
                List.of("True", "False"),
                "True",
                attempts,
                0,
                lastAttempted,
                null,
                created,
                archived,
                deleted);
    }
}
