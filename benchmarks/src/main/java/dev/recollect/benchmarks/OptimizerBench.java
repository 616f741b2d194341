package dev.recollect.benchmarks;

import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.Parameters;
import dev.recollect.domain.fsrs.Rating;
import dev.recollect.domain.fsrs.Scheduler;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.fsrs.optimizer.Evaluation;
import dev.recollect.domain.fsrs.optimizer.Optimizer;
import dev.recollect.domain.fsrs.optimizer.Revlog;
import dev.recollect.domain.fsrs.optimizer.TrainingItem;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Review logs for the optimizer benchmark ({@code benchmarks/fsrs/optimizer.sh}): a synthetic learner whose memory
 * follows FSRS-6 with parameters away from the defaults, reviewed by ts-fsrs's scheduler (learning steps, lapses and
 * relearning, early and late reviews), written as Anki-style revlog CSVs that both optimizers read.
 *
 * <p>Usage: {@code OptimizerBench [--smoke] [OUT_DIR] [CARDS...]}. Without {@code --smoke} it writes one CSV per card
 * count and prints each file's review and item counts; with it, it writes a small one and also fits it in process.
 */
public final class OptimizerBench {
    /** The learner's true parameters: the defaults moved by up to a third, so that fitting has something to find. */
    static final double[] TRUTH = {
        0.3, 1.0, 3.1, 10.5, 6.0, 0.7, 2.6, 0.01, 1.6, 0.2, 0.9, 1.3, 0.08, 0.3, 1.9, 0.5, 2.1, 0.45, 0.12, 0.1, 0.2
    };

    private static final Instant START = Instant.parse("2024-01-01T12:00:00Z");

    private OptimizerBench() {}

    /** Runs the generator; see the class comment. */
    public static void main(String[] args) throws IOException {
        boolean smoke = args.length > 0 && args[0].equals("--smoke");
        int first = smoke ? 1 : 0;
        Path out = Path.of(args.length > first ? args[first] : "benchmarks/target/optimizer-run");
        Files.createDirectories(out);
        List<Integer> sizes = new ArrayList<>();
        for (int i = first + 1; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = smoke ? List.of(150) : List.of(150, 1_550, 15_600);
        }
        for (int cards : sizes) {
            Path file = out.resolve("revlog-" + cards + ".csv");
            List<Revlog.Row> rows = write(file, cards, 20241203L + cards);
            List<TrainingItem> items = Revlog.items(rows, ZoneId.of("UTC"), 4);
            System.out.printf(
                    Locale.ROOT, "%s: %d cards, %,d reviews, %,d items%n", file, cards, rows.size(), items.size());
            if (smoke) {
                long started = System.nanoTime();
                Optimizer.Result result = Optimizer.fit(items, Optimizer.Options.DEFAULT, Optimizer.Monitor.NONE);
                double seconds = (System.nanoTime() - started) / 1e9;
                Evaluation fitted = Evaluation.of(result.parameters(), items);
                System.out.printf(
                        Locale.ROOT,
                        "recollect, in process: %.3f s, log loss %.6f, RMSE(bins) %.6f%n",
                        seconds,
                        fitted.logLoss(),
                        fitted.rmseBins());
                System.out.println(
                        Files.exists(Path.of("benchmarks/fsrs/node_modules/@open-spaced-repetition/binding"))
                                ? "anchor: run benchmarks/fsrs/optimizer.sh for the binding's figures"
                                : "anchor skipped: @open-spaced-repetition/binding is not installed"
                                        + " (benchmarks/fsrs/optimizer.sh installs it)");
            }
        }
    }

    /** Writes the revlog of {@code cards} cards to {@code file}; returns its rows. */
    static List<Revlog.Row> write(Path file, int cards, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Scheduler learner = new Scheduler(Parameters.builder().w(TRUTH).build());
        Scheduler scheduler = new Scheduler(Parameters.defaults());
        List<Revlog.Row> rows = new ArrayList<>();
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write("card_id,review_time,review_rating,review_state,review_duration\n");
            for (int card = 0; card < cards; card++) {
                Instant at = START.plusSeconds(37L * card);
                Card scheduled = Card.empty(at);
                Card memory = Card.empty(at);
                int reviews = 4 + random.nextInt(12);
                for (int review = 0; review < reviews; review++) {
                    double recall = review == 0 ? 0 : learner.retrievability(memory, at);
                    Rating rating = review == 0 ? first(random) : grade(random, random.nextDouble() < recall);
                    int state = scheduled.state() == State.NEW
                            ? 0
                            : scheduled.state().ordinal();
                    long millis = at.toEpochMilli();
                    writer.write(card + "," + millis + "," + rating.grade() + "," + state + ",5000\n");
                    rows.add(new Revlog.Row(Integer.toString(card), millis, rating.grade(), state));
                    scheduled = scheduler.next(scheduled, at, rating).card();
                    memory = learner.next(memory, at, rating).card();
                    Duration wait = Duration.between(at, scheduled.due());
                    double lateness = LATENESS[random.nextInt(LATENESS.length)];
                    at = at.plus(Duration.ofMillis(Math.max(60_000, (long) (wait.toMillis() * lateness))));
                }
            }
        }
        return rows;
    }

    private static final double[] LATENESS = {0.8, 1, 1, 1, 1, 1.1, 1.3, 2};

    private static Rating first(SplittableRandom random) {
        double u = random.nextDouble();
        return u < 0.2 ? Rating.AGAIN : u < 0.35 ? Rating.HARD : u < 0.85 ? Rating.GOOD : Rating.EASY;
    }

    private static Rating grade(SplittableRandom random, boolean recalled) {
        if (!recalled) {
            return Rating.AGAIN;
        }
        double u = random.nextDouble();
        return u < 0.15 ? Rating.HARD : u < 0.9 ? Rating.GOOD : Rating.EASY;
    }
}
