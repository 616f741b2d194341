package dev.recollect.domain.stats;

import dev.recollect.domain.library.Concept;

/**
 * A change to a user's counters, or, read from zero, the counters themselves.
 *
 * <p>Every counter is a sum over the user's concepts of what one concept {@linkplain #of(Concept) contributes}. So the
 * change a write makes is {@link #between(Concept, Concept) between(before, after)}, and the counters a full recount
 * gives are the sum of the contributions: the incremental path and the recount are the same arithmetic, which is what
 * keeps them from drifting apart.
 *
 * @param totalCards change of the number of active concepts
 * @param newCount change of active concepts in state New
 * @param learningCount change of active concepts in Learning or Relearning
 * @param matureCount change of active concepts in Review
 */
public record StatsDelta(int totalCards, int newCount, int learningCount, int matureCount) {
    /** No change. */
    public static final StatsDelta NONE = new StatsDelta(0, 0, 0, 0);

    /** {@code n} new concepts. */
    public static StatsDelta conceptsCreated(int n) {
        return new StatsDelta(n, n, 0, 0);
    }

    /** What one concept contributes to its owner's counters: nothing unless it is active. */
    public static StatsDelta of(Concept concept) {
        if (!concept.isActive()) {
            return NONE;
        }
        return switch (concept.card().state()) {
            case NEW -> new StatsDelta(1, 1, 0, 0);
            case LEARNING, RELEARNING -> new StatsDelta(1, 0, 1, 0);
            case REVIEW -> new StatsDelta(1, 0, 0, 1);
        };
    }

    /**
     * The change of the counters when {@code before} becomes {@code after}. Unlike the reference's transition delta,
     * Learning to Relearning is no change, and archiving, deleting and their undoing fall out of the same rule.
     */
    public static StatsDelta between(Concept before, Concept after) {
        return of(after).minus(of(before));
    }

    /** This change followed by {@code other}. */
    public StatsDelta plus(StatsDelta other) {
        return new StatsDelta(
                totalCards + other.totalCards,
                newCount + other.newCount,
                learningCount + other.learningCount,
                matureCount + other.matureCount);
    }

    /** This change without {@code other}. */
    public StatsDelta minus(StatsDelta other) {
        return new StatsDelta(
                totalCards - other.totalCards,
                newCount - other.newCount,
                learningCount - other.learningCount,
                matureCount - other.matureCount);
    }

    /** Whether nothing changes. */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
