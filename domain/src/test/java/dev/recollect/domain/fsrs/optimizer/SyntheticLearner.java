package dev.recollect.domain.fsrs.optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A learner whose memory follows FSRS-6 with known parameters: each card is learned with same-day steps, then
 * reviewed at intervals near its stability (some late, some early), recalled with the probability the parameters give,
 * rated Hard, Good or Easy when recalled and Again when not. Seeded: the same seed gives the same cards.
 */
public final class SyntheticLearner {
    private static final double[] LATENESS = {0.6, 0.9, 1, 1, 1, 1.2, 1.5, 2.5};

    private final float[] truth;
    private final SplittableRandom random;

    /** A learner remembering by {@code truth} (21 parameters), drawing from {@code seed}. */
    public SyntheticLearner(double[] truth, long seed) {
        this.truth = new float[21];
        for (int i = 0; i < 21; i++) {
            this.truth[i] = (float) truth[i];
        }
        this.random = new SplittableRandom(seed);
    }

    /** The reviews of {@code cards} cards of up to {@code maxReviews} reviews each, as training items. */
    public List<TrainingItem> items(int cards, int maxReviews) {
        List<TrainingItem> items = new ArrayList<>();
        Recurrence recurrence = new Recurrence(maxReviews + 2);
        for (int card = 0; card < cards; card++) {
            items.addAll(TrainingItem.targetsOf(card(recurrence, maxReviews)));
        }
        return items;
    }

    private List<TrainingReview> card(Recurrence recurrence, int maxReviews) {
        int[] ratings = new int[maxReviews + 1];
        int[] days = new int[maxReviews + 1];
        List<TrainingReview> history = new ArrayList<>();
        int first = 1 + random.nextInt(4);
        add(history, ratings, days, first, 0);
        // Learning steps: an Again or a Hard is seen again the same day, once or twice.
        if (first <= 2) {
            int steps = 1 + random.nextInt(2);
            for (int i = 0; i < steps && history.size() < maxReviews; i++) {
                add(history, ratings, days, 2 + random.nextInt(2), 0);
            }
        }
        while (history.size() < maxReviews) {
            float s = recurrence.forward(truth, ratings, days, 0, history.size());
            // Mostly on time, sometimes early or late: intervals cluster as a scheduler's do.
            double lateness = LATENESS[random.nextInt(LATENESS.length)];
            int interval = (int) Math.max(1, Math.round(s * lateness));
            float c = -truth[20];
            float r = Recurrence.retrievability(interval, s, c, Recurrence.factor(c));
            boolean recalled = random.nextDouble() < r;
            int rating = recalled ? pick(0.15, 0.7) : 1;
            add(history, ratings, days, rating, interval);
            if (!recalled && history.size() < maxReviews && random.nextDouble() < 0.6) {
                // Relearning: seen again the same day.
                add(history, ratings, days, 3, 0);
            }
        }
        return history;
    }

    /** Hard with probability {@code hard}, Good with {@code good}, Easy otherwise. */
    private int pick(double hard, double good) {
        double u = random.nextDouble();
        return u < hard ? 2 : u < hard + good ? 3 : 4;
    }

    private static void add(List<TrainingReview> history, int[] ratings, int[] days, int rating, int deltaT) {
        ratings[history.size()] = rating;
        days[history.size()] = deltaT;
        history.add(new TrainingReview(rating, deltaT));
    }
}
