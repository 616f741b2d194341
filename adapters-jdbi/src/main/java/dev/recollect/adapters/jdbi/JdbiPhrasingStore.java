package dev.recollect.adapters.jdbi;

import static dev.recollect.adapters.jdbi.Database.timestamp;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.generation.ConceptScores;
import dev.recollect.domain.library.Lifecycle;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.ports.out.PhrasingStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

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
        int inserted = db.inTransaction(
                "insert phrasing",
                handle -> insert(handle, p, " ON CONFLICT ON CONSTRAINT phrasings_concept_question DO NOTHING"));
        return inserted == 1;
    }

    /** Inserts {@code p} in the caller's transaction; {@code onConflict} is an SQL clause. Returns the rows added. */
    static int insert(Handle handle, Phrasing p, String onConflict) {
        return handle.createUpdate("INSERT INTO phrasings (" + COLUMNS + ", question_key, updated_at) VALUES (:id,"
                        + " :user, :concept, :question, :explanation, :type, :options, :answer, :attempts, :correct,"
                        + " :lastAttempted, :embedding, :createdAt, :archivedAt, :deletedAt, :key, :createdAt)"
                        + onConflict)
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
                .execute();
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

    @Override
    public Optional<Phrasing> find(PhrasingId id) {
        return db.withHandle("find phrasing " + id, handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM phrasings WHERE id = :id")
                .bind("id", id.value())
                .mapTo(Rows.PhrasingRow.class)
                .map(Rows.PhrasingRow::toDomain)
                .findOne());
    }

    @Override
    public Optional<Phrasing> change(UserId userId, PhrasingId id, Lifecycle change, Instant now) {
        return db.inTransaction("change phrasing " + id, handle -> {
            Optional<UUID> concept = handle.createQuery(
                            "SELECT concept_id FROM phrasings WHERE id = :id AND user_id = :user")
                    .bind("id", id.value())
                    .bind("user", userId.value())
                    .mapTo(UUID.class)
                    .findOne();
            if (concept.isEmpty()) {
                return Optional.empty();
            }
            // The concept's lock first, as every writer of it takes it: its phrasing count changes below.
            JdbiConceptStore.lockOwned(handle, userId, new ConceptId(concept.get()));
            Phrasing before = lockOwned(handle, userId, id).orElseThrow();
            Phrasing after = before.with(change, now);
            if (after != before) {
                Database.writeMarks(handle, "phrasings", id.value(), after.archivedAt(), after.deletedAt(), now);
                rescore(handle, after.conceptId(), now);
            }
            return Optional.of(after);
        });
    }

    /** Locks and reads the user's phrasing, in the caller's transaction (after its concept's lock). */
    static Optional<Phrasing> lockOwned(Handle handle, UserId userId, PhrasingId id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM phrasings WHERE id = :id AND user_id = :user FOR UPDATE")
                .bind("id", id.value())
                .bind("user", userId.value())
                .mapTo(Rows.PhrasingRow.class)
                .map(Rows.PhrasingRow::toDomain)
                .findOne();
    }

    /** Sets the concept's phrasing count and scores from its active phrasings. */
    private static void rescore(Handle handle, ConceptId conceptId, Instant now) {
        List<String> active = handle.createQuery("SELECT question FROM phrasings WHERE concept_id = :concept"
                        + " AND archived_at IS NULL AND deleted_at IS NULL")
                .bind("concept", conceptId.value())
                .mapTo(String.class)
                .list();
        OptionalInt thin = ConceptScores.thinScore(active.size());
        OptionalInt conflict = ConceptScores.conflictScore(active);
        handle.createUpdate("UPDATE concepts SET phrasing_count = :count, thin_score = :thin,"
                        + " conflict_score = :conflict, updated_at = :now WHERE id = :id")
                .bind("id", conceptId.value())
                .bind("count", active.size())
                .bind("thin", thin.isPresent() ? thin.getAsInt() : null)
                .bind("conflict", conflict.isPresent() ? conflict.getAsInt() : null)
                .bind("now", timestamp(now))
                .execute();
    }

    /** Writes a phrasing's answer counters, in the caller's transaction. */
    static void writeCounters(Handle handle, Phrasing phrasing) {
        handle.createUpdate("UPDATE phrasings SET attempt_count = :attempts, correct_count = :correct,"
                        + " last_attempted_at = :at, updated_at = :at WHERE id = :id")
                .bind("id", phrasing.id().value())
                .bind("attempts", phrasing.attemptCount())
                .bind("correct", phrasing.correctCount())
                .bind("at", timestamp(phrasing.lastAttemptedAt()))
                .execute();
    }

    private static Float[] boxed(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
