package dev.recollect.adapters.jdbi;

import static dev.recollect.adapters.jdbi.Database.instant;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.InteractionId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.failure.JobError;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.Rating;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.generation.PhrasingType;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPhase;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.review.Interaction;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The tables' rows as records, each with its conversion to the domain: JDBI maps a job's row by constructor (column
 * {@code user_id} to component {@code userId}), the review path's rows are read by hand. The domain's records hold value types and nested values that a row
 * mapper cannot build without annotations in the domain, so the rows sit in between. The row records are public
 * because JDBI invokes their constructors through public method handles; {@code Rows} itself is package-private, so
 * they are not part of the adapter's API.
 */
final class Rows {
    private Rows() {}

    /** The constant whose wire name the store wrote; the schema's CHECKs make any other value impossible. */
    static <E extends Enum<E>> E byWireName(E[] values, Function<E, String> wireName, String stored) {
        return Arrays.stream(values)
                .filter(value -> wireName.apply(value).equals(stored))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown stored value: " + stored));
    }

    /**
     * Registers the mappers of every row record. The rows the review path reads (concepts, phrasings, interactions)
     * are mapped by hand, by column name: JDBI's constructor mapper matches columns to components again for every
     * result set, which was an eighth of the review path's CPU (see docs/benchmarks.md, the review path).
     */
    static Jdbi register(Jdbi jdbi) {
        return jdbi.registerRowMapper(ConstructorMapper.factory(JobRow.class))
                .registerRowMapper(ConceptRow.class, (rs, ctx) -> ConceptRow.of(rs))
                .registerRowMapper(PhrasingRow.class, (rs, ctx) -> PhrasingRow.of(rs))
                .registerRowMapper(InteractionRow.class, (rs, ctx) -> InteractionRow.of(rs));
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    /** An integer column that may be NULL. */
    static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static <T> T array(ResultSet rs, String column, Class<T> type) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? null : type.cast(array.getArray());
    }

    /** A row of {@code generation_jobs}. */
    public record JobRow(
            UUID id,
            String userId,
            String prompt,
            String ipAddress,
            String status,
            String phase,
            int questionsGenerated,
            int questionsSaved,
            Integer estimatedTotal,
            String topic,
            UUID[] conceptIds,
            UUID[] pendingConceptIds,
            Long durationMs,
            String errorCode,
            String errorMessage,
            Boolean errorRetryable,
            Instant createdAt,
            Instant startedAt,
            Instant completedAt,
            int attempts,
            int rescues,
            int retries) {
        GenerationJob toDomain() {
            JobError error = errorCode == null
                    ? null
                    : new JobError(ErrorCode.valueOf(errorCode), errorMessage, Boolean.TRUE.equals(errorRetryable));
            return new GenerationJob(
                    new JobId(id),
                    new UserId(userId),
                    prompt,
                    ipAddress,
                    byWireName(JobStatus.values(), JobStatus::wireName, status),
                    byWireName(JobPhase.values(), JobPhase::wireName, phase),
                    questionsGenerated,
                    questionsSaved,
                    estimatedTotal,
                    topic,
                    concepts(conceptIds),
                    concepts(pendingConceptIds),
                    durationMs,
                    error,
                    createdAt,
                    startedAt,
                    completedAt,
                    attempts,
                    rescues,
                    retries);
        }

        private static List<ConceptId> concepts(UUID[] ids) {
            return ids == null
                    ? List.of()
                    : Arrays.stream(ids).map(ConceptId::new).toList();
        }
    }

    /** A row of {@code concepts}. */
    public record ConceptRow(
            UUID id,
            String userId,
            String title,
            String description,
            Instant due,
            double stability,
            double difficulty,
            int elapsedDays,
            int scheduledDays,
            int learningSteps,
            int reps,
            int lapses,
            String state,
            Instant lastReview,
            UUID canonicalPhrasingId,
            int phrasingCount,
            Integer thinScore,
            Integer conflictScore,
            UUID generationJobId,
            Instant createdAt,
            Instant updatedAt,
            Instant archivedAt,
            Instant deletedAt) {
        static ConceptRow of(ResultSet rs) throws SQLException {
            return new ConceptRow(
                    uuid(rs, "id"),
                    rs.getString("user_id"),
                    rs.getString("title"),
                    rs.getString("description"),
                    instant(rs, "due"),
                    rs.getDouble("stability"),
                    rs.getDouble("difficulty"),
                    rs.getInt("elapsed_days"),
                    rs.getInt("scheduled_days"),
                    rs.getInt("learning_steps"),
                    rs.getInt("reps"),
                    rs.getInt("lapses"),
                    rs.getString("state"),
                    instant(rs, "last_review"),
                    uuid(rs, "canonical_phrasing_id"),
                    rs.getInt("phrasing_count"),
                    integer(rs, "thin_score"),
                    integer(rs, "conflict_score"),
                    uuid(rs, "generation_job_id"),
                    instant(rs, "created_at"),
                    instant(rs, "updated_at"),
                    instant(rs, "archived_at"),
                    instant(rs, "deleted_at"));
        }

        Concept toDomain() {
            Card card = new Card(
                    due,
                    stability,
                    difficulty,
                    elapsedDays,
                    scheduledDays,
                    learningSteps,
                    reps,
                    lapses,
                    stateOf(state),
                    lastReview);
            return new Concept(
                    new ConceptId(id),
                    new UserId(userId),
                    title,
                    description,
                    card,
                    canonicalPhrasingId == null ? null : new PhrasingId(canonicalPhrasingId),
                    phrasingCount,
                    thinScore,
                    conflictScore,
                    generationJobId == null ? null : new JobId(generationJobId),
                    createdAt,
                    updatedAt,
                    archivedAt,
                    deletedAt);
        }
    }

