package dev.recollect.ports.out;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Lifecycle;
import dev.recollect.domain.stats.DueSnapshot;
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

    /** Sets a concept's phrasing count and scores: each score positive, or {@code null} to clear it. */
    void updatePhrasingScores(ConceptId id, int phrasingCount, Integer thinScore, Integer conflictScore, Instant now);

    /**
     * Up to {@code limit} of the user's active concepts that have an active phrasing and are due at {@code now}, the
     * longest overdue first.
     */
    List<Concept> dueCandidates(UserId userId, Instant now, int limit);

    /** Up to {@code limit} of the user's active concepts in state New that have an active phrasing, oldest first. */
    List<Concept> newCandidates(UserId userId, int limit);

    /** What is due for the user at {@code now}, as {@link DueSnapshot} defines it. */
    DueSnapshot dueSnapshot(UserId userId, Instant now);

    /**
     * Applies {@code change} to the user's concept and the matching delta to the user's counters, atomically and
     * serialised with answers to the same concept.
     *
     * @return the concept after the change; empty when there is no such concept or another user owns it
     */
    Optional<Concept> change(UserId userId, ConceptId id, Lifecycle change, Instant now);
}
