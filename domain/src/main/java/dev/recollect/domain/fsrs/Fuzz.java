package dev.recollect.domain.fsrs;

/** ts-fsrs's interval fuzz: a range that widens with the interval, and a draw in [0, 1) that picks a day in it. */
final class Fuzz {
    private Fuzz() {}

    /**
     * The fuzzed interval.
     *
     * @param interval the interval before fuzz, already capped, at least 3
     * @param elapsedDays days since the last review; the result is never sooner than the next day after it
     * @param maximumInterval the cap
     * @param draw a number in [0, 1)
     */
    static int apply(int interval, int elapsedDays, int maximumInterval, double draw) {
        double delta = 1.0;
        delta += 0.15 * Math.max(Math.min(interval, 7.0) - 2.5, 0.0);
        delta += 0.1 * Math.max(Math.min(interval, 20.0) - 7, 0.0);
        delta += 0.05 * Math.max(Math.min(interval, Double.POSITIVE_INFINITY) - 20, 0.0);
        int capped = Math.min(interval, maximumInterval);
        long min = Math.max(2, Math.round(capped - delta));
        long max = Math.min(Math.round(capped + delta), maximumInterval);
        if (capped > elapsedDays) {
            min = Math.max(min, elapsedDays + 1L);
        }
        min = Math.min(min, max);
        return (int) Math.floor(draw * (max - min + 1) + min);
    }
}
