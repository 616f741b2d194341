package dev.recollect.ports.service;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.UserId;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.review.Judgement;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.domain.testing.DomainArbitraries;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.in.InvalidCommandException;
import dev.recollect.ports.in.RecordInteraction;
import dev.recollect.ports.testing.Fixtures;
import dev.recollect.ports.testing.InMemoryStores;
import dev.recollect.ports.testing.MutableClock;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/** Answers through the review use case, over fresh in-memory stores for each try. */
class ReviewsProperties {
    /** One learner's concept with one phrasing, and the use case over them. */
    private static final class World {
        final InMemoryStores stores = new InMemoryStores();
        final UserId owner;
        final Concept concept;
        final Phrasing phrasing;
        final Reviews reviews;
        final MutableClock clock = new MutableClock(T0);

        World(UserId owner) {
            this.owner = owner;
            concept = Fixtures.concept(owner, "Tides", null, clock.instant());
            stores.concepts().insertAll(List.of(concept), StatsDelta.conceptsCreated(1), clock.instant());
            phrasing = Fixtures.phrasing(concept, "Why are there tides?", clock.instant());
            stores.phrasings().insertIfAbsent(phrasing);
            stores.concepts().updatePhrasingScores(concept.id(), 1, null, null, clock.instant());
            reviews = Fixtures.reviews(stores, clock, 1);
        }

        RecordInteraction.Command answer(String learner, Integer rating, Integer timeSpent) {
            return new RecordInteraction.Command(
                    learner, concept.id().toString(), phrasing.id().toString(), "A", rating, timeSpent, null);
        }
    }

    @Provide
    Arbitrary<UserId> learners() {
        return DomainArbitraries.userIds();
    }

    /** An answer by anyone but the owner is not found, with the reference's message, and writes nothing. */
    @SeededProperty
    void anAnswerByAnyoneButTheOwnerIsNotFoundAndWritesNothing(
            @ForAll("learners") UserId owner, @ForAll("learners") UserId other) {
        Assume.that(!owner.equals(other));
        World world = new World(owner);
        List<Object> before = world.stores.everything();

        RecordInteraction.Result result = world.reviews.record(world.answer(other.value(), null, null));

        assertThat(result).isInstanceOf(RecordInteraction.Result.NotFound.class);
        assertThat(((RecordInteraction.Result.NotFound) result).message())
                .isEqualTo("Concept or phrasing not found or unauthorized");
        assertThat(world.stores.everything()).isEqualTo(before);
        assertThat(world.reviews.record(world.answer(owner.value(), null, null)))
                .isInstanceOf(RecordInteraction.Result.Recorded.class);
    }

