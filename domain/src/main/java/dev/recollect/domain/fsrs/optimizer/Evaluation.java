package dev.recollect.domain.fsrs.optimizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How well parameters predict review histories, as fsrs-rs 6.5.0's {@code evaluate}: the recency-weighted log loss,
 * and RMSE(bins), the weighted root mean square gap between predicted and observed recall over bins of similar
 * items (by interval, by how many reviews came before, by lapses). Item order matters: later items weigh more.
 *
 * @param logLoss the weighted log loss, lower is better
 * @param rmseBins RMSE(bins), lower is better
 */
public record Evaluation(double logLoss, double rmseBins) {

    /**
     * Whether these figures beat {@code other}'s on the same items: a strictly lower log loss, the measure the
     * optimizer minimises. Anki keeps a learner's current parameters when new ones do not beat them.
     */
    public boolean betterThan(Evaluation other) {
        return logLoss < other.logLoss;
    }

    /** Evaluates {@code parameters} (21 values) on {@code items}, in their order. */
    public static Evaluation of(double[] parameters, List<TrainingItem> items) {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(items, "items");
        if (parameters.length != 21) {
            throw new OptimizerException("FSRS-6 has 21 parameters, got " + parameters.length);
        }
        if (items.isEmpty()) {
            throw new NotEnoughData("there is nothing to evaluate");
        }
        float[] w = new float[21];
        for (int i = 0; i < 21; i++) {
            if (!Double.isFinite(parameters[i])) {
                throw new OptimizerException("parameter w" + i + " is not a finite number");
            }
            w[i] = (float) parameters[i];
        }
        Defaults.clip(w, 1, false);
        Chains chains = Chains.of(items);
        float[] predictions = new float[items.size()];
        chains.predict(new Recurrence(16), w, predictions);
        int last = Math.max(items.size() - 1, 1);
        float lossSum = 0;
        float weightSum = 0;
        Map<Bin, float[]> bins = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            TrainingItem item = items.get(i);
            float ratio = (float) i / last;
            float weight = 0.25f + 0.75f * (ratio * ratio * ratio);
            float p = predictions[i];
            float y = item.recalled() ? 1f : 0f;
            float term = y == 1f ? (float) Math.log(p) : (float) Math.log(1f - p);
            lossSum += weight * term;
            weightSum += weight;
            float[] cell = bins.computeIfAbsent(Bin.of(item), k -> new float[4]);
            cell[0] += p;
            cell[1] += y;
            cell[2] += 1;
            cell[3] += weight;
        }
        double logLoss = -lossSum / weightSum;
        double squares = 0;
        double binWeights = 0;
        for (float[] cell : bins.values()) {
            double gap = (double) cell[0] / cell[2] - (double) cell[1] / cell[2];
            squares += cell[3] * gap * gap;
            binWeights += cell[3];
        }
        double rmse = Math.sqrt(squares / binWeights);
        if (!Double.isFinite(logLoss) || !Double.isFinite(rmse)) {
            throw new OptimizerException("these parameters give a non-finite loss on these items");
        }
        return new Evaluation(logLoss, rmse);
    }

    /** fsrs-rs's bin of an item: its interval, its count of long-term reviews, and its lapses, each on a log scale. */
    private record Bin(long interval, long reviews, long lapses) {
        static Bin of(TrainingItem item) {
            double t = item.target().deltaT();
            long interval = Math.round(2.48 * Math.pow(3.62, Math.floor(Math.log(t) / Math.log(3.62))) * 100);
            double l = item.longTermReviewCount() + 1;
            long reviews = Math.round(1.99 * Math.pow(1.89, Math.floor(Math.log(l) / Math.log(1.89))));
            int lapses = item.lapses();
            long lapseBin =
                    lapses == 0 ? 0 : Math.round(1.65 * Math.pow(1.73, Math.floor(Math.log(lapses) / Math.log(1.73))));
            return new Bin(interval, reviews, lapseBin);
        }
    }
}
