package dev.recollect.adapters.jdbi;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.InteractionId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.failure.JobError;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.generation.PhrasingType;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPhase;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.review.Interaction;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The tables' rows as records that JDBI maps by constructor (column {@code user_id} to component {@code userId}),
 * each with its conversion to the domain. The domain's records hold value types and nested values that a row
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

    /** Registers the constructor mappers of every row record. */
    static Jdbi register(Jdbi jdbi) {
        return jdbi.registerRowMapper(ConstructorMapper.factory(JobRow.class))
                .registerRowMapper(ConstructorMapper.factory(ConceptRow.class))
                .registerRowMapper(ConstructorMapper.factory(PhrasingRow.class))
                .registerRowMapper(ConstructorMapper.factory(InteractionRow.class));
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
            Instant attemptedAt,
            String sessionId,
            Integer timeSpentMs,
            boolean isRetry,
            int scheduledDays,
            Instant nextReview,
            String fsrsState) {
        Interaction toDomain() {
            return new Interaction(
                    new InteractionId(id),
                    new UserId(userId),
                    new ConceptId(conceptId),
                    new PhrasingId(phrasingId),
                    userAnswer,
                    isCorrect,
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
