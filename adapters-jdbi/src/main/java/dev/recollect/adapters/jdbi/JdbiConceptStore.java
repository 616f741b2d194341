package dev.recollect.adapters.jdbi;

import static dev.recollect.adapters.jdbi.Database.timestamp;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Lifecycle;
import dev.recollect.domain.stats.DueSnapshot;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.ports.out.ConceptStore;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

/** Concepts in PostgreSQL, with their FSRS card in columns of their own. */
final class JdbiConceptStore implements ConceptStore {
    static final String COLUMNS =
            """
            id, user_id, title, description, due, stability, difficulty, elapsed_days, scheduled_days,
            learning_steps, reps, lapses, state, last_review, canonical_phrasing_id, phrasing_count, thin_score,
            conflict_score, generation_job_id, created_at, updated_at, archived_at, deleted_at""";

    /** The user's active concepts, as every queue and due query filters them (the partial indexes' predicate). */
    private static final String ACTIVE = StatsSql.ACTIVE_CONCEPTS;

    private final Database db;

    JdbiConceptStore(Database db) {
        this.db = db;
    }

    @Override
    public Set<String> existingTitleKeys(UserId userId, Collection<String> titleKeys) {
        if (titleKeys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.withHandle("look up concept titles", handle -> handle.createQuery(
                        "SELECT DISTINCT title_key FROM concepts WHERE user_id = :user AND title_key = ANY(:keys)")
                .bind("user", userId.value())
                .bindArray("keys", String.class, List.copyOf(titleKeys))
                .mapTo(String.class)
                .list()));
    }

    @Override
    public void insertAll(List<Concept> concepts, StatsDelta statsDelta, Instant now) {
        if (concepts.isEmpty()) {
            return;
        }
        db.inTransaction("insert concepts", handle -> {
            insert(handle, concepts, "");
            StatsSql.apply(handle, concepts.get(0).userId(), statsDelta, now);
            return null;
        });
    }

    /** Inserts {@code concepts} in the caller's transaction; {@code onConflict} is an SQL clause or empty. */
    static void insert(Handle handle, List<Concept> concepts, String onConflict) {
        PreparedBatch batch = handle.prepareBatch("INSERT INTO concepts (" + COLUMNS + ", title_key) VALUES ("
                + ":id, :user, :title, :description, :due, :stability, :difficulty, :elapsed, :scheduled, :steps,"
                + " :reps, :lapses, :state, :lastReview, :canonical, :count, :thin, :conflict, :job, :createdAt,"
                + " :updatedAt, :archivedAt, :deletedAt, :titleKey)" + onConflict);
        for (Concept c : concepts) {
            bindCard(batch, c.card());
            batch.bind("id", c.id().value())
                    .bind("user", c.userId().value())
                    .bind("title", c.title())
                    .bind("titleKey", c.titleKey())
                    .bind("description", c.description())
                    .bind(
                            "canonical",
                            c.canonicalPhrasingId() == null
                                    ? null
                                    : c.canonicalPhrasingId().value())
                    .bind("count", c.phrasingCount())
                    .bind("thin", c.thinScore())
                    .bind("conflict", c.conflictScore())
                    .bind(
                            "job",
                            c.generationJobId() == null
                                    ? null
                                    : c.generationJobId().value())
                    .bind("createdAt", timestamp(c.createdAt()))
                    .bind("updatedAt", timestamp(c.updatedAt()))
                    .bind("archivedAt", timestamp(c.archivedAt()))
                    .bind("deletedAt", timestamp(c.deletedAt()))
                    .add();
        }
        batch.execute();
    }

    @Override
    public Optional<Concept> find(ConceptId id) {
        return db.withHandle("find concept " + id, handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM concepts WHERE id = :id")
                .bind("id", id.value())
                .mapTo(Rows.ConceptRow.class)
                .map(Rows.ConceptRow::toDomain)
                .findOne());
    }

    @Override
    public List<Concept> findByJob(JobId jobId) {
        return db.withHandle("find concepts of job " + jobId, handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM concepts WHERE generation_job_id = :job ORDER BY created_at, id")
                .bind("job", jobId.value())
                .mapTo(Rows.ConceptRow.class)
                .map(Rows.ConceptRow::toDomain)
                .list());
    }

