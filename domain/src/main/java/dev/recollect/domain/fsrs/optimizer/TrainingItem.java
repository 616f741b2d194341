package dev.recollect.domain.fsrs.optimizer;

import java.util.List;
import java.util.Objects;

/**
 * One review to predict, with the card's history before it, as fsrs-rs's {@code FSRSItem}: the last review is the
 * target (recalled when its rating is above 1, after {@code deltaT} days), the others the history the model replays.
 *
 * @param reviews the history and then the target: at least two reviews, the target's interval above 0
 */
public record TrainingItem(List<TrainingReview> reviews) {
    /** Copies the reviews; refuses an item without history or whose target is a same-day review. */
    public TrainingItem {
        reviews = List.copyOf(Objects.requireNonNull(reviews, "reviews"));
        if (reviews.size() < 2) {
            throw new OptimizerException("an item needs a history and a target, got " + reviews.size() + " reviews");
        }
        if (reviews.get(reviews.size() - 1).deltaT() <= 0) {
            throw new OptimizerException("an item's target must come at least a day after the review before it");
        }
    }

    /** An item from (rating, interval) pairs, for tests and small inputs. */
    public static TrainingItem of(int... ratingsAndDays) {
        if (ratingsAndDays.length % 2 != 0) {
            throw new OptimizerException("ratings and days come in pairs");
        }
        TrainingReview[] reviews = new TrainingReview[ratingsAndDays.length / 2];
        for (int i = 0; i < reviews.length; i++) {
            reviews[i] = new TrainingReview(ratingsAndDays[2 * i], ratingsAndDays[2 * i + 1]);
        }
        return new TrainingItem(List.of(reviews));
    }

    /**
     * The items one card's history gives: every review a day or more after the one before is a target, with the
     * history before it; same-day reviews are history only.
     */
    public static List<TrainingItem> targetsOf(List<TrainingReview> history) {
        List<TrainingItem> items = new java.util.ArrayList<>();
        for (int end = 2; end <= history.size(); end++) {
            if (history.get(end - 1).deltaT() > 0) {
                items.add(new TrainingItem(history.subList(0, end)));
            }
        }
        return items;
    }

    /** The review to predict. */
    public TrainingReview target() {
        return reviews.get(reviews.size() - 1);
    }

    /** Whether the target was recalled (rated above Again). */
    public boolean recalled() {
        return target().rating() > 1;
    }

    /** How many reviews, the target included, came a day or more after the one before. */
    public int longTermReviewCount() {
        int count = 0;
        for (TrainingReview review : reviews) {
            if (review.deltaT() > 0) {
                count++;
            }
        }
        return count;
    }

    /** The first review that came a day or more after the one before (the target at the latest). */
    public TrainingReview firstLongTermReview() {
        for (TrainingReview review : reviews) {
            if (review.deltaT() > 0) {
                return review;
            }
        }
        throw new IllegalStateException("unreachable: the target comes a day or more after");
    }

    /** How many history reviews (the target excluded) were lapses: rated Again a day or more after the one before. */
    public int lapses() {
        int lapses = 0;
        for (int i = 0; i < reviews.size() - 1; i++) {
            TrainingReview review = reviews.get(i);
            if (review.rating() == 1 && review.deltaT() > 0) {
                lapses++;
            }
        }
        return lapses;
    }

    /** The ratings, history then target, as the recurrence reads them. */
    int[] ratings() {
        int[] ratings = new int[reviews.size()];
        for (int i = 0; i < ratings.length; i++) {
            ratings[i] = reviews.get(i).rating();
        }
        return ratings;
    }

    /** The intervals, history then target, as the recurrence reads them. */
    int[] days() {
        int[] days = new int[reviews.size()];
        for (int i = 0; i < days.length; i++) {
            days[i] = reviews.get(i).deltaT();
        }
        return days;
    }
}
