package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.UserId;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Lifecycle;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.domain.stats.StatsSnapshot;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.in.ChangeLifecycle;
import dev.recollect.ports.in.GetNextReview;
import dev.recollect.ports.in.GetStats;
import dev.recollect.ports.in.RecordInteraction;
import dev.recollect.ports.testing.Fixtures;
import dev.recollect.ports.testing.InMemoryStores;
import dev.recollect.ports.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * A stateful test: random chains of concept creation, answers, reviews picked from the queue, soft-delete changes
 * of concepts and phrasings, and time passing; after every step the incremental counters equal a recount from the
 * concepts, and what is due equals a count by hand.
 */
class StatsConsistencyProperties {
    private static final List<UserId> USERS = List.of(new UserId("ann"), new UserId("bob"));

    /** The system under test. */
    static final class World {
        final InMemoryStores stores = new InMemoryStores();
        final MutableClock clock = new MutableClock(Fixtures.T0);
        final Reviews reviews = Fixtures.reviews(stores, clock, 7);

        void checkInvariants() {
            for (UserId user : USERS) {
                StatsDelta recount = stores.allConcepts().stream()
                        .filter(c -> c.userId().equals(user))
                        .map(StatsDelta::of)
                        .reduce(StatsDelta.NONE, StatsDelta::plus);
                StatsSnapshot snapshot = reviews.stats(new GetStats.Query(user.value()));
                assertThat(snapshot.counters().totals())
                        .as("counters of " + user)
                        .isEqualTo(recount);
                long due = stores.allConcepts().stream()
                        .filter(c -> c.userId().equals(user) && c.isActive())
                        .filter(c -> !c.card().due().isAfter(clock.instant()))
                        .count();
                assertThat(snapshot.due().dueNowCount()).isEqualTo((int) due);
            }
        }

        boolean hasConcepts() {
            return !stores.allConcepts().isEmpty();
        }
    }

    @SeededProperty
    void incrementalCountersEqualARecount(@ForAll("chains") ActionChain<World> chain) {
        chain.withInvariant(World::checkInvariants).run();
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return ActionChain.startWith(World::new)
                .withAction(3, new CreateConcepts())
                .withAction(4, new ReviewNext())
                .withAction(3, new OnAConcept())
                .withAction(2, new OnAPhrasing())
                .withAction(3, new PassTime())
                .withMaxTransformations(40);
    }

    /** Creates concepts with zero to three phrasings, as a job saves them. */
    static final class CreateConcepts implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(
                            Arbitraries.of(USERS),
                            Arbitraries.integers().between(1, 3),
                            Arbitraries.integers().between(0, 3))
                    .as((user, count, phrasings) -> Transformer.mutate(
                            count + " concepts with " + phrasings + " phrasings for " + user, world -> {
                                List<Concept> created = new ArrayList<>();
                                for (int i = 0; i < count; i++) {
                                    created.add(Fixtures.concept(user, "T" + i, null, world.clock.instant()));
                                }
                                world.stores
                                        .concepts()
                                        .insertAll(created, StatsDelta.conceptsCreated(count), world.clock.instant());
                                for (Concept concept : created) {
                                    for (int p = 0; p < phrasings; p++) {
                                        world.stores
                                                .phrasings()
                                                .insertIfAbsent(Fixtures.phrasing(
                                                        concept, "Question number " + p + "?", world.clock.instant()));
                                    }
                                    world.stores
                                            .concepts()
                                            .updatePhrasingScores(
                                                    concept.id(), phrasings, null, null, world.clock.instant());
                                }
                            }));
        }
    }

    /** Asks the queue for the next review and answers it, right or wrong. */
    static final class ReviewNext implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(Arbitraries.of(USERS), Arbitraries.of(true, false))
                    .as((user, correct) ->
                            Transformer.mutate("review for " + user + (correct ? ", right" : ", wrong"), world -> {
                                GetNextReview.Result next = world.reviews.next(new GetNextReview.Query(user.value()));
                                if (next instanceof GetNextReview.Result.Next item) {
                                    assertThat(item.concept().isActive()).isTrue();
                                    assertThat(item.phrasing().isActive()).isTrue();
                                    RecordInteraction.Result result =
                                            world.reviews.record(new RecordInteraction.Command(
                                                    user.value(),
                                                    item.concept().id().toString(),
                                                    item.phrasing().id().toString(),
                                                    correct ? "A" : "B",
                                                    null,
                                                    1000,
                                                    "session"));
                                    assertThat(result).isInstanceOf(RecordInteraction.Result.Recorded.class);
                                }
                            }));
        }
    }

    /** Archives, unarchives, deletes or restores one of the concepts. */
    static final class OnAConcept implements Action.Dependent<World> {
        @Override
        public boolean precondition(World world) {
            return world.hasConcepts();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World world) {
            return Combinators.combine(Arbitraries.of(world.stores.allConcepts()), Arbitraries.of(Lifecycle.class))
                    .as((concept, change) -> Transformer.mutate(change + " " + concept.title(), w -> {
                        ChangeLifecycle.Result result = w.reviews.change(new ChangeLifecycle.Command(
                                concept.userId().value(),
                                ChangeLifecycle.Item.CONCEPT,
                                concept.id().toString(),
                                change));
                        assertThat(result).isInstanceOf(ChangeLifecycle.Result.Applied.class);
                    }));
        }
    }

    /** Archives, unarchives, deletes or restores one of the phrasings. */
    static final class OnAPhrasing implements Action.Dependent<World> {
        @Override
        public boolean precondition(World world) {
            return !world.stores.allPhrasings().isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World world) {
            return Combinators.combine(Arbitraries.of(world.stores.allPhrasings()), Arbitraries.of(Lifecycle.class))
                    .as((Phrasing phrasing, Lifecycle change) -> Transformer.mutate(change + " a phrasing", w -> {
                        w.reviews.change(new ChangeLifecycle.Command(
                                phrasing.userId().value(),
                                ChangeLifecycle.Item.PHRASING,
                                phrasing.id().toString(),
                                change));
                        long active = w.stores.allPhrasings().stream()
                                .filter(p -> p.conceptId().equals(phrasing.conceptId()) && p.isActive())
                                .count();
                        assertThat(w.stores
                                        .concepts()
                                        .find(phrasing.conceptId())
                                        .orElseThrow()
                                        .phrasingCount())
                                .isEqualTo((int) active);
                    }));
        }
    }

    /** Lets minutes to weeks pass. */
    static final class PassTime implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.longs()
                    .between(1, 60 * 24 * 20)
                    .map(minutes -> Transformer.mutate(
                            minutes + " minutes pass", world -> world.clock.advance(Duration.ofMinutes(minutes))));
        }
    }
}
