package dev.recollect.domain.review;

import dev.recollect.domain.fsrs.Scheduler;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Picks what to review next, as the reference app does: the least-remembered concepts first, with the ones nearly as
 * urgent as the most urgent shuffled, so that a learner does not meet the same order every time.
 */
public final class ReviewQueue {
    /** How many candidates a queue ranks at most. */
    public static final int CANDIDATES = 25;

    /** Candidates within this much retrievability of the lowest form one tier, shuffled together. */
    public static final double URGENCY_DELTA = 0.05;

    /** The rank of a card never reviewed: below every probability, so new material comes first. */
    public static final double NEVER_REVIEWED = -1;

    private static final Comparator<Phrasing> LEAST_SEEN = Comparator.comparingInt(Phrasing::attemptCount)
            .thenComparing(Phrasing::lastAttemptedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Phrasing::createdAt)
            .thenComparing(Phrasing::id);

    private final Scheduler scheduler;

    /** A queue ranking by {@code scheduler}'s memory model. */
    public ReviewQueue(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** The retrievability of {@code concept} at {@code now}, or {@link #NEVER_REVIEWED} for a card without memory. */
    public double retrievabilityOf(Concept concept, Instant now) {
        if (concept.card().state() == State.NEW || concept.card().reps() == 0) {
            return NEVER_REVIEWED;
        }
        return scheduler.retrievability(concept.card(), now);
    }

    /**
     * Ranks {@code candidates} by retrievability, lowest first, and shuffles the most urgent tier with {@code random}.
     * Ties outside that tier keep their given order, so the result depends only on the input and the random's state.
     *
     * @throws IllegalArgumentException when there are more than {@link #CANDIDATES} candidates
     */
    public List<RankedConcept> rank(List<Concept> candidates, Instant now, RandomGenerator random) {
        if (candidates.size() > CANDIDATES) {
            throw new IllegalArgumentException(
                    "a queue ranks at most " + CANDIDATES + " candidates, got " + candidates.size());
        }
        List<RankedConcept> ranked = new ArrayList<>(candidates.size());
        for (Concept concept : candidates) {
            ranked.add(new RankedConcept(concept, retrievabilityOf(concept, now)));
        }
        ranked.sort(Comparator.comparingDouble(RankedConcept::retrievability));
        int tier = urgentTier(ranked);
        // Fisher–Yates over the urgent tier only.
        for (int i = tier - 1; i > 0; i--) {
            Collections.swap(ranked, i, random.nextInt(i + 1));
        }
        return List.copyOf(ranked);
    }

    private static int urgentTier(List<RankedConcept> sorted) {
        if (sorted.isEmpty()) {
            return 0;
        }
        double ceiling = sorted.get(0).retrievability() + URGENCY_DELTA;
        int size = 0;
        while (size < sorted.size() && sorted.get(size).retrievability() <= ceiling) {
            size++;
        }
        return size;
    }

    /**
     * The phrasing to ask: the concept's canonical one if it is active, otherwise the least seen active one (fewest
     * attempts, then the longest unseen, then the oldest, then by id). Empty when the concept has no active phrasing.
     */
    public static Optional<Phrasing> choosePhrasing(Concept concept, List<Phrasing> phrasings) {
        List<Phrasing> active = phrasings.stream()
                .filter(Phrasing::isActive)
                .filter(phrasing -> phrasing.conceptId().equals(concept.id()))
                .toList();
        return active.stream()
                .filter(phrasing -> phrasing.id().equals(concept.canonicalPhrasingId()))
                .findFirst()
                .or(() -> active.stream().min(LEAST_SEEN));
    }
}
