package dev.recollect.domain.fsrs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of FSRS inputs: parameters across their whole valid range, and review histories. Public in the domain's
 * test-jar; other modules reach them through {@link dev.recollect.domain.testing.DomainArbitraries}.
 */
public final class FsrsArbitraries {
    /** When every generated history starts. */
    public static final Instant START = Instant.parse("2024-03-01T09:15:00Z");

    private FsrsArbitraries() {}

    /** One review: a rating and the minutes since the previous review (or since the card was created). */
    public record Step(Rating rating, long minutesLater) {}

    /** Parameters across their whole valid range, the defaults and the reference's among them. */
    public static Arbitrary<Parameters> parameters() {
        Arbitrary<double[]> weights = Arbitraries.doubles()
                .between(0, 1)
                .array(double[].class)
                .ofSize(21)
                .map(FsrsArbitraries::scaledWeights);
        Arbitrary<Parameters> custom = Combinators.combine(
                        weights,
                        Arbitraries.doubles().between(0.7, 0.99),
                        Arbitraries.integers().between(1, 36500),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        steps(),
                        steps())
                .as((w, retention, max, fuzz, shortTerm, learning, relearning) -> Parameters.builder()
                        .w(w)
                        .requestRetention(retention)
                        .maximumInterval(max)
                        .enableFuzz(fuzz)
                        .enableShortTerm(shortTerm)
                        .learningSteps(learning)
                        .relearningSteps(relearning)
                        .build());
        return Arbitraries.frequencyOf(List.of(
                Tuple.of(1, Arbitraries.just(Parameters.defaults())),
                Tuple.of(
                        1,
                        Arbitraries.just(Parameters.builder()
                                .maximumInterval(365)
                                .enableFuzz(true)
                                .build())),
                Tuple.of(4, custom)));
    }

    /** Weights spread over (roughly) each weight's valid range; clipping takes care of the edges. */
    private static double[] scaledWeights(double[] unit) {
        double[] defaults = Parameters.defaults().w();
        double[] w = new double[21];
        for (int i = 0; i < 21; i++) {
            w[i] = defaults[i] * (0.25 + 1.5 * unit[i]);
        }
        return w;
    }

    private static Arbitrary<List<Duration>> steps() {
        return Arbitraries.integers()
                .between(1, 2 * 1440)
                .map(Duration::ofMinutes)
                .list()
                .ofMaxSize(3);
    }

    /** Histories of 1 to 25 reviews, minutes to months apart. */
    public static Arbitrary<List<Step>> histories() {
        Arbitrary<Long> gaps = Arbitraries.frequencyOf(List.of(
                Tuple.of(3, Arbitraries.longs().between(0, 60)),
                Tuple.of(3, Arbitraries.longs().between(60, 3 * 1440)),
                Tuple.of(3, Arbitraries.longs().between(1440, 200L * 1440))));
        Arbitrary<Step> step =
                Combinators.combine(Arbitraries.of(Rating.grades()), gaps).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    /** Replays {@code history} from a new card; returns every card, the first being the new one. */
    public static List<Card> cards(Scheduler scheduler, List<Step> history) {
        java.util.ArrayList<Card> cards = new java.util.ArrayList<>();
        Card card = Card.empty(START);
        cards.add(card);
        Instant at = START;
        for (Step step : history) {
            at = at.plus(Duration.ofMinutes(step.minutesLater()));
            card = scheduler.next(card, at, step.rating()).card();
            cards.add(card);
        }
        return cards;
    }
}
