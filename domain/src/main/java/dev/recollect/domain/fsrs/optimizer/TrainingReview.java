package dev.recollect.domain.fsrs.optimizer;

/**
 * One review in a training history: the rating given and the whole days since the card's previous review (0 for the
 * first review and for same-day reviews), as fsrs-rs's {@code FSRSReview}.
 *
 * @param rating 1 (Again) to 4 (Easy)
 * @param deltaT whole days since the previous review, never negative
 */
public record TrainingReview(int rating, int deltaT) {
    /** Refuses a rating outside 1 to 4 and a negative interval, naming the value. */
    public TrainingReview {
        if (rating < 1 || rating > 4) {
            throw new OptimizerException("a rating must be 1 to 4, got " + rating);
        }
        if (deltaT < 0) {
            throw new OptimizerException("an interval must be 0 days or more, got " + deltaT);
        }
    }
}
