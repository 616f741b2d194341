package dev.recollect.ports.out;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.library.Phrasing;
import java.time.Instant;
import java.util.List;

/** The phrasings of concepts. */
public interface PhrasingStore {
    /**
     * Inserts {@code phrasing} unless its concept already has one with the same question (trimmed, ignoring case);
     * this is what makes a resumed job never duplicate a phrasing.
     *
     * @return whether it was inserted
     */
    boolean insertIfAbsent(Phrasing phrasing);

    /** Every phrasing of a concept, archived and deleted included, oldest first. */
    List<Phrasing> findByConcept(ConceptId conceptId);

    /** Sets the embedding of a phrasing. */
    void setEmbedding(PhrasingId id, float[] embedding, Instant now);
}
