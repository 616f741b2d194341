package dev.recollect.adapters.jdbi;

import static dev.recollect.adapters.jdbi.Database.instant;
import static dev.recollect.adapters.jdbi.Database.timestamp;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Rating;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.review.Interaction;
import dev.recollect.domain.review.PastReview;
import dev.recollect.domain.review.RecordedReview;
import dev.recollect.domain.review.ReviewTarget;
import dev.recollect.ports.out.ReviewStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Answers in PostgreSQL. One transaction locks the concept (then the phrasing), decides, and writes the card, the
 * counters, the interaction and the stats delta; a second answer to the same concept waits for the lock and then
 * decides from what the first wrote.
 */
final class JdbiReviewStore implements ReviewStore {
    private static final String COLUMNS =
            """
            id, user_id, concept_id, phrasing_id, user_answer, is_correct, rating, attempted_at, session_id,
            time_spent_ms, is_retry, scheduled_days, next_review, fsrs_state""";

    private final Database db;

    JdbiReviewStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<RecordedReview> record(
            UserId userId,
            ConceptId conceptId,
            PhrasingId phrasingId,
            String sessionId,
            Function<ReviewTarget, Optional<RecordedReview>> decide) {
        return db.inTransaction("record an answer to " + conceptId, handle -> {
            Optional<Concept> concept =
                    JdbiConceptStore.lockOwned(handle, userId, conceptId).filter(Concept::isActive);
            if (concept.isEmpty()) {
                return Optional.empty();
            }
            Optional<Phrasing> phrasing = JdbiPhrasingStore.lockOwned(handle, userId, phrasingId)
                    .filter(p -> p.conceptId().equals(conceptId) && p.isActive());
            if (phrasing.isEmpty()) {
                return Optional.empty();
            }
            Optional<RecordedReview> decided = decide.apply(
                    new ReviewTarget(concept.get(), phrasing.get(), isRetry(handle, userId, phrasingId, sessionId)));
            if (decided.isEmpty()) {
                // Only locks were taken; the transaction commits nothing.
                return decided;
            }
            RecordedReview recorded = decided.get();
            JdbiConceptStore.writeCard(handle, recorded.concept());
            JdbiPhrasingStore.writeCounters(handle, recorded.phrasing());
            insert(handle, recorded.interaction());
            StatsSql.apply(
                    handle,
                    userId,
                    recorded.statsDelta(),
                    recorded.interaction().attemptedAt());
            return Optional.of(recorded);
        });
    }

    private static boolean isRetry(Handle handle, UserId userId, PhrasingId phrasingId, String sessionId) {
        if (sessionId == null) {
            return false;
        }
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM interactions WHERE user_id = :user"
                        + " AND session_id = :session AND phrasing_id = :phrasing)")
                .bind("user", userId.value())
                .bind("session", sessionId)
                .bind("phrasing", phrasingId.value())
                .mapTo(Boolean.class)
                .one();
    }

    private static void insert(Handle handle, Interaction i) {
        insert(
                handle,
                i,
                "VALUES (:id, :user, :concept, :phrasing, :answer, :correct, :rating, :at, :session, :timeSpent,"
                        + " :retry, :scheduled, :next, :state)");
    }

    /**
     * Inserts a promoted interaction in the caller's transaction, unless its phrasing is missing (its question was
     * not promoted) or it is there already. Returns the rows added.
     */
    static int insertIfItsPhrasingExists(Handle handle, Interaction i) {
        return insert(
                handle,
                i,
                "SELECT :id, :user, :concept, :phrasing, :answer, :correct, :rating, :at, :session,"
                        + " :timeSpent, :retry, :scheduled, :next, :state WHERE EXISTS (SELECT 1 FROM phrasings WHERE id ="
                        + " :phrasing AND concept_id = :concept AND user_id = :user) ON CONFLICT (id) DO NOTHING");
    }

    private static int insert(Handle handle, Interaction i, String values) {
        return handle.createUpdate("INSERT INTO interactions (" + COLUMNS + ") " + values)
                .bind("id", i.id().value())
                .bind("user", i.userId().value())
                .bind("concept", i.conceptId().value())
                .bind("phrasing", i.phrasingId().value())
                .bind("answer", i.userAnswer())
                .bind("correct", i.correct())
                .bind("rating", i.rating() == null ? null : (short) i.rating().grade())
                .bind("at", timestamp(i.attemptedAt()))
                .bind("session", i.sessionId())
                .bind("timeSpent", i.timeSpentMs())
                .bind("retry", i.retry())
                .bind("scheduled", i.scheduledDays())
                .bind("next", timestamp(i.nextReview()))
                .bind("state", Rows.stateName(i.fsrsState()))
                .execute();
    }

    @Override
    public List<Interaction> recentForPhrasing(PhrasingId phrasingId, int limit) {
        return db.withHandle("read answers to " + phrasingId, handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM interactions WHERE phrasing_id = :phrasing ORDER BY attempted_at DESC, id DESC"
                        + " LIMIT :limit")
                .bind("phrasing", phrasingId.value())
                .bind("limit", limit)
                .mapTo(Rows.InteractionRow.class)
                .map(Rows.InteractionRow::toDomain)
                .list());
    }

    @Override
    public List<PastReview> history(UserId userId) {
        return db.withHandle("read the answers of " + userId, handle -> handle.createQuery(
                        "SELECT concept_id, attempted_at, rating, is_correct, fsrs_state FROM interactions"
                                + " WHERE user_id = :user ORDER BY attempted_at, id")
                .bind("user", userId.value())
                .setFetchSize(10_000)
                .map((rs, ctx) -> PastReview.of(
                        new ConceptId(Rows.uuid(rs, "concept_id")),
                        instant(rs, "attempted_at"),
                        Rows.integer(rs, "rating") == null ? null : Rating.ofGrade(rs.getInt("rating")),
                        rs.getBoolean("is_correct"),
                        Rows.stateOf(rs.getString("fsrs_state"))))
                .list());
    }
}
