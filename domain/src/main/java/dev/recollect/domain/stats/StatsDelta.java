package dev.recollect.domain.stats;

/**
 * A change to a user's counters.
 *
 * @param totalCards change of the number of active concepts
 * @param newCount change of concepts in state New
 * @param learningCount change of concepts in Learning or Relearning
 * @param matureCount change of concepts in Review
 * @param dueNowCount change of concepts due now
 */
public record StatsDelta(int totalCards, int newCount, int learningCount, int matureCount, int dueNowCount) {
    /** No change. */
    public static final StatsDelta NONE = new StatsDelta(0, 0, 0, 0, 0);

    /** {@code n} new concepts, which are new and due at once. */
    public static StatsDelta conceptsCreated(int n) {
        return new StatsDelta(n, n, 0, 0, n);
    }

    /** Whether nothing changes. */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
