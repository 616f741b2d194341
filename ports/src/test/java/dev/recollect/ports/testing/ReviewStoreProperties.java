package dev.recollect.ports.testing;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.InteractionId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Parameters;
import dev.recollect.domain.fsrs.Rating;
import dev.recollect.domain.fsrs.Scheduler;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.generation.ConceptScores;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Lifecycle;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.review.Answer;
import dev.recollect.domain.review.Interaction;
import dev.recollect.domain.review.PastReview;
import dev.recollect.domain.review.RecordedReview;
import dev.recollect.domain.review.ReviewTarget;
import dev.recollect.domain.review.Reviewer;
import dev.recollect.domain.stats.DueSnapshot;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.out.Persistence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * What every {@code ReviewStore} must do, with the queue, lifecycle and counter parts of the concept, phrasing and
 * counter stores that reviews rely on, as properties; each try works with learners of its own, so that tries can share
 * one database.
 */
public interface ReviewStoreProperties {
    /** FSRS without fuzz, so that the expected cards are exact. */
    Reviewer REVIEWER = new Reviewer(new Scheduler(Parameters.defaults()));

    /** The stores under test; called once per try. */
    Persistence stores();

    /** Inserts a concept created at {@code at} with {@code phrasings} phrasings, scored as the pipeline scores. */
    static Concept seeded(Persistence stores, UserId user, String title, int phrasings, Instant at) {
        Concept concept = Fixtures.concept(user, title, null, at);
        stores.concepts().insertAll(List.of(concept), StatsDelta.conceptsCreated(1), at);
        for (int i = 0; i < phrasings; i++) {
            stores.phrasings().insertIfAbsent(Fixtures.phrasing(concept, "Question " + i + " on " + title + "?", at));
        }
        stores.concepts()
                .updatePhrasingScores(concept.id(), phrasings, boxed(ConceptScores.thinScore(phrasings)), null, at);
        return stores.concepts().find(concept.id()).orElseThrow();
    }

