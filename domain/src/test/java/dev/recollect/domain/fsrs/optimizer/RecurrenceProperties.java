package dev.recollect.domain.fsrs.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.recollect.domain.testing.SeededProperty;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/** The recurrence's loss and its hand-written gradient. */
class RecurrenceProperties {

    private static double lossAndGradient(float[] w, List<TrainingItem> items, double[] grad) {
        Recurrence recurrence = new Recurrence(8);
        double loss = 0;
        for (TrainingItem item : items) {
            loss += recurrence.lossAndGradient(
                    w, item.ratings(), item.days(), 0, item.reviews().size(), 1f, grad);
        }
        return loss;
    }

    /** fsrs-rs's own fixture ({@code analytic.rs} tests): four items at the defaults, short-term on. */
    @Example
    void theLossAndGradientOfFsrsRsFixture() {
        List<TrainingItem> items = List.of(
                TrainingItem.of(1, 0, 3, 0, 1, 0, 4, 0, 3, 1, 2, 3, 3, 4),
                TrainingItem.of(2, 0, 4, 0, 4, 0, 3, 1, 1, 3, 3, 6, 3, 11),
                TrainingItem.of(3, 0, 2, 0, 4, 0, 3, 1, 3, 3, 3, 6, 3, 12),
                TrainingItem.of(4, 0, 4, 0, 3, 1, 3, 3, 3, 5, 4, 12, 1, 23));
        double[] grad = new double[21];

        double loss = lossAndGradient(Defaults.weights(), items, grad);

        double[] expected = {
            -0.0956885,
            -0.00516078,
            -0.00122496,
            0.00746206,
            0.0365076,
            -0.0821123,
            0.0593964,
            -2.14748,
            0.576265,
            -2.87513,
            0.715488,
            -0.0289937,
            0.00991730,
            -0.218922,
            -0.00178006,
            -0.0893814,
            0.299141,
            0.0681040,
            -0.0116055,
            -0.253982,
            0.277005
        };
        assertThat(loss).isCloseTo(4.0466027, within(4.0466027 * 1e-6));
        for (int i = 0; i < 21; i++) {
            assertThat(grad[i]).as("w" + i).isCloseTo(expected[i], within(Math.abs(expected[i]) * 1e-4));
        }
    }

    /** Parameters anywhere inside fsrs-rs's bounds, short-term on. */
    @Provide
    Arbitrary<float[]> parameters() {
        float[][] bounds = {
            {0.001f, 100}, {0.001f, 100}, {0.001f, 100}, {0.001f, 100}, {1, 10}, {0.001f, 4}, {0.001f, 4},
            {0.001f, 0.75f}, {0, 4.5f}, {0, 0.8f}, {0.001f, 3.5f}, {0.001f, 5}, {0.001f, 0.25f}, {0.001f, 0.9f},
            {0, 4}, {0, 1}, {1, 6}, {0, 2}, {0, 2}, {0.01f, 0.8f}, {0.1f, 0.8f}
        };
        Arbitrary<Double> unit = Arbitraries.doubles().between(0.05, 0.95);
        return unit.list().ofSize(21).map(us -> {
            float[] w = new float[21];
            for (int i = 0; i < 21; i++) {
                w[i] = (float) (bounds[i][0] + us.get(i) * (bounds[i][1] - bounds[i][0]));
            }
            return w;
        });
    }

    /** Items of one to seven reviews of history, same-day ones among them, and a target. */
    @Provide
    Arbitrary<TrainingItem> items() {
        Arbitrary<TrainingReview> review = Combinators.combine(
                        Arbitraries.integers().between(1, 4), Arbitraries.of(0, 0, 1, 2, 3, 7, 20, 90))
                .as(TrainingReview::new);
        return Combinators.combine(
                        review.list().ofMinSize(1).ofMaxSize(7),
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(1, 120))
                .as((history, rating, days) -> {
                    java.util.List<TrainingReview> all = new java.util.ArrayList<>();
                    all.add(new TrainingReview(history.get(0).rating(), 0));
                    all.addAll(history.subList(1, history.size()));
                    all.add(new TrainingReview(rating, days));
                    return new TrainingItem(all);
                });
    }

