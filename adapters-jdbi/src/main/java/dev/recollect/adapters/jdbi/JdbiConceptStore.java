package dev.recollect.adapters.jdbi;

import static dev.recollect.adapters.jdbi.Database.timestamp;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.ports.out.ConceptStore;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Concepts in PostgreSQL, with their FSRS card in columns of their own. */
final class JdbiConceptStore implements ConceptStore {
    static final String COLUMNS =
            """
            id, user_id, title, description, due, stability, difficulty, elapsed_days, scheduled_days,
            learning_steps, reps, lapses, state, last_review, canonical_phrasing_id, phrasing_count, thin_score,
            conflict_score, generation_job_id, created_at, updated_at, archived_at, deleted_at""";

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
            PreparedBatch batch = handle.prepareBatch("INSERT INTO concepts (" + COLUMNS + ", title_key) VALUES ("
                    + ":id, :user, :title, :description, :due, :stability, :difficulty, :elapsed, :scheduled, :steps,"
                    + " :reps, :lapses, :state, :lastReview, :canonical, :count, :thin, :conflict, :job, :createdAt,"
                    + " :updatedAt, :archivedAt, :deletedAt, :titleKey)");
            for (Concept c : concepts) {
                Card card = c.card();
                batch.bind("id", c.id().value())
                        .bind("user", c.userId().value())
                        .bind("title", c.title())
                        .bind("titleKey", c.titleKey())
                        .bind("description", c.description())
                        .bind("due", timestamp(card.due()))
                        .bind("stability", card.stability())
                        .bind("difficulty", card.difficulty())
                        .bind("elapsed", card.elapsedDays())
                        .bind("scheduled", card.scheduledDays())
                        .bind("steps", card.learningSteps())
                        .bind("reps", card.reps())
                        .bind("lapses", card.lapses())
                        .bind("state", card.state().name().toLowerCase(Locale.ROOT))
                        .bind("lastReview", timestamp(card.lastReview()))
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
            JdbiUserStatsStore.apply(handle, concepts.get(0).userId(), statsDelta, now);
            return null;
        });
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
}
