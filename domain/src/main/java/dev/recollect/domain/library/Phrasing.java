package dev.recollect.domain.library;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.generation.DedupeKey;
import dev.recollect.domain.generation.PhrasingType;
import dev.recollect.domain.generation.PreparedPhrasing;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One way of asking about a concept.
 *
 * @param id the phrasing's id
 * @param userId its owner, the concept's owner
 * @param conceptId the concept it tests
 * @param question the question
 * @param explanation why the answer is right
 * @param type the kind of question
 * @param options the choices
 * @param correctAnswer the right choice
 * @param attemptCount how often it was answered
 * @param correctCount how often correctly
 * @param lastAttemptedAt when it was last answered; {@code null} if never
 * @param embedding its embedding; {@code null} when it has none (the embedder is optional)
 * @param createdAt when it was created
 * @param archivedAt when archived; {@code null} if not
 * @param deletedAt when deleted; {@code null} if not
 */
public record Phrasing(
        PhrasingId id,
        UserId userId,
        ConceptId conceptId,
        String question,
        String explanation,
        PhrasingType type,
        List<String> options,
        String correctAnswer,
        int attemptCount,
        int correctCount,
        Instant lastAttemptedAt,
        float[] embedding,
        Instant createdAt,
        Instant archivedAt,
        Instant deletedAt) {

    /** Checks the required fields and copies the options. */
    public Phrasing {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(conceptId, "conceptId");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
        options = List.copyOf(options);
        embedding = embedding == null ? null : embedding.clone();
    }

    /** A phrasing as generation saves it: never attempted, without an embedding. */
    public static Phrasing generated(
            PhrasingId id, UserId userId, ConceptId conceptId, PreparedPhrasing prepared, Instant now) {
        return new Phrasing(
                id,
                userId,
                conceptId,
                prepared.question(),
                prepared.explanation(),
                prepared.type(),
                prepared.options(),
                prepared.correctAnswer(),
                0,
                0,
                null,
                null,
                now,
                null,
                null);
    }

    /** The question as deduplication and the idempotency key compare it: trimmed and lowercased. */
    public String questionKey() {
        return DedupeKey.of(question);
    }

    /** Neither archived nor deleted. */
    public boolean isActive() {
        return archivedAt == null && deletedAt == null;
    }

    /** A copy of the embedding, if any. */
    @Override
    public float[] embedding() {
        return embedding == null ? null : embedding.clone();
    }

    /** The text an embedder receives: the question, a blank line, the explanation. */
    public String embeddingText() {
        return embeddingText(question, explanation);
    }

    /**
     * The text an embedder receives for a phrasing of {@code question} and {@code explanation} (either may be
     * {@code null}): the question, a blank line, the explanation. Generation and the embedding backfill both embed it.
     */
    public static String embeddingText(String question, String explanation) {
        return (question == null ? "" : question) + "\n\n" + (explanation == null ? "" : explanation);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Phrasing that
                && id.equals(that.id)
                && userId.equals(that.userId)
                && conceptId.equals(that.conceptId)
                && question.equals(that.question)
                && Objects.equals(explanation, that.explanation)
                && type == that.type
                && options.equals(that.options)
                && Objects.equals(correctAnswer, that.correctAnswer)
                && attemptCount == that.attemptCount
                && correctCount == that.correctCount
                && Objects.equals(lastAttemptedAt, that.lastAttemptedAt)
                && java.util.Arrays.equals(embedding, that.embedding)
                && createdAt.equals(that.createdAt)
                && Objects.equals(archivedAt, that.archivedAt)
                && Objects.equals(deletedAt, that.deletedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, question, attemptCount, correctCount, java.util.Arrays.hashCode(embedding));
    }

    @Override
    public String toString() {
        return "Phrasing[id=" + id + ", conceptId=" + conceptId + ", question=" + question + ", type=" + type
                + ", attempts=" + attemptCount + "/" + correctCount + ", embedded=" + (embedding != null) + "]";
    }

    /** The same phrasing with an embedding. */
    public Phrasing withEmbedding(float[] vector) {
        return copy(attemptCount, correctCount, lastAttemptedAt, vector, archivedAt, deletedAt);
    }

    /** The same phrasing after one more answer at {@code now}. */
    public Phrasing answered(boolean correct, Instant now) {
        return copy(attemptCount + 1, correctCount + (correct ? 1 : 0), now, embedding, archivedAt, deletedAt);
    }

    /**
     * The same phrasing after {@code change} at {@code now}; the same instance when the change is already in effect.
     */
    public Phrasing with(Lifecycle change, Instant now) {
        return change.applyTo(new Lifecycle.Marks(archivedAt, deletedAt), now)
                .map(marks -> copy(
                        attemptCount, correctCount, lastAttemptedAt, embedding, marks.archivedAt(), marks.deletedAt()))
                .orElse(this);
    }

    /** This phrasing with the fields that change over its life replaced. */
    private Phrasing copy(
            int attempts, int correct, Instant lastAttempted, float[] vector, Instant archived, Instant deleted) {
        return new Phrasing(
                id,
                userId,
                conceptId,
                question,
                explanation,
                type,
                options,
                correctAnswer,
                attempts,
                correct,
                lastAttempted,
                vector,
                createdAt,
                archived,
                deleted);
    }
}
