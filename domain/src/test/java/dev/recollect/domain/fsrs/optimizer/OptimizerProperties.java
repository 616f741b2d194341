package dev.recollect.domain.fsrs.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.testing.SeededProperty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The optimizer's rules, for any learner drawn from known parameters and any settings. */
class OptimizerProperties {
    private static final float[] LOW = {
        0.001f, 0.001f, 0.001f, 0.001f, 1f, 0.001f, 0.001f, 0.001f, 0f, 0f, 0.001f, 0.001f, 0.001f, 0.001f, 0f, 0f, 1f,
        0f, 0f, 0f, 0.1f
    };
    private static final float[] HIGH = {
        100f, 100f, 100f, 100f, 10f, 4f, 4f, 0.75f, 4.5f, 0.8f, 3.5f, 5f, 0.25f, 0.9f, 4f, 1f, 6f, 2f, 2f, 0.8f, 0.8f
    };

    /** Parameters near the defaults, as a learner's could be. */
    @Provide
    Arbitrary<double[]> truths() {
        return Arbitraries.doubles().between(0.7, 1.4).list().ofSize(21).map(scales -> {
            float[] w = Defaults.weights();
            for (int i = 0; i < 21; i++) {
                w[i] *= scales.get(i).floatValue();
            }
            Defaults.clip(w, 1, true);
            return Optimizer.widen(w);
        });
    }

    private static Optimizer.Options fast(boolean shortTerm) {
        return new Optimizer.Options(shortTerm, 1, 2, 64, 2023, 0.04, 64, 1.0);
    }

    /**
     * Whatever the learner and the settings, every parameter the optimizer returns lies within fsrs-rs's bounds; with
     * short-term training off, w17 to w19 are 0.
     */
    @Property(tries = 12, seed = SeededProperty.SEED)
    void parametersStayWithinTheirBounds(
            @ForAll("truths") double[] truth, @ForAll @LongRange(max = 1000) long seed, @ForAll boolean shortTerm) {
        List<TrainingItem> items = new SyntheticLearner(truth, seed).items(300, 6);

        Optimizer.Result result = Optimizer.fit(items, fast(shortTerm), Optimizer.Monitor.NONE);

        double[] w = result.parameters();
        assertThat(w).hasSize(21);
        for (int i = 0; i < 21; i++) {
            assertThat(w[i]).as("w" + i).isBetween((double) LOW[i], (double) HIGH[i]);
        }
        if (result instanceof Optimizer.Result.Trained && !shortTerm) {
            assertThat(new double[] {w[17], w[18], w[19]}).containsOnly(0.0);
        }
    }

    /**
     * Trained on a learner's own reviews (about 6,000 items), the parameters predict those reviews better than the
     * defaults do, and within 1% of the log loss of the parameters the learner truly remembers by.
     */
    @Property(tries = 8, seed = SeededProperty.SEED)
    void fittedParametersPredictBetterThanTheDefaults(
            @ForAll("truths") double[] truth, @ForAll @LongRange(max = 1000) long seed) {
        List<TrainingItem> items = new SyntheticLearner(truth, seed).items(1000, 8);

        Optimizer.Result result = Optimizer.fit(items, Optimizer.Options.DEFAULT, Optimizer.Monitor.NONE);

        assertThat(result).isInstanceOf(Optimizer.Result.Trained.class);
        double fitted = Evaluation.of(result.parameters(), items).logLoss();
        double defaults =
                Evaluation.of(Optimizer.widen(Defaults.WEIGHTS), items).logLoss();
        double truths = Evaluation.of(truth, items).logLoss();
        assertThat(fitted).isLessThan(defaults);
        assertThat(fitted).isLessThanOrEqualTo(truths * 1.01);
    }

    /** The same items and options give the same parameters: training is deterministic. */
    @Property(tries = 5, seed = SeededProperty.SEED)
    void trainingIsDeterministic(@ForAll("truths") double[] truth, @ForAll @LongRange(max = 1000) long seed) {
        List<TrainingItem> items = new SyntheticLearner(truth, seed).items(300, 6);

        double[] once = Optimizer.fit(items, fast(true), Optimizer.Monitor.NONE).parameters();
        double[] again =
                Optimizer.fit(items, fast(true), Optimizer.Monitor.NONE).parameters();

        assertThat(again).containsExactly(once);
    }

    /**
     * The monitor hears every step once, in order, up to the total; a monitor that stops the training after any step
     * gets the defaults back, marked as cancelled.
     */
    @Property(tries = 10, seed = SeededProperty.SEED)
    void progressIsReportedStepByStepAndTrainingStopsWhenCancelled(
            @ForAll("truths") double[] truth, @ForAll @IntRange(min = 0, max = 6) int stopAfter) {
        List<TrainingItem> items = new SyntheticLearner(truth, 7).items(300, 6);
        List<int[]> heard = new ArrayList<>();
        Optimizer.Monitor listening = new Optimizer.Monitor() {
            @Override
            public void progress(int done, int total) {
                heard.add(new int[] {done, total});
            }
        };
        Optimizer.fit(items, fast(true), listening);
        for (int i = 0; i < heard.size(); i++) {
            assertThat(heard.get(i)[0]).isEqualTo(i + 1);
            assertThat(heard.get(i)[1]).isEqualTo(heard.size());
        }
        AtomicInteger steps = new AtomicInteger();
        Optimizer.Monitor stopping = new Optimizer.Monitor() {
            @Override
            public void progress(int done, int total) {
                steps.set(done);
            }

            @Override
            public boolean cancelled() {
                return steps.get() >= stopAfter;
            }
        };

        Optimizer.Result result = Optimizer.fit(items, fast(true), stopping);

        assertThat(result).isInstanceOf(Optimizer.Result.Cancelled.class);
        assertThat(result.parameters()).containsExactly(Optimizer.widen(Defaults.WEIGHTS));
        assertThat(steps.get()).isEqualTo(stopAfter);
    }

