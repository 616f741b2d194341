package dev.recollect.domain.review;

import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import java.util.Objects;

/**
 * What an answer applies to, as a store found and locked it.
 *
 * @param concept the concept, owned by the answering user
 * @param phrasing one of its phrasings
 * @param retry whether this phrasing was already answered in the answer's session
 */
public record ReviewTarget(Concept concept, Phrasing phrasing, boolean retry) {
    /** Checks that the phrasing belongs to the concept and its owner. */
    public ReviewTarget {
        Objects.requireNonNull(concept, "concept");
        Objects.requireNonNull(phrasing, "phrasing");
        if (!phrasing.conceptId().equals(concept.id()) || !phrasing.userId().equals(concept.userId())) {
            throw new IllegalArgumentException("phrasing " + phrasing.id() + " is not of concept " + concept.id());
        }
    }
}
