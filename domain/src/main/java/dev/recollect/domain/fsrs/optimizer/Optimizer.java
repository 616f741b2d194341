package dev.recollect.domain.fsrs.optimizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Fits the 21 FSRS-6 parameters to review histories as fsrs-rs 6.5.0's {@code compute_parameters} does: the outlier
 * filter, pretraining of the initial stabilities, then Adam over the recurrence in batches, with L2 regularisation
 * toward the defaults, clipping after every step, a cosine learning rate and a fixed seed; the epoch with the lowest
 * training loss wins. Deterministic: the same items and options give the same parameters.
 */
public final class Optimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private Optimizer() {}

    /**
     * How to train.
     *
     * @param enableShortTerm whether same-day reviews train w17 to w19 (off: they stay 0, and w0 to w3 at their
     *     pretrained values)
     * @param relearningSteps how many relearning steps the deployment uses (more than one caps w17 and w18)
     * @param epochs passes over the items
     * @param batchSize items per step
     * @param seed the batch order's seed
     * @param learningRate Adam's initial learning rate, annealed to 0
     * @param maxSeqLen items with more reviews are left out of training
     * @param gamma the strength of the pull toward the defaults
     */
    public record Options(
            boolean enableShortTerm,
            int relearningSteps,
            int epochs,
            int batchSize,
            long seed,
            double learningRate,
            int maxSeqLen,
            double gamma) {
        /** fsrs-rs's defaults: short-term on, one relearning step, 5 epochs of 512, seed 2023, 0.04, 256, 1. */
        public static final Options DEFAULT = new Options(true, 1, 5, 512, 2023, 0.04, 256, 1.0);

        /** Refuses settings that cannot train, naming them. */
        public Options {
            if (relearningSteps < 0 || epochs < 1 || batchSize < 1 || maxSeqLen < 2) {
                throw new OptimizerException("relearningSteps must be >= 0, epochs and batchSize >= 1, maxSeqLen >= 2");
            }
            if (!Double.isFinite(learningRate) || learningRate <= 0 || !Double.isFinite(gamma) || gamma < 0) {
                throw new OptimizerException("the learning rate must be positive and gamma >= 0, both finite");
            }
        }

        /** These options with short-term training on or off. */
        public Options withShortTerm(boolean on) {
            return new Options(on, relearningSteps, epochs, batchSize, seed, learningRate, maxSeqLen, gamma);
        }

        /** These options for a deployment with {@code steps} relearning steps. */
        public Options withRelearningSteps(int steps) {
            return new Options(enableShortTerm, steps, epochs, batchSize, seed, learningRate, maxSeqLen, gamma);
        }
    }

    /** Hears how training goes, and may stop it. */
    public interface Monitor {
        /** Nothing heard, never stopped. */
        Monitor NONE = new Monitor() {};

        /** {@code done} of {@code total} steps are done. */
        default void progress(int done, int total) {}

        /** Whether to stop at the next step. */
        default boolean cancelled() {
            return false;
        }
    }

    /** What training gave. Every variant carries parameters a scheduler can use. */
    public sealed interface Result {
        /** The 21 parameters, widened to double. */
        double[] parameters();

        /** The value of the function for this outcome; a new outcome breaks the build wherever one is handled. */
        <R> R fold(Function<Trained, R> trained, Function<TooFewReviews, R> tooFew, Function<Cancelled, R> cancelled);

        /**
         * Whether the reviews taught anything: a full training, or with too few to train the pretrained initial
         * stabilities; not the defaults kept for want of reviews, nor a cancelled run.
         */
        default boolean learnt() {
            return fold(trained -> true, TooFewReviews::pretrained, cancelled -> false);
        }

        /** Trained on {@code items} items over {@code epochs} epochs; {@code bestEpoch} (1-based) was kept. */
        record Trained(double[] parameters, int items, int epochs, int bestEpoch) implements Result {
            /** Copies the parameters. */
            public Trained {
                parameters = parameters.clone();
            }

            @Override
            public <R> R fold(
                    Function<Trained, R> trained, Function<TooFewReviews, R> tooFew, Function<Cancelled, R> cancelled) {
                return trained.apply(this);
            }
        }

        /**
         * Too few items to train: the defaults, or (with {@code pretrained}) the fitted initial stabilities followed
         * by the defaults; {@code reason} says which threshold was not met.
         */
        record TooFewReviews(double[] parameters, boolean pretrained, String reason) implements Result {
            /** Copies the parameters. */
            public TooFewReviews {
                parameters = parameters.clone();
            }

            @Override
            public <R> R fold(
                    Function<Trained, R> trained, Function<TooFewReviews, R> tooFew, Function<Cancelled, R> cancelled) {
                return tooFew.apply(this);
            }
        }

        /** Stopped by the monitor: the defaults. */
        record Cancelled(double[] parameters) implements Result {
            /** Copies the parameters. */
            public Cancelled {
                parameters = parameters.clone();
            }

            @Override
            public <R> R fold(
                    Function<Trained, R> trained, Function<TooFewReviews, R> tooFew, Function<Cancelled, R> cancelled) {
                return cancelled.apply(this);
            }
        }
    }

    /** The FSRS-6 defaults as fsrs-rs holds them (float values widened to double). */
    public static double[] defaults() {
        return widen(Defaults.WEIGHTS);
    }

    /** The fewest training items to train at all; fewer give the defaults (fsrs-rs's threshold). */
    public static final int MIN_ITEMS = 8;

    /** The fewest training items to train beyond the initial stabilities (fsrs-rs's threshold). */
    public static final int MIN_ITEMS_TO_TRAIN = 64;

    /** Trains on {@code items} with {@code options}, telling {@code monitor}. */
    public static Result fit(List<TrainingItem> items, Options options, Monitor monitor) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(monitor, "monitor");
        OutlierFilter filtered = OutlierFilter.apply(items);
        List<TrainingItem> trainSet = filtered.trainSet();
        if (trainSet.size() < MIN_ITEMS) {
            return new Result.TooFewReviews(
                    widen(Defaults.weights()),
                    false,
                    trainSet.size() + " reviews to learn from after filtering; fewer than " + MIN_ITEMS
                            + " keep the defaults");
        }
        float averageRecall =
                (float) trainSet.stream().filter(TrainingItem::recalled).count() / trainSet.size();
        Pretraining.Found found = Pretraining.fit(filtered.initSet(), averageRecall);
        float[] initial;
        try {
            initial = Pretraining.smoothAndFill(found.stability(), found.count());
        } catch (NotEnoughData none) {
            return new Result.TooFewReviews(
                    widen(Defaults.weights()),
                    false,
                    "no first rating has enough single first reviews to fit its initial stability; keeping the"
                            + " defaults");
        }
        float[] init = Defaults.weights();
        System.arraycopy(initial, 0, init, 0, 4);
        if (trainSet.size() < MIN_ITEMS_TO_TRAIN
                || trainSet.size() == filtered.initSet().size()) {
            return new Result.TooFewReviews(
                    widen(init),
                    true,
                    trainSet.size() + " reviews to learn from; fewer than " + MIN_ITEMS_TO_TRAIN
                            + " fit only the initial stabilities");
        }
        float[] start = init.clone();
        if (!options.enableShortTerm()) {
            start[17] = 0;
            start[18] = 0;
            start[19] = 0;
        }
        List<Weighted> weighted = new ArrayList<>();
        int last = Math.max(trainSet.size() - 1, 1);
        for (int i = 0; i < trainSet.size(); i++) {
            float ratio = (float) i / last;
            float weight = 0.25f + 0.75f * (ratio * ratio * ratio);
            TrainingItem item = trainSet.get(i);
            if (item.reviews().size() <= options.maxSeqLen()) {
                weighted.add(new Weighted(item, weight));
            }
        }
        Training training = new Training(weighted, start, options, monitor);
        float[] trained = training.run();
        if (trained == null) {
            return new Result.Cancelled(widen(Defaults.weights()));
        }
        float[] smoothed =
                Pretraining.smoothAndFill(new float[] {trained[0], trained[1], trained[2], trained[3]}, found.count());
        System.arraycopy(smoothed, 0, trained, 0, 4);
        for (float value : trained) {
            if (!Float.isFinite(value)) {
                throw new OptimizerException("training gave a non-finite parameter");
            }
        }
        return new Result.Trained(widen(trained), weighted.size(), options.epochs(), training.bestEpoch());
    }

    static double[] widen(float[] w) {
        double[] wide = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            wide[i] = w[i];
        }
        return wide;
    }

    /** An item with its recency weight. */
    record Weighted(TrainingItem item, float weight) {}

    /** One training run: batches, Adam, clipping and the choice of epoch. */
    private static final class Training {
        private final List<int[]> ratings = new ArrayList<>();
        private final List<int[]> days = new ArrayList<>();
        private final float[] weights;
        private final int[][] batches;
        private final float[] start;
        private final float[] w;
        private final Options options;
        private final Monitor monitor;
        private final int frozen;
        private final double[] sigmaSquared = new double[21];
        private final Recurrence recurrence;
        private final Chains chains;
        private final boolean[] recalled;
        private final float[] predictions;
        private int bestEpoch;

        Training(List<Weighted> items, float[] start, Options options, Monitor monitor) {
            List<Weighted> byLength = new ArrayList<>(items);
            byLength.sort(Comparator.comparingInt(x -> x.item().reviews().size()));
            weights = new float[byLength.size()];
            recalled = new boolean[byLength.size()];
            predictions = new float[byLength.size()];
            List<TrainingItem> inOrder = new ArrayList<>(byLength.size());
            for (int i = 0; i < byLength.size(); i++) {
                TrainingItem item = byLength.get(i).item();
                inOrder.add(item);
                ratings.add(item.ratings());
                days.add(item.days());
                weights[i] = byLength.get(i).weight();
                recalled[i] = item.recalled();
            }
            chains = Chains.of(inOrder);
            int count = (byLength.size() + options.batchSize() - 1) / options.batchSize();
            batches = new int[count][];
            for (int b = 0; b < count; b++) {
                int from = b * options.batchSize();
                int to = Math.min(byLength.size(), from + options.batchSize());
                batches[b] = new int[] {from, to};
            }
            this.start = start;
            this.w = start.clone();
            this.options = options;
            this.monitor = monitor;
            this.frozen = options.enableShortTerm() ? 0 : 1;
            for (int j = 0; j < 21; j++) {
                float sigma = Defaults.SIGMA[j];
                sigmaSquared[j] = sigma * sigma;
            }
            recurrence = new Recurrence(16);
        }

        int bestEpoch() {
            return bestEpoch;
        }

        /** The best epoch's parameters, or {@code null} when cancelled. */
        float[] run() {
            int n = weights.length;
            int total = options.epochs() * batches.length;
            double horizon = (double) (n / options.batchSize() + 1) * options.epochs();
            double[] m = new double[21];
            double[] v = new double[21];
            double[] grad = new double[21];
            BatchOrder order = new BatchOrder(options.seed());
            float[] best = null;
            double bestLoss = Double.POSITIVE_INFINITY;
            int step = 0;
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                for (int b : order.next(batches.length)) {
                    if (monitor.cancelled()) {
                        return null;
                    }
                    double lr = options.learningRate() * (1 + Math.cos(Math.PI * step / horizon)) / 2;
                    java.util.Arrays.fill(grad, 0);
                    int from = batches[b][0];
                    int to = batches[b][1];
                    for (int i = from; i < to; i++) {
                        int[] r = ratings.get(i);
                        recurrence.lossAndGradient(w, r, days.get(i), 0, r.length, weights[i], grad);
                    }
                    double share = options.gamma() * (to - from) / n;
                    for (int j = 0; j < 21; j++) {
                        grad[j] += 2 * share * (w[j] - start[j]) / sigmaSquared[j];
                    }
                    if (frozen == 1) {
                        for (int j : new int[] {0, 1, 2, 3, 17, 18, 19}) {
                            grad[j] = 0;
                        }
                    }
                    step++;
                    double correction1 = 1 - Math.pow(BETA1, step);
                    double correction2 = 1 - Math.pow(BETA2, step);
                    for (int j = 0; j < 21; j++) {
                        m[j] = BETA1 * m[j] + (1 - BETA1) * grad[j];
                        v[j] = BETA2 * v[j] + (1 - BETA2) * grad[j] * grad[j];
                        w[j] -= (float) (lr * (m[j] / correction1) / (Math.sqrt(v[j] / correction2) + EPSILON));
                    }
                    Defaults.clip(w, options.relearningSteps(), options.enableShortTerm());
                    monitor.progress(step, total);
                }
                double loss = epochLoss();
                if (loss < bestLoss) {
                    bestLoss = loss;
                    best = w.clone();
                    bestEpoch = epoch;
                }
            }
            return best;
        }

        /** The training loss of the current parameters, as fsrs-rs picks the best epoch by it. */
        private double epochLoss() {
            int n = weights.length;
            chains.predict(recurrence, w, predictions);
            double total = 0;
            for (int[] batch : batches) {
                double sum = 0;
                for (int i = batch[0]; i < batch[1]; i++) {
                    sum += Recurrence.loss(predictions[i], recalled[i], weights[i]);
                }
                double penalty = 0;
                for (int j = 0; j < 21; j++) {
                    double diff = w[j] - start[j];
                    penalty += diff * diff / sigmaSquared[j];
                }
                total += sum + options.gamma() * (batch[1] - batch[0]) / n * penalty;
            }
            return total / n;
        }
    }
}