    /**
     * The loss of one item in plain double, written out again from fsrs-rs's formulas: the reference the float
     * recurrence and its gradient are checked against (float finite differences drown small partials in rounding).
     */
    static double doubleLoss(double[] w, TrainingItem item) {
        List<TrainingReview> reviews = item.reviews();
        double c = -w[20];
        double f = Math.exp(Math.log(0.9) / c) - 1;
        int g0 = reviews.get(0).rating();
        double s = clampD(w[g0 - 1], 0.001, 36500);
        double easyD0 = w[4] - Math.exp(w[5] * 3) + 1;
        double d = clampD(w[4] - Math.exp(w[5] * (g0 - 1)) + 1, 1, 10);
        for (int i = 1; i < reviews.size() - 1; i++) {
            int g = reviews.get(i).rating();
            double t = reviews.get(i).deltaT();
            double r = Math.pow(t / s * f + 1, c);
            double next;
            if (t == 0) {
                double m = Math.exp(w[17] * (g - 3 + w[18])) * Math.pow(s, -w[19]);
                next = g >= 2 ? s * Math.max(m, 1) : s * m;
            } else if (g == 1) {
                double raw = w[11] * Math.pow(d, -w[12]) * (Math.pow(s + 1, w[13]) - 1) * Math.exp((1 - r) * w[14]);
                double floor = s / Math.exp(w[17] * w[18]);
                next = Math.min(floor, raw);
            } else {
                double inc = Math.exp(w[8])
                        * (11 - d)
                        * Math.pow(s, -w[9])
                        * (Math.exp((1 - r) * w[10]) - 1)
                        * (g == 2 ? w[15] : 1)
                        * (g == 4 ? w[16] : 1);
                next = s * (1 + inc);
            }
            double delta = -w[6] * (g - 3);
            double lin = d + (10 - d) * delta / 9;
            d = clampD(w[7] * (easyD0 - lin) + lin, 1, 10);
            s = clampD(next, 0.001, 36500);
        }
        double p = Math.pow(item.target().deltaT() / s * f + 1, c);
        p = clampD(p, 1e-7, 1 - 1e-7);
        return item.recalled() ? -Math.log(p) : -Math.log(1 - p);
    }

    private static double clampD(double x, double lo, double hi) {
        return Math.min(Math.max(x, lo), hi);
    }

    /**
     * The hand-written gradient equals central finite differences of the loss in double, for any parameters inside
     * the bounds and any history with same-day reviews and lapses: every partial within 1e-3 relative (or 1e-6
     * absolute); and the float loss equals the double one to float precision.
     */
    @SeededProperty
    void theGradientEqualsFiniteDifferences(@ForAll("parameters") float[] w, @ForAll("items") TrainingItem item) {
        checkGradient(w, item, 1e-3);
    }

    /** Compares the analytic gradient with double finite differences, within {@code tolerance} relative. */
    private static void checkGradient(float[] w, TrainingItem item, double tolerance) {
        double[] grad = new double[21];
        double loss = lossAndGradient(w, List.of(item), grad);
        double[] wd = new double[21];
        for (int j = 0; j < 21; j++) {
            wd[j] = w[j];
        }
        double exact = doubleLoss(wd, item);
        assertThat(loss).isCloseTo(exact, within(tolerance / 10 * Math.max(1, exact)));
        for (int j = 0; j < 21; j++) {
            double h = 1e-6 * Math.max(1, Math.abs(wd[j]));
            double[] up = wd.clone();
            double[] down = wd.clone();
            up[j] += h;
            down[j] -= h;
            double fd = (doubleLoss(up, item) - doubleLoss(down, item)) / (2 * h);
            assertThat(Math.abs(grad[j] - fd))
                    .as(
                            "w%d: analytic %s, finite differences %s at %s for %s",
                            j, grad[j], fd, java.util.Arrays.toString(w), item)
                    .isLessThanOrEqualTo(tolerance * Math.max(Math.abs(fd), Math.abs(grad[j])) + tolerance * 1e-3);
        }
    }
}