    /** Each epoch visits every batch once: the order is a permutation, and the same seed replays it. */
    @SeededProperty
    void eachEpochVisitsEveryBatchOnce(
            @ForAll @IntRange(min = 0, max = 300) int batches,
            @ForAll long seed,
            @ForAll @IntRange(max = 3) int epochs) {
        BatchOrder order = new BatchOrder(seed);
        BatchOrder replay = new BatchOrder(seed);
        for (int epoch = 0; epoch <= epochs; epoch++) {
            int[] next = order.next(batches);
            Set<Integer> seen = new HashSet<>();
            for (int b : next) {
                assertThat(b).isBetween(0, batches - 1);
                seen.add(b);
            }
            assertThat(seen).hasSize(batches);
            assertThat(replay.next(batches)).containsExactly(next);
        }
    }

    /** A bounded draw lies in [0, n) for any bound up to 2^32 − 1. */
    @SeededProperty
    void aBoundedDrawStaysBelowItsBound(@ForAll @LongRange(min = 1, max = 0xFFFFFFFFL) long n, @ForAll long seed) {
        BatchOrder order = new BatchOrder(seed);
        for (int i = 0; i < 20; i++) {
            assertThat(order.below(n)).isBetween(0L, n - 1);
        }
    }

    /**
     * Clipping puts any parameters into their bounds; with at most one relearning step, clipping again changes
     * nothing (with more, the w17 and w18 ceiling depends on the pre-clip w11, w13 and w14: see OptimizerEdgeProperties).
     */
    @SeededProperty
    void clippingPutsAnyParametersIntoTheirBounds(
            @ForAll("anyWeights") float[] w, @ForAll boolean shortTerm, @ForAll @IntRange(max = 3) int relearning) {
        float[] once = w.clone();
        Defaults.clip(once, relearning, shortTerm);
        for (int i = 0; i < 21; i++) {
            float low = i == 19 && shortTerm ? 0.01f : LOW[i];
            assertThat(once[i]).as("w" + i).isBetween(low, HIGH[i]);
        }
        float[] twice = once.clone();
        Defaults.clip(twice, relearning, shortTerm);
        if (relearning <= 1) {
            assertThat(twice).containsExactly(once);
        }
    }

    @Provide
    Arbitrary<float[]> anyWeights() {
        return Arbitraries.floats().between(-10, 200).list().ofSize(21).map(list -> {
            float[] w = new float[21];
            for (int i = 0; i < 21; i++) {
                w[i] = list.get(i);
            }
            return w;
        });
    }

    @Provide
    Arbitrary<List<TrainingItem>> anyItems() {
        Arbitrary<TrainingReview> review = Combinators.combine(
                        Arbitraries.integers().between(1, 4), Arbitraries.of(0, 1, 2, 3, 5, 8, 40, 200))
                .as(TrainingReview::new);
        Arbitrary<TrainingItem> item = Combinators.combine(
                        Arbitraries.integers().between(1, 4),
                        review.list().ofMaxSize(4),
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.of(1, 2, 3, 5, 8, 40, 200))
                .as((first, middle, rating, days) -> {
                    List<TrainingReview> all = new ArrayList<>();
                    all.add(new TrainingReview(first, 0));
                    all.addAll(middle);
                    all.add(new TrainingReview(rating, days));
                    return new TrainingItem(all);
                });
        return item.list().ofMaxSize(80);
    }

    /**
     * The outlier filter keeps items in their order: training gets every item whose (first rating, first long-term
     * interval) survived, pretraining only items whose target is their first long-term review, all of them training
     * items too.
     */
    @SeededProperty
    void theFilterKeepsOrderAndPretrainsOnSingleLongTermItems(@ForAll("anyItems") List<TrainingItem> items) {
        OutlierFilter filtered = OutlierFilter.apply(items);

        if (!filtered.trainSet().isEmpty()) {
            assertThat(items).containsSubsequence(filtered.trainSet());
        }
        assertThat(filtered.initSet())
                .allSatisfy(item -> assertThat(item.longTermReviewCount()).isEqualTo(1));
        assertThat(filtered.trainSet()).containsAll(filtered.initSet());
        for (TrainingItem item : items) {
            boolean sharesAKeptPair = filtered.trainSet().stream()
                    .anyMatch(kept -> kept.reviews().get(0).rating()
                                    == item.reviews().get(0).rating()
                            && kept.firstLongTermReview().deltaT()
                                    == item.firstLongTermReview().deltaT());
            assertThat(filtered.trainSet().contains(item)).isEqualTo(sharesAKeptPair);
        }
    }

    /**
     * Any parameters evaluate to a log loss of 0 or more and an RMSE(bins) between 0 and 1; evaluating nothing is
     * refused.
     */
    @SeededProperty
    void evaluationIsALossAndAnRmseOfRecall(
            @ForAll("truths") double[] w, @ForAll("anyItems") List<TrainingItem> items) {
        if (items.isEmpty()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Evaluation.of(w, items))
                    .isInstanceOf(OptimizerException.class);
            return;
        }
        Evaluation evaluation = Evaluation.of(w, items);

        assertThat(evaluation.logLoss()).isGreaterThanOrEqualTo(0);
        assertThat(evaluation.rmseBins()).isBetween(0.0, 1.0);
    }
}
