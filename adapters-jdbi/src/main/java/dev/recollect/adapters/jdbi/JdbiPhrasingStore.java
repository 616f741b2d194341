package dev.recollect.adapters.jdbi;

import static dev.recollect.adapters.jdbi.Database.timestamp;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.ports.out.PhrasingStore;
import java.time.Instant;
import java.util.List;

/** Phrasings in PostgreSQL; the unique (concept, question key) makes saves idempotent. */
final class JdbiPhrasingStore implements PhrasingStore {
    private static final String COLUMNS =
            """
            id, user_id, concept_id, question, explanation, type, options, correct_answer, attempt_count,
            correct_count, last_attempted_at, embedding, created_at, archived_at, deleted_at""";

    private final Database db;

    JdbiPhrasingStore(Database db) {
        this.db = db;
    }

    @Override
    public boolean insertIfAbsent(Phrasing p) {
        int inserted = db.inTransaction("insert phrasing", handle -> handle.createUpdate("INSERT INTO phrasings ("
                        + COLUMNS + ", question_key, updated_at) VALUES (:id, :user, :concept, :question, :explanation,"
                        + " :type, :options, :answer, :attempts, :correct, :lastAttempted, :embedding, :createdAt,"
                        + " :archivedAt, :deletedAt, :key, :createdAt)"
                        + " ON CONFLICT ON CONSTRAINT phrasings_concept_question DO NOTHING")
                .bind("id", p.id().value())
                .bind("user", p.userId().value())
                .bind("concept", p.conceptId().value())
                .bind("question", p.question())
                .bind("key", p.questionKey())
                .bind("explanation", p.explanation())
                .bind("type", p.type().wireName())
                .bindArray("options", String.class, p.options())
                .bind("answer", p.correctAnswer())
                .bind("attempts", p.attemptCount())
                .bind("correct", p.correctCount())
                .bind("lastAttempted", timestamp(p.lastAttemptedAt()))
                .bind("embedding", p.embedding() == null ? null : boxed(p.embedding()))
                .bind("createdAt", timestamp(p.createdAt()))
                .bind("archivedAt", timestamp(p.archivedAt()))
                .bind("deletedAt", timestamp(p.deletedAt()))
                .execute());
        return inserted == 1;
    }

    @Override
    public List<Phrasing> findByConcept(ConceptId conceptId) {
        return db.withHandle("find phrasings of " + conceptId, handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM phrasings WHERE concept_id = :concept ORDER BY created_at, id")
                .bind("concept", conceptId.value())
                .mapTo(Rows.PhrasingRow.class)
                .map(Rows.PhrasingRow::toDomain)
                .list());
    }

    @Override
    public void setEmbedding(PhrasingId id, float[] embedding, Instant now) {
        db.useTransaction("embed phrasing " + id, handle -> handle.createUpdate(
                        "UPDATE phrasings SET embedding = :embedding, embedding_generated_at = :now, updated_at = :now"
                                + " WHERE id = :id")
                .bind("id", id.value())
                .bind("embedding", boxed(embedding))
                .bind("now", timestamp(now))
                .execute());
    }

    private static Float[] boxed(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
