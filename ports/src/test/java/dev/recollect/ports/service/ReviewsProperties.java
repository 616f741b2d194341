package dev.recollect.ports.service;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.UserId;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
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

        World(UserId owner) {
            this.owner = owner;
            MutableClock clock = new MutableClock(T0);
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
}
