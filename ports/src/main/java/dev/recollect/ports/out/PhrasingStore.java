package dev.recollect.ports.out;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.library.Lifecycle;
import dev.recollect.domain.library.Phrasing;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    /** The phrasing with {@code id}, whoever owns it. */
    Optional<Phrasing> find(PhrasingId id);

    /**
     * Applies {@code change} to the user's phrasing and, in the same transaction, sets its concept's phrasing count
     * and scores from the concept's active phrasings, so that the queue never offers a concept with nothing to ask.
     *
     * @return the phrasing after the change; empty when there is no such phrasing or another user owns it
     */
    Optional<Phrasing> change(UserId userId, PhrasingId id, Lifecycle change, Instant now);
}
