package dev.recollect.domain.migration;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.InteractionId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.generation.PhrasingType;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.review.Answer;
import dev.recollect.domain.review.Interaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The reference app's legacy {@code questions} as the library's rows: one concept per question, holding the
 * question's FSRS state, and one phrasing holding its text and counters; and its {@code interactions} as interactions
 * of that phrasing. Ids are derived from the question's {@code _id} (name-based UUIDs), so promoting again finds the
 * same rows, and an interaction finds its phrasing without a lookup.
 *
 * <p>The FSRS fields follow the reference's {@code dbToCard}: without {@code nextReview} or {@code state} the card is
 * new (due at the question's creation); an unknown state is New; {@code learning_steps}, never stored, is 0.
 */
public final class LegacyQuestions {
    /** The migration's name. */
    public static final String NAME = "promote-legacy-questions";

    /** The longest concept title taken from a question's text. */
    static final int TITLE_LENGTH = 120;

    private LegacyQuestions() {}

    /** The migration: every imported question becomes a concept with its phrasing. */
    public static DocumentMigration migration() {
        return DocumentMigration.of(
                NAME,
                "Turns imported questions into concepts, phrasings and interactions, with their FSRS state.",
                "questions",
                LegacyQuestions::decide);
    }

    /** The concept id of the question with {@code _id} {@code questionId}. */
    public static ConceptId conceptId(String questionId) {
        return new ConceptId(uuid("concept:" + questionId));
    }

    /** The phrasing id of the question with {@code _id} {@code questionId}. */
    public static PhrasingId phrasingId(String questionId) {
        return new PhrasingId(uuid("phrasing:" + questionId));
    }

    private static UUID uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    static Decision decide(Document q) {
        if (!(q.get("userId") instanceof String user) || user.isBlank()) {
            return new Decision.Fail("no userId");
        }
        if (!(q.get("question") instanceof String text) || text.isBlank()) {
            return new Decision.Fail("no question text");
        }
        Optional<PhrasingType> type =
                q.get("type") instanceof String t ? PhrasingType.fromWireName(t) : Optional.empty();
        if (type.isEmpty()) {
            return new Decision.Fail("type is not multiple-choice or true-false: " + q.get("type"));
        }
        if (!(q.get("options") instanceof List<?> options) || !options.stream().allMatch(String.class::isInstance)) {
            return new Decision.Fail("options is not a list of strings");
        }
        Instant created = time(q.get("generatedAt"))
                .or(() -> time(q.get("_creationTime")))
                .orElse(q.importedAt());
        Card card;
        try {
            card = card(q, created);
        } catch (RuntimeException e) {
            return new Decision.Fail("FSRS state: " + e.getMessage());
        }
        // The scheduler's own bounds: a card promoted with less could never be reviewed.
        if (card.state() != State.NEW && !(card.stability() >= Card.MIN_STABILITY && card.difficulty() >= 1)) {
            return new Decision.Fail("FSRS state " + card.state() + " without stability and difficulty");
        }
        UserId owner = new UserId(user);
        Instant archived = time(q.get("archivedAt")).orElse(null);
        Instant deleted = time(q.get("deletedAt")).orElse(null);
        String title =
                text.strip().length() > TITLE_LENGTH ? text.strip().substring(0, TITLE_LENGTH - 1) + "…" : text.strip();
        Concept concept = new Concept(
                conceptId(q.id()),
                owner,
                title,
                null,
                card,
                phrasingId(q.id()),
                1,
                3,
                null,
                null,
                created,
                created,
                archived,
                deleted);
        int attempts = count(q.get("attemptCount"));
        Phrasing phrasing = new Phrasing(
                phrasingId(q.id()),
                owner,
                concept.id(),
                text,
                string(q.get("explanation")),
                type.get(),
                options.stream().map(String.class::cast).toList(),
                string(q.get("correctAnswer")),
                attempts,
                Math.min(attempts, count(q.get("correctCount"))),
                time(q.get("lastAttemptedAt")).orElse(null),
                null,
                created,
                archived,
                deleted);
        return new Decision.Promote(concept, phrasing);
    }

    private static Card card(Document q, Instant created) {
        Optional<Instant> due = time(q.get("nextReview"));
        Object state = q.get("state");
        if (due.isEmpty() || !(state instanceof String name) || name.isEmpty()) {
            return Card.empty(created);
        }
        State mapped =
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "learning" -> State.LEARNING;
                    case "review" -> State.REVIEW;
                    case "relearning" -> State.RELEARNING;
                    default -> State.NEW;
                };
        return new Card(
                due.get(),
                number(q.get("stability")),
                number(q.get("fsrsDifficulty")),
                count(q.get("elapsedDays")),
                (int) number(q.get("scheduledDays")),
                0,
                count(q.get("reps")),
                count(q.get("lapses")),
                mapped,
                time(q.get("lastReview")).orElse(null));
    }

    /**
     * The interaction an imported interaction document records, if it is an answer to a promoted question and carries
     * the schedule it produced ({@code context.scheduledDays}, {@code nextReview} and {@code fsrsState}); the
     * reference's question path did not always store them, and they are not made up here.
     */
    public static Optional<Interaction> interaction(Document doc) {
        if (!(doc.get("questionId") instanceof String question)
                || !(doc.get("userId") instanceof String user)
                || user.isBlank()) {
            return Optional.empty();
        }
        Optional<Instant> at = time(doc.get("attemptedAt"));
        Map<?, ?> context = doc.get("context") instanceof Map<?, ?> map ? map : Map.of();
        Optional<Instant> next = time(context.get("nextReview"));
        Object state = context.get("fsrsState");
        if (at.isEmpty() || next.isEmpty() || next.get().isBefore(at.get()) || !(state instanceof String s)) {
            return Optional.empty();
        }
        State fsrs;
        try {
            fsrs = State.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (fsrs == State.NEW) {
            return Optional.empty();
        }
        Object session = doc.get("sessionId") != null ? doc.get("sessionId") : context.get("sessionId");
        Object spent = doc.get("timeSpent");
        return Optional.of(new Interaction(
                new InteractionId(uuid("interaction:" + doc.id())),
                new UserId(user),
                conceptId(question),
                phrasingId(question),
                String.valueOf(doc.get("userAnswer")),
                Boolean.TRUE.equals(doc.get("isCorrect")),
                Answer.referenceRating(Boolean.TRUE.equals(doc.get("isCorrect"))),
                at.get(),
                session instanceof String text && !text.isBlank() ? text : null,
                spent instanceof Number n && n.longValue() >= 0
                        ? (int) Math.min(n.longValue(), Integer.MAX_VALUE)
                        : null,
                Boolean.TRUE.equals(context.get("isRetry")),
                Math.max(0, count(context.get("scheduledDays"))),
                next.get(),
                fsrs));
    }

    private static Optional<Instant> time(Object millis) {
        return millis instanceof Number n ? Optional.of(Instant.ofEpochMilli(n.longValue())) : Optional.empty();
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private static int count(Object value) {
        return value instanceof Number n ? Math.max(0, n.intValue()) : 0;
    }

    private static String string(Object value) {
        return value instanceof String s ? s : null;
    }
}
