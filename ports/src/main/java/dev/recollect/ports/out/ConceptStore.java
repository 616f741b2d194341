package dev.recollect.ports.out;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.stats.StatsDelta;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A learner's concepts. */
public interface ConceptStore {
    /**
     * Which of {@code titleKeys} (lowercased titles) the user already has among <em>all</em> their concepts,
     * archived and deleted included.
     */
    Set<String> existingTitleKeys(UserId userId, Collection<String> titleKeys);

    /**
     * Inserts {@code concepts} (all of one user) and applies {@code statsDelta} to the user's counters, atomically.
     */
    void insertAll(List<Concept> concepts, StatsDelta statsDelta, Instant now);

    /** The concept with {@code id}, whoever owns it. */
    Optional<Concept> find(ConceptId id);

    /** The concepts a job created, oldest first. */
    List<Concept> findByJob(JobId jobId);

    /** Sets a concept's phrasing count and scores (an empty score clears it). */
    void updatePhrasingScores(ConceptId id, int phrasingCount, Integer thinScore, Integer conflictScore, Instant now);
}
