package dev.recollect.domain.fsrs.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.testing.SeededProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.IntRange;

/** One sweep per card predicts every item of the card exactly as one sweep per item does. */
class ChainsProperties {
    /**
     * For any parameters and any mix of items (whole cards cut by {@code targetsOf}, lone copies of their items, and
     * items that share a card's first review object but not its history), in any order, each item's prediction equals
     * a sweep over that item alone ({@link OnePrediction}), to the bit.
     */
    @SeededProperty
    void everyItemIsPredictedToTheBitAsItsOwnSweepWould(
            @ForAll @IntRange(min = 1, max = 60) int seed, @ForAll long order) {
        Random random = new Random(seed);
        float[] w = Defaults.weights();
        for (int i = 0; i < 21; i++) {
            w[i] *= 0.7f + 0.6f * random.nextFloat();
        }
        Defaults.clip(w, 1, true);
        List<TrainingItem> items = new ArrayList<>();
        for (int card = 0; card < 12; card++) {
            List<TrainingReview> history = new ArrayList<>();
            history.add(new TrainingReview(1 + random.nextInt(4), 0));
            int length = 2 + random.nextInt(12);
            for (int k = 1; k < length; k++) {
                history.add(
                        new TrainingReview(1 + random.nextInt(4), random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(30)));
            }
            List<TrainingItem> targets = TrainingItem.targetsOf(history);
            items.addAll(targets);
            if (!targets.isEmpty() && random.nextBoolean()) {
                // The same item again, its reviews equal but not the same objects.
                List<TrainingReview> copy = new ArrayList<>();
                for (TrainingReview review : targets.get(0).reviews()) {
                    copy.add(new TrainingReview(review.rating(), review.deltaT()));
                }
                items.add(new TrainingItem(copy));
            }
            if (random.nextBoolean()) {
                // The card's first review object at the head of a history that is not the card's.
                items.add(new TrainingItem(List.of(history.get(0), new TrainingReview(1 + random.nextInt(4), 7))));
            }
        }
        Collections.shuffle(items, new Random(order));
        Chains chains = Chains.of(items);
        float[] predictions = new float[items.size()];

        chains.predict(new Recurrence(2), w, predictions);

        Recurrence alone = new Recurrence(2);
        for (int i = 0; i < items.size(); i++) {
            TrainingItem item = items.get(i);
            float expected = OnePrediction.of(alone, w, item);
            assertThat(Float.floatToRawIntBits(predictions[i]))
                    .as("item %d", i)
                    .isEqualTo(Float.floatToRawIntBits(expected));
        }
    }
}
