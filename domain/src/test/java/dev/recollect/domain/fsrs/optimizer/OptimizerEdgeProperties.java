package dev.recollect.domain.fsrs.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.recollect.domain.testing.SeededProperty;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** The optimizer's thresholds, its refusals and fsrs-rs's edge rules, each at its boundary. */
class OptimizerEdgeProperties {
    /** {@code n} items of one review after a Good first review, all recalled two days later. */
    private static List<TrainingItem> simple(int n) {
        List<TrainingItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(TrainingItem.of(3, 0, i % 4 == 0 ? 1 : 3, 2));
        }
        return items;
    }

    /**
     * Below 8 items to learn from the defaults are kept, from 8 to 63 only w0 to w3 are fitted, and from 64 the rest
     * is trained too; every outcome folds to its own branch and says how many it learned from.
     */
    @SeededProperty
    void theItemCountDecidesHowMuchIsTrained(@ForAll @IntRange(min = 0, max = 90) int extra) {
        // Twenty single first reviews keep the pair alive; the rest are two-step items sharing it.
        List<TrainingItem> items = simple(20);
        for (int i = 0; i < extra; i++) {
            items.add(TrainingItem.of(3, 0, 3, 2, i % 3 == 0 ? 1 : 3, 4));
        }
        List<TrainingItem> few = simple(Math.min(extra, 7));

        Optimizer.Result result = Optimizer.fit(items, Optimizer.Options.DEFAULT, Optimizer.Monitor.NONE);
        Optimizer.Result tooFew = Optimizer.fit(few, Optimizer.Options.DEFAULT, Optimizer.Monitor.NONE);

        assertThat(tooFew.<String>fold(
                        t -> "trained", f -> f.pretrained() ? "pretrained" : "defaults", c -> "cancelled"))
                .isEqualTo("defaults");
        assertThat(tooFew.parameters()).containsExactly(Optimizer.defaults());
        String outcome = result.fold(t -> "trained", f -> f.pretrained() ? "pretrained" : "defaults", c -> "cancelled");
        assertThat(outcome).isEqualTo(20 + extra >= Optimizer.MIN_ITEMS_TO_TRAIN ? "trained" : "pretrained");
        if (result instanceof Optimizer.Result.Trained trained) {
            assertThat(trained.items()).isEqualTo(20 + extra);
            assertThat(trained.bestEpoch()).isBetween(1, trained.epochs());
        }
        assertThat(new Optimizer.Result.Cancelled(Optimizer.defaults())
                        .<String>fold(t -> "trained", f -> "few", c -> "cancelled"))
                .isEqualTo("cancelled");
    }

    /**
     * Seven items to learn from keep the defaults for being too few; eight go on to pretraining, which here finds no
     * single first review and keeps the defaults for that; seventy single first reviews and nothing else fit only the
     * initial stabilities, however many they are.
     */
    @Example
    void theThresholdsAreExact() {
        List<TrainingItem> longOnes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            longOnes.add(TrainingItem.of(3, 0, 3, 2, 3, 5));
        }
        var seven = (Optimizer.Result.TooFewReviews)
                Optimizer.fit(longOnes.subList(0, 7), Optimizer.Options.DEFAULT, Optimizer.Monitor.NONE);
        var eight = (Optimizer.Result.TooFewReviews)
                Optimizer.fit(longOnes, Optimizer.Options.DEFAULT, Optimizer.Monitor.NONE);
        assertThat(seven.reason()).contains("fewer than 8");
        assertThat(eight.reason()).contains("no first rating");
        var single = Optimizer.fit(simple(70), Optimizer.Options.DEFAULT, Optimizer.Monitor.NONE);
        assertThat(single).isInstanceOfSatisfying(Optimizer.Result.TooFewReviews.class, r -> assertThat(r.pretrained())
                .isTrue());
    }

    /** Items longer than the longest sequence are left out of training, those of exactly that length are kept. */
    @SeededProperty
    void itemsLongerThanTheLimitAreLeftOut(@ForAll @IntRange(min = 3, max = 5) int limit) {
        List<TrainingItem> items = simple(40);
        for (int i = 0; i < 40; i++) {
            items.add(TrainingItem.of(3, 0, 3, 2, 3, 4, 3, 8));
            items.add(TrainingItem.of(3, 0, 3, 2, 3, 4));
        }
        Optimizer.Options options = new Optimizer.Options(true, 1, 1, 512, 2023, 0.04, limit, 1.0);

        var trained = (Optimizer.Result.Trained) Optimizer.fit(items, options, Optimizer.Monitor.NONE);

        assertThat(trained.items()).isEqualTo(limit >= 4 ? 120 : 80);
    }

    /** Settings that cannot train, and parameters or items that cannot be evaluated, are refused. */
    @Example
    void badSettingsParametersAndItemsAreRefused() {
        assertThatThrownBy(() -> new Optimizer.Options(true, -1, 5, 512, 1, 0.04, 256, 1))
                .isInstanceOf(OptimizerException.class);
        assertThatThrownBy(() -> new Optimizer.Options(true, 1, 0, 512, 1, 0.04, 256, 1))
                .isInstanceOf(OptimizerException.class);
        assertThatThrownBy(() -> new Optimizer.Options(true, 1, 5, 0, 1, 0.04, 256, 1))
                .isInstanceOf(OptimizerException.class);
        assertThatThrownBy(() -> new Optimizer.Options(true, 1, 5, 512, 1, 0.04, 1, 1))
                .isInstanceOf(OptimizerException.class);
        assertThatThrownBy(() -> new Optimizer.Options(true, 1, 5, 512, 1, Double.NaN, 256, 1))
                .isInstanceOf(OptimizerException.class);
        assertThatThrownBy(() -> new Optimizer.Options(true, 1, 5, 512, 1, 0, 256, 1))
                .isInstanceOf(OptimizerException.class);
        assertThatThrownBy(() -> new Optimizer.Options(true, 1, 5, 512, 1, 0.04, 256, -1))
                .isInstanceOf(OptimizerException.class);
        assertThatThrownBy(() -> new Optimizer.Options(true, 1, 5, 512, 1, 0.04, 256, Double.POSITIVE_INFINITY))
                .isInstanceOf(OptimizerException.class);
        assertThatThrownBy(() -> Evaluation.of(new double[20], simple(3))).isInstanceOf(OptimizerException.class);
        assertThatThrownBy(() -> Evaluation.of(Optimizer.defaults(), List.of())).isInstanceOf(OptimizerException.class);
        double[] nan = Optimizer.defaults();
        nan[7] = Double.NaN;
        assertThatThrownBy(() -> Evaluation.of(nan, simple(3)))
                .isInstanceOf(OptimizerException.class)
                .hasMessageContaining("w7");
        assertThatThrownBy(() -> TrainingItem.of(3, 0, 3)).isInstanceOf(OptimizerException.class);
        assertThatThrownBy(() -> TrainingItem.of(3, 0)).isInstanceOf(OptimizerException.class);
        assertThatThrownBy(() -> TrainingItem.of(3, 0, 3, 0)).isInstanceOf(OptimizerException.class);
        assertThatThrownBy(() -> new TrainingReview(0, 1)).isInstanceOf(OptimizerException.class);
        assertThatThrownBy(() -> new TrainingReview(5, 1)).isInstanceOf(OptimizerException.class);
        assertThatThrownBy(() -> new TrainingReview(3, -1)).isInstanceOf(OptimizerException.class);
        assertThatThrownBy(() -> Revlog.items(List.of(), ZoneId.of("UTC"), 24)).isInstanceOf(OptimizerException.class);
        assertThatThrownBy(() -> Revlog.items(List.of(), ZoneId.of("UTC"), -1)).isInstanceOf(OptimizerException.class);
        assertThat(Revlog.items(List.of(), ZoneId.of("UTC"), 0)).isEmpty();
        assertThat(Revlog.items(List.of(), ZoneId.of("UTC"), 23)).isEmpty();
    }

    /** Evaluation clips parameters as fsrs-rs's FSRS::new does: out-of-bounds ones score as their clipped values. */
    @SeededProperty
    void evaluationClipsTheParametersFirst(@ForAll @DoubleRange(min = 1.5, max = 5) double scale) {
        double[] wild = Optimizer.defaults();
        wild[7] = 0.75 * scale;
        wild[17] = 2 * scale;
        double[] clipped = Optimizer.defaults();
        clipped[7] = 0.75f;
        clipped[17] = 2f;
        List<TrainingItem> items = new SyntheticLearner(Optimizer.defaults(), 3).items(60, 6);

        assertThat(Evaluation.of(wild, items)).isEqualTo(Evaluation.of(clipped, items));
    }

    /**
     * With more than one relearning step, w17 and w18 are capped at min(2, √max(0.01, −(ln w11 + ln(2^w13 − 1) +
     * 0.3·w14)/steps)), computed from the values before clipping.
     */
    @SeededProperty
    void relearningStepsCapTheSameDayParameters(
            @ForAll @DoubleRange(min = 0.5, max = 3) double w11,
            @ForAll @DoubleRange(min = 0.05, max = 0.85) double w13,
            @ForAll @DoubleRange(min = 0, max = 3.5) double w14,
            @ForAll @IntRange(min = 1, max = 4) int steps) {
        float[] w = Defaults.weights();
        w[11] = (float) w11;
        w[13] = (float) w13;
        w[14] = (float) w14;
        w[17] = 1.9f;
        w[18] = 0.005f;

        Defaults.clip(w, steps, true);

        double value = -(Math.log((float) w11) + Math.log(Math.pow(2, (float) w13) - 1) + 0.3 * (float) w14) / steps;
        double ceiling = steps <= 1 ? 2 : Math.min(2, Math.sqrt(Math.max(0.01, value)));
        assertThat((double) w[17]).isCloseTo(Math.min(1.9, ceiling), within(1e-5));
        assertThat((double) w[18]).isCloseTo(Math.min(0.005, ceiling), within(1e-6));
        assertThat(w[19]).isEqualTo(0.0658f);
    }

    /** A lapse is an Again a day or more after the review before; a same-day Again is not, nor the target. */
    @SeededProperty
    void lapsesAreAgainsADayOrMoreApart(@ForAll("histories") List<TrainingReview> history) {
        List<TrainingReview> all = new ArrayList<>();
        all.add(new TrainingReview(3, 0));
        all.addAll(history);
        all.add(new TrainingReview(1, 3));
        int expected = 0;
        for (TrainingReview review : history) {
            expected += review.rating() == 1 && review.deltaT() >= 1 ? 1 : 0;
        }

        assertThat(new TrainingItem(all).lapses()).isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<TrainingReview>> histories() {
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.of(0, 1, 2))
                .as(TrainingReview::new)
                .list()
                .ofMaxSize(6);
    }

    /**
     * Rows in any order give the same items, in the order their targets were reviewed; days are counted in the zone
     * given, from the hour given.
     */
    @SeededProperty
    void rowsInAnyOrderGiveTheSameItemsInTargetOrder(
            @ForAll @IntRange(min = 0, max = 23) int hour, @ForAll("zones") String zone, @ForAll long seed) {
        List<Revlog.Row> rows = new ArrayList<>();
        long at = 1_700_000_000_000L;
        for (int card = 0; card < 6; card++) {
            long t = at + card * 3_600_000L;
            rows.add(new Revlog.Row("c" + card, t, 3, 0));
            for (int k = 1; k <= 3; k++) {
                t += (k * 30L + card) * 3_600_000L;
                rows.add(new Revlog.Row("c" + card, t, k == 2 ? 1 : 3, 2));
            }
        }
        List<Revlog.Row> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(seed));

        List<TrainingItem> items = Revlog.items(shuffled, ZoneId.of(zone), hour);

        assertThat(items).isEqualTo(Revlog.items(rows, ZoneId.of(zone), hour));
        assertThat(items).hasSize(18);
        // Each card's first target comes a day or more after its first review, counted in local days from the hour.
        for (TrainingItem item : items) {
            assertThat(item.target().deltaT()).isPositive();
        }
        long first = rows.get(0).reviewTimeMillis();
        long second = rows.get(1).reviewTimeMillis();
        long offset = ZoneId.of(zone)
                .getRules()
                .getOffset(java.time.Instant.ofEpochMilli(first))
                .getTotalSeconds();
        long expectedDelta = Math.floorDiv(second / 1000 + offset - hour * 3600L, 86_400)
                - Math.floorDiv(first / 1000 + offset - hour * 3600L, 86_400);
        assertThat(items.stream()
                        .filter(i ->
                                i.reviews().size() == 2 && i.reviews().get(0).rating() == 3)
                        .map(i -> i.target().deltaT()))
                .contains((int) expectedDelta);
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of("UTC", "+08:00", "-05:00", "Asia/Kathmandu", "America/St_Johns");
    }

    /**
     * RMSE(bins) is fsrs-rs's: items binned by interval, by long-term review count and by lapses on their log scales,
     * each bin's mean prediction against its mean outcome, weighted by its items' recency weights (an independent
     * computation in double, to float precision); the log loss is the weighted mean of the item losses.
     */
    @SeededProperty
    void evaluationIsFsrsRsBinnedRmseAndWeightedLogLoss(
            @ForAll @IntRange(min = 1, max = 1000) int seed, @ForAll @IntRange(min = 5, max = 120) int cards) {
        List<TrainingItem> items = new SyntheticLearner(Optimizer.defaults(), seed).items(cards, 9);
        double[] w = Optimizer.defaults();
        float[] wf = Defaults.weights();
        Recurrence recurrence = new Recurrence(16);
        java.util.Map<List<Long>, double[]> bins = new java.util.HashMap<>();
        double loss = 0;
        double weights = 0;
        for (int i = 0; i < items.size(); i++) {
            TrainingItem item = items.get(i);
            double ratio = (double) i / Math.max(items.size() - 1, 1);
            double weight = 0.25 + 0.75 * ratio * ratio * ratio;
            double p = OnePrediction.of(recurrence, wf, item);
            double y = item.recalled() ? 1 : 0;
            loss -= weight * (y * Math.log(p) + (1 - y) * Math.log(1 - p));
            weights += weight;
            long a = Math.round(
                    2.48 * Math.pow(3.62, Math.floor(Math.log(item.target().deltaT()) / Math.log(3.62))) * 100);
            long b = Math.round(
                    1.99 * Math.pow(1.89, Math.floor(Math.log(item.longTermReviewCount() + 1) / Math.log(1.89))));
            long c = item.lapses() == 0
                    ? 0
                    : Math.round(1.65 * Math.pow(1.73, Math.floor(Math.log(item.lapses()) / Math.log(1.73))));
            double[] cell = bins.computeIfAbsent(List.of(a, b, c), k -> new double[4]);
            cell[0] += p;
            cell[1] += y;
            cell[2] += 1;
            cell[3] += weight;
        }
        double squares = 0;
        double binWeights = 0;
        for (double[] cell : bins.values()) {
            double gap = cell[0] / cell[2] - cell[1] / cell[2];
            squares += cell[3] * gap * gap;
            binWeights += cell[3];
        }

        Evaluation evaluation = Evaluation.of(w, items);

        assertThat(evaluation.logLoss()).isCloseTo(loss / weights, within(1e-5));
        assertThat(evaluation.rmseBins()).isCloseTo(Math.sqrt(squares / binWeights), within(1e-5));
    }

    /** Two known stabilities out of order with as many items each: the lower rating's takes the higher's. */
    @Example
    void aTieInCountsGivesTheLowerRatingTheHigherOnesValue() {
        float[] s = Pretraining.smoothAndFill(new float[] {3f, 2f, 4f, 9f}, new int[] {5, 5, 5, 5});

        assertThat(s[0]).isEqualTo(2f);
        assertThat(s[1]).isEqualTo(2f);
    }

    /** Only a training, or the pretraining that too few reviews allow, learnt anything; defaults and a cancel did not. */
    @Example
    void onlyATrainingOrAPretrainingLearnt() {
        double[] w = Optimizer.defaults();
        assertThat(new Optimizer.Result.Trained(w, 100, 5, 3).learnt()).isTrue();
        assertThat(new Optimizer.Result.TooFewReviews(w, true, "few").learnt()).isTrue();
        assertThat(new Optimizer.Result.TooFewReviews(w, false, "fewer").learnt())
                .isFalse();
        assertThat(new Optimizer.Result.Cancelled(w).learnt()).isFalse();
    }
}