    /** A row of {@code phrasings}. */
    public record PhrasingRow(
            UUID id,
            String userId,
            UUID conceptId,
            String question,
            String explanation,
            String type,
            String[] options,
            String correctAnswer,
            int attemptCount,
            int correctCount,
            Instant lastAttemptedAt,
            Float[] embedding,
            Instant createdAt,
            Instant archivedAt,
            Instant deletedAt) {
        static PhrasingRow of(ResultSet rs) throws SQLException {
            return new PhrasingRow(
                    uuid(rs, "id"),
                    rs.getString("user_id"),
                    uuid(rs, "concept_id"),
                    rs.getString("question"),
                    rs.getString("explanation"),
                    rs.getString("type"),
                    array(rs, "options", String[].class),
                    rs.getString("correct_answer"),
                    rs.getInt("attempt_count"),
                    rs.getInt("correct_count"),
                    instant(rs, "last_attempted_at"),
                    array(rs, "embedding", Float[].class),
                    instant(rs, "created_at"),
                    instant(rs, "archived_at"),
                    instant(rs, "deleted_at"));
        }

        Phrasing toDomain() {
            return new Phrasing(
                    new PhrasingId(id),
                    new UserId(userId),
                    new ConceptId(conceptId),
                    question,
                    explanation,
                    PhrasingType.fromWireName(type).orElseThrow(),
                    List.of(options),
                    correctAnswer,
                    attemptCount,
                    correctCount,
                    lastAttemptedAt,
                    unboxed(embedding),
                    createdAt,
                    archivedAt,
                    deletedAt);
        }

        private static float[] unboxed(Float[] values) {
            if (values == null) {
                return null;
            }
            float[] unboxed = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                unboxed[i] = values[i];
            }
            return unboxed;
        }
    }

    /** The wire name of a card state, as the {@code state} and {@code fsrs_state} columns store it. */
    static String stateName(State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    static State stateOf(String stored) {
        return byWireName(State.values(), Rows::stateName, stored);
    }

    /** A row of {@code interactions}. */
    public record InteractionRow(
            UUID id,
            String userId,
            UUID conceptId,
            UUID phrasingId,
            String userAnswer,
            boolean isCorrect,
            Integer rating,
            Instant attemptedAt,
            String sessionId,
            Integer timeSpentMs,
            boolean isRetry,
            int scheduledDays,
            Instant nextReview,
            String fsrsState) {
        static InteractionRow of(ResultSet rs) throws SQLException {
            return new InteractionRow(
                    uuid(rs, "id"),
                    rs.getString("user_id"),
                    uuid(rs, "concept_id"),
                    uuid(rs, "phrasing_id"),
                    rs.getString("user_answer"),
                    rs.getBoolean("is_correct"),
                    integer(rs, "rating"),
                    instant(rs, "attempted_at"),
                    rs.getString("session_id"),
                    integer(rs, "time_spent_ms"),
                    rs.getBoolean("is_retry"),
                    rs.getInt("scheduled_days"),
                    instant(rs, "next_review"),
                    rs.getString("fsrs_state"));
        }

        Interaction toDomain() {
            return new Interaction(
                    new InteractionId(id),
                    new UserId(userId),
                    new ConceptId(conceptId),
                    new PhrasingId(phrasingId),
                    userAnswer,
                    isCorrect,
                    rating == null ? null : Rating.ofGrade(rating),
                    attemptedAt,
                    sessionId,
                    timeSpentMs,
                    isRetry,
                    scheduledDays,
                    nextReview,
                    stateOf(fsrsState));
        }
    }
}