    @Override
    public void updatePhrasingScores(
            ConceptId id, int phrasingCount, Integer thinScore, Integer conflictScore, Instant now) {
        db.useTransaction("score concept " + id, handle -> handle.createUpdate(
                        """
                        UPDATE concepts SET phrasing_count = :count, thin_score = :thin, conflict_score = :conflict,
                            updated_at = :now WHERE id = :id""")
                .bind("id", id.value())
                .bind("count", phrasingCount)
                .bind("thin", thinScore)
                .bind("conflict", conflictScore)
                .bind("now", timestamp(now))
                .execute());
    }

    /** Binds a card's columns to the parameters {@code :due} to {@code :lastReview}. */
    private static void bindCard(SqlStatement<?> statement, Card card) {
        statement
                .bind("due", timestamp(card.due()))
                .bind("stability", card.stability())
                .bind("difficulty", card.difficulty())
                .bind("elapsed", card.elapsedDays())
                .bind("scheduled", card.scheduledDays())
                .bind("steps", card.learningSteps())
                .bind("reps", card.reps())
                .bind("lapses", card.lapses())
                .bind("state", Rows.stateName(card.state()))
                .bind("lastReview", timestamp(card.lastReview()));
    }

    /** Writes a concept's card and update time, in the caller's transaction. */
    static void writeCard(Handle handle, Concept concept) {
        Update update = handle.createUpdate(
                """
                UPDATE concepts SET due = :due, stability = :stability, difficulty = :difficulty,
                    elapsed_days = :elapsed, scheduled_days = :scheduled, learning_steps = :steps, reps = :reps,
                    lapses = :lapses, state = :state, last_review = :lastReview, updated_at = :now
                WHERE id = :id""");
        bindCard(update, concept.card());
        update.bind("id", concept.id().value())
                .bind("now", timestamp(concept.updatedAt()))
                .execute();
    }

    /**
     * Locks and reads the user's concept, in the caller's transaction; every writer of a concept's card, marks or
     * phrasing count takes this lock first, which serialises them and orders their locks the same way.
     */
    static Optional<Concept> lockOwned(Handle handle, UserId userId, ConceptId id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM concepts WHERE id = :id AND user_id = :user FOR UPDATE")
                .bind("id", id.value())
                .bind("user", userId.value())
                .mapTo(Rows.ConceptRow.class)
                .map(Rows.ConceptRow::toDomain)
                .findOne();
    }

    @Override
    public List<Concept> dueCandidates(UserId userId, Instant now, int limit) {
        return db.withHandle("find due concepts of " + userId, handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM concepts WHERE " + ACTIVE + " AND due <= :now AND phrasing_count > 0"
                        + " ORDER BY due, id LIMIT :limit")
                .bind("user", userId.value())
                .bind("now", timestamp(now))
                .bind("limit", limit)
                .mapTo(Rows.ConceptRow.class)
                .map(Rows.ConceptRow::toDomain)
                .list());
    }

    @Override
    public List<Concept> newCandidates(UserId userId, int limit) {
        return db.withHandle("find new concepts of " + userId, handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM concepts WHERE " + ACTIVE + " AND state = 'new' AND phrasing_count > 0"
                        + " ORDER BY created_at, id LIMIT :limit")
                .bind("user", userId.value())
                .bind("limit", limit)
                .mapTo(Rows.ConceptRow.class)
                .map(Rows.ConceptRow::toDomain)
                .list());
    }

    @Override
    public DueSnapshot dueSnapshot(UserId userId, Instant now) {
        return db.withHandle("count due concepts of " + userId, handle -> StatsSql.dueSnapshot(handle, userId, now));
    }

    @Override
    public Optional<Concept> change(UserId userId, ConceptId id, Lifecycle change, Instant now) {
        return db.inTransaction(
                "change concept " + id, handle -> lockOwned(handle, userId, id).map(before -> {
                    Concept after = before.with(change, now);
                    if (after != before) {
                        Database.writeMarks(handle, "concepts", id.value(), after.archivedAt(), after.deletedAt(), now);
                        StatsSql.apply(handle, userId, StatsDelta.between(before, after), now);
                    }
                    return after;
                }));
    }
}
