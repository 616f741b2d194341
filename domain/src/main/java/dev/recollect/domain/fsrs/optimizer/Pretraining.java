package dev.recollect.domain.fsrs.optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pretraining of the four initial stabilities (w0 to w3) as fsrs-rs 6.5.0 does it ({@code parameter_initialization
 * .rs}): per first rating, the recall observed at each first interval is fitted by a forgetting curve with the default
 * decay, by ternary search; then the four values are made monotonic and the missing ones filled from the others.
 */
final class Pretraining {
    private static final double DECAY = -(double) 0.1542f;
    private static final double FACTOR = Math.pow(0.9, 1 / DECAY) - 1;

    private Pretraining() {}

    /** What pretraining found: a stability per first rating that had data, and how many items each had. */
    record Found(float[] stability, int[] count) {}

    /** The initial stabilities fitted to {@code initSet}; {@code count[g-1]} is 0 for a rating without items. */
    static Found fit(List<TrainingItem> initSet, float averageRecall) {
        float[] stability = new float[4];
        int[] count = new int[4];
        for (int g = 1; g <= 4; g++) {
            // First interval → (items, recalled), in interval order.
            Map<Integer, int[]> byInterval = new TreeMap<>();
            for (TrainingItem item : initSet) {
                if (item.reviews().get(0).rating() == g) {
                    int[] cell = byInterval.computeIfAbsent(
                            item.firstLongTermReview().deltaT(), k -> new int[2]);
                    cell[0]++;
                    cell[1] += item.recalled() ? 1 : 0;
                }
            }
            if (byInterval.isEmpty()) {
                continue;
            }
            List<double[]> points = new ArrayList<>();
            for (Map.Entry<Integer, int[]> cell : byInterval.entrySet()) {
                int n = cell.getValue()[0];
                double recall = (double) cell.getValue()[1] / n;
                points.add(new double[] {cell.getKey(), recall, n});
                count[g - 1] += n;
            }
            stability[g - 1] = search(points, averageRecall, g);
        }
        return new Found(stability, count);
    }

    /**
     * The stability that best explains {@code points} (interval, recall, count) for first rating {@code g}, pulled
     * gently toward the default: ternary search on [0.001, 100].
     */
    static float search(List<double[]> points, float averageRecall, int g) {
        double lo = 0.001f;
        double hi = 100;
        double prior = Defaults.WEIGHTS[g - 1];
        for (int i = 0; i < 1000 && hi - lo > 2.220446e-16; i++) {
            double m1 = lo + (hi - lo) / 3;
            double m2 = hi - (hi - lo) / 3;
            if (loss(points, averageRecall, m1, prior) < loss(points, averageRecall, m2, prior)) {
                hi = m2;
            } else {
                lo = m1;
            }
        }
        return (float) ((lo + hi) / 2);
    }

    private static double loss(List<double[]> points, float averageRecall, double s, double prior) {
        double total = 0;
        for (double[] point : points) {
            double t = point[0];
            double n = point[2];
            double smoothed = (point[1] * n + averageRecall) / (n + 1);
            double r = Math.pow(1 + FACTOR * t / s, DECAY);
            total += n * (-smoothed * Math.log(r) - (1 - smoothed) * Math.log(1 - r));
        }
        return total + Math.abs(s - prior) / 16;
    }

    private static final float W1 = 0.41f;
    private static final float W2 = 0.54f;

    /**
     * fsrs-rs's {@code smooth_and_fill}: drops ratings without items, makes the stabilities grow with the rating (the
     * side with fewer items gives way), fills the missing ones from the known ones, and clamps each to [0.001, 100].
     */
    static float[] smoothAndFill(float[] found, int[] count) {
        Float[] s = new Float[4];
        for (int g = 0; g < 4; g++) {
            s[g] = count[g] > 0 ? found[g] : null;
        }
        int[][] pairs = {{0, 1}, {1, 2}, {2, 3}, {0, 2}, {1, 3}, {0, 3}};
        for (int[] pair : pairs) {
            int a = pair[0];
            int b = pair[1];
            if (s[a] != null && s[b] != null && s[a] > s[b]) {
                if (count[a] > count[b]) {
                    s[b] = s[a];
                } else {
                    s[a] = s[b];
                }
            }
        }
        int known = 0;
        for (Float value : s) {
            known += value == null ? 0 : 1;
        }
        if (known == 0) {
            throw new NotEnoughData("no first rating has enough reviews to fit an initial stability");
        }
        if (known == 1) {
            int g = s[0] != null ? 0 : s[1] != null ? 1 : s[2] != null ? 2 : 3;
            float[] scaled = new float[4];
            for (int i = 0; i < 4; i++) {
                scaled[i] = Defaults.WEIGHTS[i] * (s[g] / Defaults.WEIGHTS[g]);
            }
            java.util.Arrays.sort(scaled);
            return clampAll(scaled);
        }
        fill(s);
        return clampAll(new float[] {s[0], s[1], s[2], s[3]});
    }

    private static void fill(Float[] s) {
        float q = W1 + W2 - W1 * W2;
        boolean[] has = {s[0] != null, s[1] != null, s[2] != null, s[3] != null};
        if (!has[0] && !has[1]) {
            // Known: 3 and 4.
            s[1] = pow(s[2], 1 / (1 - W2)) * pow(s[3], 1 - 1 / (1 - W2));
            s[0] = pow(s[1], 1 / W1) * pow(s[2], 1 - 1 / W1);
        } else if (!has[0] && !has[2]) {
            // Known: 2 and 4.
            s[2] = pow(s[1], 1 - W2) * pow(s[3], W2);
            s[0] = pow(s[1], 1 / W1) * pow(s[2], 1 - 1 / W1);
        } else if (!has[0] && !has[3]) {
            // Known: 2 and 3.
            s[3] = pow(s[1], 1 - 1 / W2) * pow(s[2], 1 / W2);
            s[0] = pow(s[1], 1 / W1) * pow(s[2], 1 - 1 / W1);
        } else if (!has[1] && !has[2]) {
            // Known: 1 and 4.
            s[1] = pow(s[0], W1 / q) * pow(s[3], 1 - W1 / q);
            s[2] = pow(s[0], 1 - W2 / q) * pow(s[3], W2 / q);
        } else if (!has[1] && !has[3]) {
            // Known: 1 and 3.
            s[1] = pow(s[0], W1) * pow(s[2], 1 - W1);
            s[3] = pow(s[1], 1 - 1 / W2) * pow(s[2], 1 / W2);
        } else if (!has[2] && !has[3]) {
            // Known: 1 and 2.
            s[2] = pow(s[0], 1 - 1 / (1 - W1)) * pow(s[1], 1 / (1 - W1));
            s[3] = pow(s[1], 1 - 1 / W2) * pow(s[2], 1 / W2);
        } else if (!has[0]) {
            s[0] = pow(s[1], 1 / W1) * pow(s[2], 1 - 1 / W1);
        } else if (!has[1]) {
            s[1] = pow(s[0], W1) * pow(s[2], 1 - W1);
        } else if (!has[2]) {
            s[2] = pow(s[1], 1 - W2) * pow(s[3], W2);
        } else if (!has[3]) {
            s[3] = pow(s[1], 1 - 1 / W2) * pow(s[2], 1 / W2);
        }
    }

    private static float pow(float base, float exponent) {
        return (float) Math.pow(base, exponent);
    }

    private static float[] clampAll(float[] s) {
        for (int i = 0; i < s.length; i++) {
            s[i] = Recurrence.clamp(s[i], 0.001f, 100f);
        }
        return s;
    }
}
