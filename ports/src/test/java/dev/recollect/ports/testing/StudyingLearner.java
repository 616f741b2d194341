package dev.recollect.ports.testing;

import dev.recollect.domain.UserId;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.ports.in.RecordInteraction;
import dev.recollect.ports.out.Persistence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * A learner studying a deck over weeks through {@link RecordInteraction}, answering each concept when it falls due or
 * a little late and rating mostly Good, as learners do: histories whose first intervals cluster as fsrs-rs's outlier
 * filter expects of real ones, so that the optimizer has something to learn.
 */
public final class StudyingLearner {
    /** The fixed share of each rating (Again, Hard, Good, Easy), in percent. */
    private static final int[] RATING_SHARES = {15, 10, 65, 10};

    private StudyingLearner() {}

    /**
     * One answer.
     *
     * @param concept which concept of the deck, from 0
     * @param daysLate how many days after the concept fell due
     * @param rating the learner's rating, 1 to 4
     */
    public record Answer(int concept, int daysLate, int rating) {}

    /** Histories of up to {@code maxAnswers} answers to a deck of {@code concepts}, sizes spread evenly. */
    public static Arbitrary<List<Answer>> histories(int concepts, int maxAnswers) {
        return Combinators.combine(
                        Arbitraries.integers().between(0, concepts - 1),
                        Arbitraries.frequency(Tuple.of(70, 0), Tuple.of(20, 1), Tuple.of(10, 3)),
                        Arbitraries.frequency(
                                Tuple.of(RATING_SHARES[0], 1),
                                Tuple.of(RATING_SHARES[1], 2),
                                Tuple.of(RATING_SHARES[2], 3),
                                Tuple.of(RATING_SHARES[3], 4)))
                .as(Answer::new)
                .list()
                .ofMaxSize(maxAnswers)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    /** One history of {@code answers} answers to a deck of {@code concepts}, the same for the same seed. */
    public static List<Answer> history(long seed, int concepts, int answers) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Answer> history = new ArrayList<>(answers);
        for (int i = 0; i < answers; i++) {
            int late = random.nextInt(100);
            int draw = random.nextInt(100);
            int rating = 0;
            int cumulative = 0;
            do {
                cumulative += RATING_SHARES[rating];
                rating++;
            } while (draw >= cumulative);
            history.add(new Answer(random.nextInt(concepts), late < 70 ? 0 : late < 90 ? 1 : 3, rating));
        }
        return history;
    }

    /**
     * Gives {@code learner} a deck of {@code concepts} concepts, one phrasing each, created at {@code start}, and
     * records {@code history} through {@code reviews}, setting {@code clock} to each answer's time: {@code daysLate}
     * days after the concept fell due (first answers a minute apart from concept to concept). Leaves the clock where
     * it was. Returns the deck.
     */
    public static List<Concept> study(
            Persistence stores,
            RecordInteraction reviews,
            MutableClock clock,
            UserId learner,
            int concepts,
            List<Answer> history) {
        Instant start = clock.instant();
        List<Concept> deck = new ArrayList<>();
        Instant[] due = new Instant[concepts];
        for (int i = 0; i < concepts; i++) {
            deck.add(ReviewStoreProperties.seeded(stores, learner, "Concept " + i, 1, start));
            due[i] = start.plus(Duration.ofMinutes(i));
        }
        for (Answer answer : history) {
            Concept concept = deck.get(answer.concept());
            Phrasing phrasing = stores.phrasings().findByConcept(concept.id()).get(0);
            clock.set(due[answer.concept()].plus(Duration.ofDays(answer.daysLate())));
            RecordInteraction.Result result = reviews.record(new RecordInteraction.Command(
                    learner.value(),
                    concept.id().toString(),
                    phrasing.id().toString(),
                    phrasing.correctAnswer(),
                    answer.rating(),
                    null,
                    null));
            due[answer.concept()] = result.fold(
                    recorded -> Collections.max(
                            List.of(recorded.nextReview(), clock.instant().plusSeconds(60))),
                    notFound -> {
                        throw new AssertionError(notFound.message());
                    },
                    invalid -> {
                        throw new AssertionError(invalid.message());
                    });
        }
        clock.set(start);
        return deck;
    }
}
