package dev.recollect.domain.fsrs.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.recollect.domain.testing.SeededProperty;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Pretraining's rules: the search finds the best stability, and filling keeps fsrs-rs's two log-linear relations. */
class PretrainingProperties {
    private static final double W1 = 0.41f;
    private static final double W2 = 0.54f;

    @Provide
    Arbitrary<float[]> increasing() {
        return Arbitraries.floats().between(0.05f, 3f).list().ofSize(4).map(steps -> {
            float[] s = new float[4];
            float total = 0.02f;
            for (int i = 0; i < 4; i++) {
                total *= 1 + steps.get(i);
                total += 0.05f;
                s[i] = total;
            }
            return s;
        });
    }

    /**
     * Whichever two or three ratings are known (in increasing order), the known values stay, and the filled ones
     * satisfy ln S2 = w1 ln S1 + (1−w1) ln S3 and ln S3 = (1−w2) ln S2 + w2 ln S4 (both, with two known; the one that
     * gives the missing value, with three); every result lies in [0.001, 100].
     */
    @SeededProperty
    void fillingKeepsTheLogLinearRelations(
            @ForAll("increasing") float[] truth, @ForAll @IntRange(min = 3, max = 14) int mask) {
        int known = Integer.bitCount(mask);
        float[] found = new float[4];
        int[] count = new int[4];
        for (int g = 0; g < 4; g++) {
            if ((mask & (1 << g)) != 0) {
                found[g] = truth[g];
                count[g] = 1;
            }
        }
        if (known < 2) {
            return;
        }

        float[] s = Pretraining.smoothAndFill(found, count);

        for (int g = 0; g < 4; g++) {
            assertThat(s[g]).isBetween(0.001f, 100f);
            if (count[g] == 1 && truth[g] <= 100) {
                assertThat(s[g]).as("S%d is known", g + 1).isEqualTo(truth[g]);
            }
        }
        boolean inside = s[0] > 0.001f && s[3] < 100f;
        // Two known: both relations fix the other two. Three known: the missing one comes from its own relation.
        boolean first = known == 2 || count[0] == 0 || count[1] == 0;
        boolean second = known == 2 || count[2] == 0 || count[3] == 0;
        if (inside && first) {
            assertThat(Math.log(s[1]))
                    .as("mask %d: %s -> %s", mask, java.util.Arrays.toString(truth), java.util.Arrays.toString(s))
                    .isCloseTo(W1 * Math.log(s[0]) + (1 - W1) * Math.log(s[2]), within(1e-4));
        }
        if (inside && second) {
            assertThat(Math.log(s[2]))
                    .as("mask %d: %s -> %s", mask, java.util.Arrays.toString(truth), java.util.Arrays.toString(s))
                    .isCloseTo((1 - W2) * Math.log(s[1]) + W2 * Math.log(s[3]), within(1e-4));
        }
    }

    /**
     * Known values that decrease with the rating are made to grow: of each pair out of order, the side with fewer
     * items takes the other side's value.
     */
    @SeededProperty
    void theSideWithFewerItemsGivesWay(
            @ForAll("increasing") float[] s,
            @ForAll @IntRange(min = 1, max = 50) int fewer,
            @ForAll @IntRange(min = 0, max = 2) int g) {
        float[] found = s.clone();
        int[] count = {100, 100, 100, 100};
        // Swap two neighbours, so that they are out of order; the lower rating has fewer items.
        found[g] = s[g + 1];
        found[g + 1] = s[g];
        count[g] = fewer;

        float[] smoothed = Pretraining.smoothAndFill(found, count);

        assertThat(smoothed[g]).isEqualTo(found[g + 1]);
        assertThat(smoothed[g + 1]).isEqualTo(found[g + 1]);
    }

    /** One known rating scales the defaults by it, in increasing order; none is not enough data. */
    @SeededProperty
    void oneKnownRatingScalesTheDefaults(
            @ForAll @IntRange(min = 0, max = 3) int g, @ForAll("stabilities") float value) {
        float[] found = new float[4];
        int[] count = new int[4];
        found[g] = value;
        count[g] = 7;

        float[] s = Pretraining.smoothAndFill(found, count);

        float[] scaled = new float[4];
        for (int i = 0; i < 4; i++) {
            scaled[i] = Math.min(100f, Math.max(0.001f, Defaults.WEIGHTS[i] * (value / Defaults.WEIGHTS[g])));
        }
        java.util.Arrays.sort(scaled);
        assertThat(s).containsExactly(scaled, within(1e-4f * Math.max(1, value)));
        assertThat(s[g]).isCloseTo(Math.min(100f, value), within(1e-4f * value));
        assertThatThrownBy(() -> Pretraining.smoothAndFill(new float[4], new int[4]))
                .isInstanceOf(OptimizerException.class);
    }

    @Provide
    Arbitrary<Float> stabilities() {
        return Arbitraries.floats().between(0.01f, 50f);
    }

    /** The search's stability is the best: moving it a little either way never lowers the loss. */
    @SeededProperty
    void theSearchFindsTheBestStability(
            @ForAll("recalls") List<Double> recalls, @ForAll @IntRange(min = 1, max = 4) int rating) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < recalls.size(); i++) {
            points.add(new double[] {i + 1, recalls.get(i), 10 + 7 * i});
        }
        float s = Pretraining.search(points, 0.9f, rating);

        assertThat(s).isBetween(0.001f, 100f);
        double best = PretrainingProperties.loss(points, s, Defaults.WEIGHTS[rating - 1]);
        for (double step : new double[] {0.01, -0.01}) {
            double moved = Math.min(100, Math.max(0.001, s * (1 + step)));
            assertThat(loss(points, moved, Defaults.WEIGHTS[rating - 1])).isGreaterThanOrEqualTo(best - 1e-9);
        }
    }

    @Provide
    Arbitrary<List<Double>> recalls() {
        return Arbitraries.doubles().between(0.3, 0.99).list().ofMinSize(1).ofMaxSize(6);
    }

    private static double loss(List<double[]> points, double s, double prior) {
        double decay = -(double) 0.1542f;
        double factor = Math.pow(0.9, 1 / decay) - 1;
        double total = 0;
        for (double[] point : points) {
            double n = point[2];
            double smoothed = (point[1] * n + 0.9f) / (n + 1);
            double r = Math.pow(1 + factor * point[0] / s, decay);
            total += n * (-smoothed * Math.log(r) - (1 - smoothed) * Math.log(1 - r));
        }
        return total + Math.abs(s - prior) / 16;
    }
}
