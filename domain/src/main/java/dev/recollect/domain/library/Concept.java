package dev.recollect.domain.library;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.JobId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.generation.DedupeKey;
import java.time.Instant;
import java.util.Objects;

/**
 * Something a learner studies, scheduled as one FSRS card whichever phrasing tests it.
 *
 * @param id the concept's id
 * @param userId its owner
 * @param title a short name
 * @param description what it is about
 * @param card its FSRS state, learning steps included
 * @param canonicalPhrasingId the phrasing to prefer in reviews; {@code null} when none is chosen
 * @param phrasingCount how many phrasings it has
 * @param thinScore how many phrasings it lacks to reach four; {@code null} when none
 * @param conflictScore how many of its questions repeat another; {@code null} when none
 * @param generationJobId the job that created it; {@code null} for concepts made otherwise
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param archivedAt when it was archived; {@code null} if it is not
 * @param deletedAt when it was deleted; {@code null} if it is not
 */
public record Concept(
        ConceptId id,
        UserId userId,
        String title,
        String description,
        Card card,
        PhrasingId canonicalPhrasingId,
        int phrasingCount,
        Integer thinScore,
        Integer conflictScore,
        JobId generationJobId,
        Instant createdAt,
        Instant updatedAt,
        Instant archivedAt,
        Instant deletedAt) {

    /** Checks the required fields. */
    public Concept {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        // As the schema says: a count is never negative, and a score is positive or absent (none is not zero).
        if (phrasingCount < 0) {
            throw new DomainException("phrasingCount must be >= 0, got " + phrasingCount);
        }
        if ((thinScore != null && thinScore <= 0) || (conflictScore != null && conflictScore <= 0)) {
            throw new DomainException(
                    "scores must be positive or absent, got thin " + thinScore + " and conflict " + conflictScore);
        }
    }

    /** A new concept from a job: a new FSRS card due now, no phrasings yet (so thin by four). */
    public static Concept created(
            ConceptId id, UserId userId, String title, String description, JobId job, Instant now) {
        return new Concept(
                id, userId, title, description, Card.empty(now), null, 0, 4, null, job, now, now, null, null);
    }

    /** The title as deduplication compares it (see {@link DedupeKey}). */
    public String titleKey() {
        return DedupeKey.of(title);
    }

    /** Neither archived nor deleted. */
    public boolean isActive() {
        return archivedAt == null && deletedAt == null;
    }

    /** The same concept with its phrasing count and scores updated at {@code now}. */
    public Concept withPhrasingScores(int count, Integer thin, Integer conflict, Instant now) {
        return copy(card, count, thin, conflict, now, archivedAt, deletedAt);
    }

    /** The same concept rescheduled to {@code next} at {@code now}. */
    public Concept withCard(Card next, Instant now) {
        return copy(next, phrasingCount, thinScore, conflictScore, now, archivedAt, deletedAt);
    }

    /**
     * The same concept after {@code change} at {@code now}; unchanged (the same instance) when the change is already
     * in effect, so that repeating a change never moves its timestamp.
     */
    public Concept with(Lifecycle change, Instant now) {
        return change.applyTo(new Lifecycle.Marks(archivedAt, deletedAt), now)
                .map(marks ->
                        copy(card, phrasingCount, thinScore, conflictScore, now, marks.archivedAt(), marks.deletedAt()))
                .orElse(this);
    }

    /** This concept with the fields that change over its life replaced. */
    private Concept copy(
            Card newCard,
            int count,
            Integer thin,
            Integer conflict,
            Instant updated,
            Instant archived,
            Instant deleted) {
        return new Concept(
                id,
                userId,
                title,
                description,
                newCard,
                canonicalPhrasingId,
                count,
                thin,
                conflict,
                generationJobId,
                createdAt,
                updated,
                archived,
                deleted);
    }
}