    private static Integer boxed(java.util.OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    /** One answer: to phrasing 0 or 1, right or wrong, in a session or none, some minutes after the last. */
    record Attempt(int phrasing, boolean correct, String session, int minutesLater) {}

    @Provide
    default Arbitrary<List<Attempt>> attempts() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.of(true, false),
                        Arbitraries.of("a", "b").injectNull(0.3),
                        Arbitraries.of(0, 1, 10, 600, 60 * 24 * 3))
                .as(Attempt::new)
                .list()
                .ofMaxSize(14);
    }

    /**
     * Each answer is decided on the concept as the last answer left it, under the lock, and written whole: the card
     * the reviewer decided, the phrasing's counts and last attempt, the interaction (a retry exactly when the session
     * already answered that phrasing) among the phrasing's newest first, and counters that a recount confirms.
     */
    @SeededProperty
    default void answersAreDecidedOnTheLatestStateAndWrittenWhole(@ForAll("attempts") List<Attempt> attempts) {
        Persistence stores = stores();
        UserId learner = Fixtures.newUser();
        Concept concept = seeded(stores, learner, "Osmosis", 2, T0);
        seeded(stores, learner, "Diffusion", 1, T0);
        List<Phrasing> phrasings = stores.phrasings().findByConcept(concept.id());
        Map<PhrasingId, List<Interaction>> newestFirst = new HashMap<>();
        Map<PhrasingId, int[]> counts = new HashMap<>();
        Map<String, List<PhrasingId>> sessions = new HashMap<>();
        Concept last = concept;
        Instant now = T0;
        for (Attempt attempt : attempts) {
            now = now.plus(Duration.ofMinutes(attempt.minutesLater()));
            Phrasing phrasing = phrasings.get(attempt.phrasing());
            AtomicReference<ReviewTarget> seen = new AtomicReference<>();
            Instant at = now;

            RecordedReview recorded = stores.reviews()
                    .record(learner, concept.id(), phrasing.id(), attempt.session(), target -> {
                        seen.set(target);
                        return Optional.of(REVIEWER.record(
                                target,
                                new Answer("A", attempt.correct(), null, 900, attempt.session()),
                                new InteractionId(UUID.randomUUID()),
                                at));
                    })
                    .orElseThrow();

            boolean retry = attempt.session() != null
                    && sessions.getOrDefault(attempt.session(), List.of()).contains(phrasing.id());
            assertThat(seen.get().concept()).isEqualTo(last);
            assertThat(seen.get().retry()).isEqualTo(retry);
            assertThat(recorded.interaction().retry()).isEqualTo(retry);
            last = recorded.concept();
            assertThat(stores.concepts().find(concept.id())).contains(last);
            newestFirst.computeIfAbsent(phrasing.id(), k -> new ArrayList<>()).add(0, recorded.interaction());
            int[] c = counts.computeIfAbsent(phrasing.id(), k -> new int[2]);
            c[0]++;
            c[1] += attempt.correct() ? 1 : 0;
            if (attempt.session() != null) {
                sessions.computeIfAbsent(attempt.session(), k -> new ArrayList<>())
                        .add(phrasing.id());
            }
            Phrasing stored = stores.phrasings().find(phrasing.id()).orElseThrow();
            assertThat(new int[] {stored.attemptCount(), stored.correctCount()}).isEqualTo(c);
            assertThat(stored.lastAttemptedAt()).isEqualTo(at);
        }
        assertThat(last.card().reps()).isEqualTo(attempts.size());
        for (Phrasing phrasing : phrasings) {
            // Newest first; answers of the same instant by id, as PostgreSQL orders uuids.
            List<Interaction> expected = newestFirst.getOrDefault(phrasing.id(), List.of()).stream()
                    .sorted(Comparator.comparing(Interaction::attemptedAt)
                            .thenComparing(Interaction::id)
                            .reversed())
                    .toList();
            assertThat(stores.reviews().recentForPhrasing(phrasing.id(), 10))
                    .isEqualTo(expected.subList(0, Math.min(10, expected.size())));
            assertThat(stores.reviews().recentForPhrasing(phrasing.id(), 3))
                    .isEqualTo(expected.subList(0, Math.min(3, expected.size())));
        }
        assertThat(stores.userStats().get(learner).totals())
                .isEqualTo(StatsDelta.of(last).plus(StatsDelta.conceptsCreated(1)));
        assertThat(stores.userStats().reconcile(learner, now).drifted()).isFalse();
    }

    /** One answer of a learner's history: to which of two concepts, right or wrong, rated or not, how much later. */
    record Answered(int concept, boolean correct, Integer rating, int minutesLater) {}

    @Provide
    default Arbitrary<List<Answered>> histories() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(1, 4).injectNull(0.4),
                        Arbitraries.of(0, 1, 600, 60 * 24, 60 * 24 * 9))
                .as(Answered::new)
                .list()
                .ofMaxSize(12);
    }

    /**
     * A learner's history is every answer they recorded and no one else's, oldest first and at the same instant by
     * id, each with the rating FSRS received (the learner's, or Good when right and Again when wrong) and the state
     * it left the concept in; archiving a concept keeps its answers in the history.
     */
    @SeededProperty
    default void aLearnersHistoryIsEveryAnswerTheyRecorded(
            @ForAll("histories") List<Answered> history, @ForAll boolean archiveOne) {
        Persistence stores = stores();
        UserId learner = Fixtures.newUser();
        UserId other = Fixtures.newUser();
        List<Concept> concepts =
                List.of(seeded(stores, learner, "Osmosis", 1, T0), seeded(stores, learner, "Diffusion", 1, T0));
        Concept theirs = seeded(stores, other, "Osmosis", 1, T0);
        List<Interaction> expected = new ArrayList<>();
        Instant at = T0;
        for (Answered answered : history) {
            at = at.plus(Duration.ofMinutes(answered.minutesLater()));
            Concept concept = concepts.get(answered.concept());
            expected.add(answer(stores, concept, answered.correct(), answered.rating(), at));
            answer(stores, theirs, !answered.correct(), null, at);
        }
        if (archiveOne) {
            stores.concepts().change(learner, concepts.get(0).id(), Lifecycle.ARCHIVE, at);
        }

        List<PastReview> read = stores.reviews().history(learner);

        assertThat(read)
                .isEqualTo(expected.stream()
                        .sorted(Comparator.comparing(Interaction::attemptedAt).thenComparing(Interaction::id))
                        .map(i -> new PastReview(
                                i.conceptId(),
                                i.attemptedAt(),
                                i.rating() != null ? i.rating() : i.correct() ? Rating.GOOD : Rating.AGAIN,
                                i.fsrsState()))
                        .toList());
        assertThat(stores.reviews().history(Fixtures.newUser())).isEmpty();
    }

    /** Records an answer to the first phrasing of {@code concept} at {@code at}; returns its interaction. */
    private Interaction answer(Persistence stores, Concept concept, boolean correct, Integer rating, Instant at) {
        Phrasing phrasing = stores.phrasings().findByConcept(concept.id()).get(0);
        return stores.reviews()
                .record(
                        concept.userId(),
                        concept.id(),
                        phrasing.id(),
                        null,
                        target -> Optional.of(REVIEWER.record(
                                target,
                                new Answer("A", correct, rating == null ? null : Rating.ofGrade(rating), null, null),
                                new InteractionId(UUID.randomUUID()),
                                at)))
                .orElseThrow()
                .interaction();
    }

    /** Ways an answer can miss. */
    enum Miss {
        INTRUDER,
        PHRASING_OF_ANOTHER_CONCEPT,
        ANOTHER_LEARNERS_CONCEPT,
        ARCHIVED_PHRASING,
        DELETED_PHRASING,
        ARCHIVED_CONCEPT,
        DELETED_CONCEPT,
        NO_SUCH_CONCEPT,
        NO_SUCH_PHRASING,
        DECLINED
    }

    /**
     * An answer to anything but an active phrasing of the learner's active concept is never decided; one the decision
     * declines sees its target; neither writes anything, and the next answer is not taken for a retry.
     */
    @SeededProperty
    default void anAnswerThatMissesWritesNothing(@ForAll Miss miss, @ForAll boolean inASession) {
        Persistence stores = stores();
        UserId learner = Fixtures.newUser();
        Concept concept = seeded(stores, learner, "Diffusion", 2, T0);
        Concept other = seeded(stores, learner, "Convection", 1, T0);
        Concept foreign = seeded(stores, Fixtures.newUser(), "Radiation", 1, T0);
        Phrasing phrasing = stores.phrasings().findByConcept(concept.id()).get(0);
        Phrasing second = stores.phrasings().findByConcept(concept.id()).get(1);
        UserId by = miss == Miss.INTRUDER ? Fixtures.newUser() : learner;
        ConceptId conceptId =
                switch (miss) {
                    case ANOTHER_LEARNERS_CONCEPT -> foreign.id();
                    case NO_SUCH_CONCEPT -> new ConceptId(UUID.randomUUID());
                    default -> concept.id();
                };
        PhrasingId phrasingId =
                switch (miss) {
                    case PHRASING_OF_ANOTHER_CONCEPT -> stores.phrasings()
                            .findByConcept(other.id())
                            .get(0)
                            .id();
                    case ANOTHER_LEARNERS_CONCEPT -> stores.phrasings()
                            .findByConcept(foreign.id())
                            .get(0)
                            .id();
                    case ARCHIVED_PHRASING, DELETED_PHRASING -> second.id();
                    case NO_SUCH_PHRASING -> new PhrasingId(UUID.randomUUID());
                    default -> phrasing.id();
                };
        switch (miss) {
            case ARCHIVED_PHRASING -> stores.phrasings().change(learner, second.id(), Lifecycle.ARCHIVE, T0);
            case DELETED_PHRASING -> stores.phrasings().change(learner, second.id(), Lifecycle.DELETE, T0);
            case ARCHIVED_CONCEPT -> stores.concepts().change(learner, concept.id(), Lifecycle.ARCHIVE, T0);
            case DELETED_CONCEPT -> stores.concepts().change(learner, concept.id(), Lifecycle.DELETE, T0);
            default -> {}
        }
        String session = inASession ? "s" : null;
        Concept before = stores.concepts().find(concept.id()).orElseThrow();
        var countersBefore = stores.userStats().get(learner);
        List<ReviewTarget> seen = new ArrayList<>();
        Function<ReviewTarget, Optional<RecordedReview>> decide = target -> {
            seen.add(target);
            return miss == Miss.DECLINED
                    ? Optional.empty()
                    : Optional.of(REVIEWER.record(
                            target,
                            new Answer("A", true, null, 900, session),
                            new InteractionId(UUID.randomUUID()),
                            T0));
        };

        assertThat(stores.reviews().record(by, conceptId, phrasingId, session, decide))
                .isEmpty();

        assertThat(seen).hasSize(miss == Miss.DECLINED ? 1 : 0);
        seen.forEach(target -> assertThat(target.phrasing()).isEqualTo(phrasing));
        assertThat(stores.concepts().find(concept.id())).contains(before);
        assertThat(stores.userStats().get(learner)).isEqualTo(countersBefore);
        for (Phrasing each : List.of(phrasing, second)) {
            assertThat(stores.reviews().recentForPhrasing(each.id(), 10)).isEmpty();
            assertThat(stores.phrasings().find(each.id()).orElseThrow().attemptCount())
                    .isZero();
        }
        if (miss == Miss.DECLINED) {
            RecordedReview next = stores.reviews()
                    .record(
                            learner,
                            concept.id(),
                            phrasing.id(),
                            session,
                            target -> Optional.of(REVIEWER.record(
                                    target,
                                    new Answer("A", true, null, 900, session),
                                    new InteractionId(UUID.randomUUID()),
                                    T0.plusSeconds(60))))
                    .orElseThrow();
            assertThat(next.interaction().retry())
                    .as("the declined answer did not mark the session as answered")
                    .isFalse();
        }
    }

    /** A concept of the queue property: phrasings, minutes after T0 it was created, and what became of it. */
    record Seed(int phrasings, int minutes, Lifecycle change) {}

    @Provide
    default Arbitrary<List<Seed>> seeds() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.of(Lifecycle.class).injectNull(0.5))
                .as(Seed::new)
                .list()
                .ofMaxSize(7);
    }

    /**
     * The queue offers the learner's active concepts that have something to ask: the due ones soonest first, new ones
     * oldest first, ties by id; the snapshot counts every active concept due now and names the next one due later.
     */
    @SeededProperty
    default void theQueueOffersActiveConceptsWithSomethingToAskInOrder(
            @ForAll("seeds") List<Seed> seeds,
            @ForAll @IntRange(max = 7) int minutesLater,
            @ForAll @IntRange(min = 1, max = 8) int limit,
            @ForAll boolean answerOne) {
        Persistence stores = stores();
        UserId learner = Fixtures.newUser();
        seeded(stores, Fixtures.newUser(), "Someone else's", 1, T0);
        List<Concept> concepts = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            Seed seed = seeds.get(i);
            Concept concept = seeded(
                    stores, learner, "Concept " + i, seed.phrasings(), T0.plus(Duration.ofMinutes(seed.minutes())));
            if (seed.change() != null) {
                stores.concepts().change(learner, concept.id(), seed.change(), T0);
            }
            concepts.add(stores.concepts().find(concept.id()).orElseThrow());
        }
        Instant now = T0.plus(Duration.ofMinutes(minutesLater));
        Optional<Concept> answerable = concepts.stream()
                .filter(c ->
                        c.isActive() && c.phrasingCount() > 0 && !c.card().due().isAfter(now))
                .findFirst();
        if (answerOne && answerable.isPresent()) {
            Concept target = answerable.get();
            Phrasing phrasing = stores.phrasings().findByConcept(target.id()).get(0);
            RecordedReview recorded = stores.reviews()
                    .record(
                            learner,
                            target.id(),
                            phrasing.id(),
                            null,
                            t -> Optional.of(REVIEWER.record(
                                    t,
                                    new Answer("A", true, null, 900, null),
                                    new InteractionId(UUID.randomUUID()),
                                    now)))
                    .orElseThrow();
            concepts.set(concepts.indexOf(target), recorded.concept());
        }
        List<Concept> active = concepts.stream().filter(Concept::isActive).toList();

        assertThat(stores.concepts().dueCandidates(learner, now, limit))
                .isEqualTo(active.stream()
                        .filter(c -> c.phrasingCount() > 0 && !c.card().due().isAfter(now))
                        .sorted(Comparator.comparing((Concept c) -> c.card().due())
                                .thenComparing(Concept::id))
                        .limit(limit)
                        .toList());
        assertThat(stores.concepts().newCandidates(learner, limit))
                .isEqualTo(active.stream()
                        .filter(c -> c.phrasingCount() > 0 && c.card().state() == State.NEW)
                        .sorted(Comparator.comparing(Concept::createdAt).thenComparing(Concept::id))
                        .limit(limit)
                        .toList());
        assertThat(stores.concepts().dueSnapshot(learner, now))
                .isEqualTo(new DueSnapshot(
                        now,
                        (int) active.stream()
                                .filter(c -> !c.card().due().isAfter(now))
                                .count(),
                        active.stream()
                                .map(c -> c.card().due())
                                .filter(d -> d.isAfter(now))
                                .min(Comparator.naturalOrder())
                                .orElse(null)));
    }

    /**
     * Any run of lifecycle changes to a learner's concepts and phrasings keeps the counters equal to a recount, a
     * concept's phrasing count and thin score equal to its active phrasings, and answers nothing for another learner
     * or a missing item; a change that changes nothing keeps the first time it was made.
     */
    @SeededProperty
    default void lifecycleChangesKeepCountersAndScoresExact(@ForAll("changes") List<Change> changes) {
        Persistence stores = stores();
        UserId learner = Fixtures.newUser();
        List<Concept> concepts =
                List.of(seeded(stores, learner, "Refraction", 2, T0), seeded(stores, learner, "Reflection", 1, T0));
        Instant now = T0;
        for (Change change : changes) {
            now = now.plusSeconds(1);
            Concept concept = concepts.get(change.concept());
            if (change.phrasing() < 0) {
                Concept before = stores.concepts().find(concept.id()).orElseThrow();
                Concept after = stores.concepts()
                        .change(learner, concept.id(), change.lifecycle(), now)
                        .orElseThrow();
                assertThat(after).isEqualTo(before.with(change.lifecycle(), now));
            } else {
                List<Phrasing> phrasings = stores.phrasings().findByConcept(concept.id());
                Phrasing phrasing = phrasings.get(change.phrasing() % phrasings.size());
                Phrasing after = stores.phrasings()
                        .change(learner, phrasing.id(), change.lifecycle(), now)
                        .orElseThrow();
                assertThat(after).isEqualTo(phrasing.with(change.lifecycle(), now));
                int active = (int) stores.phrasings().findByConcept(concept.id()).stream()
                        .filter(Phrasing::isActive)
                        .count();
                Concept rescored = stores.concepts().find(concept.id()).orElseThrow();
                assertThat(rescored.phrasingCount()).isEqualTo(active);
                assertThat(rescored.thinScore()).isEqualTo(boxed(ConceptScores.thinScore(active)));
            }
            StatsDelta recount = concepts.stream()
                    .map(c -> stores.concepts().find(c.id()).orElseThrow())
                    .filter(Concept::isActive)
                    .map(StatsDelta::of)
                    .reduce(StatsDelta.NONE, StatsDelta::plus);
            assertThat(stores.userStats().get(learner).totals()).isEqualTo(recount);
        }
        UserId stranger = Fixtures.newUser();
        assertThat(stores.concepts().change(stranger, concepts.get(0).id(), Lifecycle.DELETE, now))
                .isEmpty();
        assertThat(stores.concepts().change(learner, new ConceptId(UUID.randomUUID()), Lifecycle.DELETE, now))
                .isEmpty();
        PhrasingId first =
                stores.phrasings().findByConcept(concepts.get(0).id()).get(0).id();
        assertThat(stores.phrasings().change(stranger, first, Lifecycle.RESTORE, now))
                .isEmpty();
        assertThat(stores.phrasings().change(learner, new PhrasingId(UUID.randomUUID()), Lifecycle.RESTORE, now))
                .isEmpty();
        assertThat(stores.userStats().reconcile(learner, now).drifted()).isFalse();
    }

    /** One lifecycle change: to concept 0 or 1, itself (phrasing -1) or one of its phrasings. */
    record Change(int concept, int phrasing, Lifecycle lifecycle) {}

    @Provide
    default Arbitrary<List<Change>> changes() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(-1, 1),
                        Arbitraries.of(Lifecycle.class))
                .as(Change::new)
                .list()
                .ofMaxSize(12);
    }
}
