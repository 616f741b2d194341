package dev.recollect.domain.fsrs.optimizer;

/** One item's predicted recall by its own forward sweep: the oracle that shared sweeps are checked against. */
final class OnePrediction {
    private OnePrediction() {}

    /** The recall {@code w} predicts for {@code item}, unclamped, as fsrs-rs's inference: one sweep for the item. */
    static float of(Recurrence recurrence, float[] w, TrainingItem item) {
        int length = item.reviews().size();
        int[] days = item.days();
        float s = recurrence.forward(w, item.ratings(), days, 0, length - 1);
        float c = -w[20];
        return Recurrence.retrievability(days[length - 1], s, c, Recurrence.factor(c));
    }
}
