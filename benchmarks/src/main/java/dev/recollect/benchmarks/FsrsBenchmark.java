package dev.recollect.benchmarks;

import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.Parameters;
import dev.recollect.domain.fsrs.Preview;
import dev.recollect.domain.fsrs.Scheduler;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * FSRS throughput on the reference app's workload: 1,000,000 cards that start New, reviewed in four rounds (every card
 * once per round), fuzz off. One operation is one review, so the score is reviews per second. The cards then start
 * over from New, so a long iteration keeps the same mix of states.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 4)
// The deck keeps a million cards alive while every review allocates its result: the throughput collector keeps the
// score steady, where G1's concurrent marking of the live deck made iterations vary by a factor of five.
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
public class FsrsBenchmark {
    static final int CARDS = 1_000_000;
    static final int ROUNDS = 4;

    /** The cards and the position in the workload. */
    @State(Scope.Thread)
    public static class Deck {
        final Scheduler scheduler = new Scheduler(Parameters.defaults());
        final Card fresh = Card.empty(Instant.ofEpochMilli(ReviewWorkload.START_MS));
        final Card[] cards = new Card[CARDS];
        ReviewWorkload workload;
        int cursor;
        int round;

        @Setup(Level.Iteration)
        public void reset() {
            Arrays.fill(cards, fresh);
            workload = new ReviewWorkload(ReviewWorkload.SEED);
            cursor = 0;
            round = 0;
        }

        Card current() {
            return cards[cursor];
        }

        void store(Card card) {
            cards[cursor] = card;
            if (++cursor == CARDS) {
                cursor = 0;
                if (++round == ROUNDS) {
                    round = 0;
                    Arrays.fill(cards, fresh);
                }
            }
        }
    }

    /**
     * With {@code --smoke}, runs both benchmarks in this JVM for one short iteration each, without warm-up, and prints
     * JMH's table: a check that they run, whose figures mean nothing. Otherwise runs JMH as {@code
     * benchmarks/fsrs/run.sh} does, and then the ts-fsrs anchor when node and its packages are there.
     */
    public static void main(String[] args) throws Exception {
        boolean smoke = Arrays.asList(args).contains("--smoke");
        ChainedOptionsBuilder options = new OptionsBuilder().include(FsrsBenchmark.class.getName() + "\\.");
        if (smoke) {
            options.forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
        }
        new Runner(options.build()).run();
        BenchDatabase.anchorRuns(
                java.nio.file.Path.of("benchmarks/fsrs/ts-fsrs-bench.mjs"), String.valueOf(smoke ? 1000 : CARDS));
    }

    /** One review with {@code next}: the score is reviews per second. */
    @Benchmark
    public Card next(Deck deck) {
        Card card = deck.current();
        long at = deck.workload.reviewTime(card);
        Card reviewed = deck.scheduler
                .next(card, Instant.ofEpochMilli(at), deck.workload.rating())
                .card();
        deck.store(reviewed);
        return reviewed;
    }

    /** One {@code repeat} (all four outcomes) per operation; the deck advances with the drawn rating. */
    @Benchmark
    public Preview repeat(Deck deck) {
        Card card = deck.current();
        long at = deck.workload.reviewTime(card);
        Preview preview = deck.scheduler.repeat(card, Instant.ofEpochMilli(at));
        deck.store(preview.of(deck.workload.rating()).card());
        return preview;
    }
}