    @Provide
    Arbitrary<Integer> badRatings() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-1000, 0), Arbitraries.integers().between(5, 1000));
    }

    /** A rating outside 1 to 4, or a negative time, is refused by name and writes nothing. */
    @SeededProperty
    void ratingsAndTimesAreCheckedByName(@ForAll("badRatings") int rating, @ForAll("negativeTimes") int timeSpent) {
        World world = new World(Fixtures.newUser());
        List<Object> before = world.stores.everything();
        String message =
                rating < 1 ? "rating: must be greater than or equal to 1" : "rating: must be less than or equal to 4";
        assertThatThrownBy(() -> world.reviews.record(world.answer(world.owner.value(), rating, 1)))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> world.reviews.record(world.answer(world.owner.value(), null, timeSpent)))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("timeSpentMs");
        assertThat(world.stores.everything()).isEqualTo(before);
    }

    @Provide
    Arbitrary<Integer> negativeTimes() {
        return Arbitraries.integers().between(Integer.MIN_VALUE, -1);
    }

    @Provide
    Arbitrary<String> answers() {
        // Options are A, B and C (A is right): numbers in and out of range, letters, option texts, free text, blanks.
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-1, 5).map(String::valueOf),
                Arbitraries.of("a", "B", "c", "d", "A ", " b"),
                Arbitraries.of("A", "B", "C").map(o -> "  " + o.toLowerCase(java.util.Locale.ROOT) + " "),
                Arbitraries.strings().alpha().ofMinLength(2).ofMaxLength(12),
                Arbitraries.of("", "   ", "\t"));
    }

    /**
     * Any answer is read and judged as the domain reads it against the stored phrasing: one it can read is recorded
     * as read, right exactly when it names the correct option; one it cannot read is refused with the reason and
     * writes nothing.
     */
    @SeededProperty
    void anyAnswerIsJudgedAsTheDomainJudgesIt(@ForAll("answers") String answer) {
        World world = new World(Fixtures.newUser());
        List<Object> before = world.stores.everything();
        Judgement expected = Judgement.of(world.phrasing, answer);

        RecordInteraction.Result result = world.reviews.record(new RecordInteraction.Command(
                world.owner.value(),
                world.concept.id().toString(),
                world.phrasing.id().toString(),
                answer,
                null,
                null,
                null));

        expected.fold(
                judged -> {
                    assertThat(result).isInstanceOfSatisfying(RecordInteraction.Result.Recorded.class, r -> {
                        assertThat(r.answer()).isEqualTo(judged.answer());
                        assertThat(r.correct()).isEqualTo(judged.correct());
                        assertThat(r.correctAnswer()).isEqualTo(world.phrasing.correctAnswer());
                        assertThat(r.explanation()).isEqualTo(world.phrasing.explanation());
                    });
                    assertThat(world.stores.reviews().recentForPhrasing(world.phrasing.id(), 10))
                            .singleElement()
                            .satisfies(i -> {
                                assertThat(i.userAnswer()).isEqualTo(judged.answer());
                                assertThat(i.correct()).isEqualTo(judged.correct());
                            });
                    return null;
                },
                unreadable -> {
                    assertThat(result).isEqualTo(new RecordInteraction.Result.InvalidAnswer(unreadable.reason()));
                    assertThat(((RecordInteraction.Result.InvalidAnswer) result).message())
                            .isEqualTo("Cannot read the answer: " + unreadable.reason());
                    assertThat(world.stores.everything()).isEqualTo(before);
                    return null;
                });
    }

    /** One answer of a run: right or wrong, with a rating or none, some minutes after the last. */
    record Given(boolean correct, Integer rating, int minutesLater) {}

    @Provide
    Arbitrary<List<Given>> runs() {
        return net.jqwik.api.Combinators.combine(
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(1, 4).injectNull(0.5),
                        Arbitraries.of(0, 1, 10, 60 * 24, 60 * 24 * 30))
                .as(Given::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(8);
    }

    /**
     * Every recorded answer returns the schedule it wrote: the concept's new state, next review and interval as
     * stored, the interaction as the phrasing's newest, and a retrievability between 0 and 1.
     */
    @SeededProperty
    void everyAnswerReturnsTheScheduleItWrote(@ForAll("runs") List<Given> run) {
        World world = new World(Fixtures.newUser());
        for (Given given : run) {
            world.clock.advance(java.time.Duration.ofMinutes(given.minutesLater()));

            var recorded = (RecordInteraction.Result.Recorded) world.reviews.record(new RecordInteraction.Command(
                    world.owner.value(),
                    world.concept.id().toString(),
                    world.phrasing.id().toString(),
                    given.correct() ? "A" : "B",
                    given.rating(),
                    800,
                    "s"));

            Concept stored = world.stores.concepts().find(world.concept.id()).orElseThrow();
            assertThat(recorded.newState()).isEqualTo(stored.card().state());
            assertThat(recorded.nextReview()).isEqualTo(stored.card().due());
            assertThat(recorded.scheduledDays()).isEqualTo(stored.card().scheduledDays());
            assertThat(recorded.retrievability()).isBetween(0.0, 1.0);
            assertThat(recorded.correct()).isEqualTo(given.correct());
            assertThat(world.stores.reviews().recentForPhrasing(world.phrasing.id(), 1))
                    .singleElement()
                    .satisfies(i -> {
                        assertThat(i.id()).isEqualTo(recorded.interactionId());
                        assertThat(i.nextReview()).isEqualTo(recorded.nextReview());
                        assertThat(i.fsrsState()).isEqualTo(recorded.newState());
                    });
        }
    }
}
