package dev.recollect.domain.fsrs;

/**
 * The four possible outcomes of one review, computed with one shared fuzz draw, as ts-fsrs's {@code repeat}.
 *
 * @param again the outcome of {@link Rating#AGAIN}
 * @param hard the outcome of {@link Rating#HARD}
 * @param good the outcome of {@link Rating#GOOD}
 * @param easy the outcome of {@link Rating#EASY}
 */
public record Preview(ReviewResult again, ReviewResult hard, ReviewResult good, ReviewResult easy) {
    /** The outcome of {@code rating}; {@link Rating#MANUAL} has none. */
    public ReviewResult of(Rating rating) {
        return switch (rating) {
            case AGAIN -> again;
            case HARD -> hard;
            case GOOD -> good;
            case EASY -> easy;
            case MANUAL -> throw new IllegalArgumentException("a manual rating has no review outcome");
        };
    }
}
