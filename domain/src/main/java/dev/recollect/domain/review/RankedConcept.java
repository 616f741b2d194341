package dev.recollect.domain.review;

import dev.recollect.domain.library.Concept;
import java.util.Objects;

/**
 * A review candidate with the retrievability it was ranked by.
 *
 * @param concept the candidate
 * @param retrievability the probability of recall at ranking time, or {@link ReviewQueue#NEVER_REVIEWED} for a card
 *     that has no memory yet
 */
public record RankedConcept(Concept concept, double retrievability) {
    /** Checks the concept is present. */
    public RankedConcept {
        Objects.requireNonNull(concept, "concept");
    }
}
