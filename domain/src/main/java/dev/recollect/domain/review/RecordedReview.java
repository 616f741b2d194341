package dev.recollect.domain.review;

import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.stats.StatsDelta;
import java.util.Objects;

/**
 * Everything one answer writes, decided before anything is written so that a store can write it in one transaction.
 *
 * @param concept the concept with its new schedule
 * @param phrasing the phrasing with its counters bumped
 * @param interaction the answer's record
 * @param statsDelta the change of the owner's counters
 * @param retrievability the concept's retrievability right after the answer
 */
public record RecordedReview(
        Concept concept, Phrasing phrasing, Interaction interaction, StatsDelta statsDelta, double retrievability) {
    /** Checks the fields. */
    public RecordedReview {
        Objects.requireNonNull(concept, "concept");
        Objects.requireNonNull(phrasing, "phrasing");
        Objects.requireNonNull(interaction, "interaction");
        Objects.requireNonNull(statsDelta, "statsDelta");
    }
}
