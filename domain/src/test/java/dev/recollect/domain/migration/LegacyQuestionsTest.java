package dev.recollect.domain.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.generation.PhrasingType;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.review.Interaction;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LegacyQuestionsTest {
    private static final Instant IMPORTED = Instant.parse("2026-11-01T00:00:00Z");
    private static final long T = 1_700_000_000_000L;

    private static Map<String, Object> question() {
        Map<String, Object> q = new HashMap<>();
        q.put("userId", "u1");
        q.put("question", "Which code word stands for Q?");
        q.put("type", "multiple-choice");
        q.put("options", List.of("Quebec", "Queen", "Quito"));
        q.put("correctAnswer", "Quebec");
        q.put("explanation", "Q is Quebec.");
        q.put("generatedAt", T);
        q.put("attemptCount", 5);
        q.put("correctCount", 4);
        q.put("lastAttemptedAt", T + 1000);
        q.put("nextReview", T + 86_400_000L);
        q.put("stability", 3.5);
        q.put("fsrsDifficulty", 5.2);
        q.put("elapsedDays", 2);
        q.put("scheduledDays", 1);
        q.put("reps", 3);
        q.put("lapses", 1);
        q.put("state", "review");
        q.put("lastReview", T);
        return q;
    }

    private static Decision decide(Map<String, Object> fields) {
        return LegacyQuestions.migration().decide(new Document("q1", fields, IMPORTED));
    }

    @Test
    void aQuestionBecomesAConceptWithItsCardAndAPhrasingWithItsCounters() {
        Decision.Promote promote = (Decision.Promote) decide(question());
        Concept concept = promote.concept();
        Phrasing phrasing = promote.phrasing();

        assertThat(concept.id()).isEqualTo(LegacyQuestions.conceptId("q1"));
        assertThat(concept.userId().value()).isEqualTo("u1");
        assertThat(concept.title()).isEqualTo("Which code word stands for Q?");
        assertThat(concept.card())
                .isEqualTo(new Card(
                        Instant.ofEpochMilli(T + 86_400_000L),
                        3.5,
                        5.2,
                        2,
                        1,
                        0,
                        3,
                        1,
                        State.REVIEW,
                        Instant.ofEpochMilli(T)));
        assertThat(concept.canonicalPhrasingId()).isEqualTo(phrasing.id());
        assertThat(concept.phrasingCount()).isEqualTo(1);
        assertThat(concept.createdAt()).isEqualTo(Instant.ofEpochMilli(T));
        assertThat(phrasing.id()).isEqualTo(LegacyQuestions.phrasingId("q1"));
        assertThat(phrasing.type()).isEqualTo(PhrasingType.MULTIPLE_CHOICE);
        assertThat(phrasing.options()).containsExactly("Quebec", "Queen", "Quito");
        assertThat(phrasing.correctAnswer()).isEqualTo("Quebec");
        assertThat(phrasing.explanation()).isEqualTo("Q is Quebec.");
        assertThat(phrasing.attemptCount()).isEqualTo(5);
        assertThat(phrasing.correctCount()).isEqualTo(4);
        assertThat(phrasing.lastAttemptedAt()).isEqualTo(Instant.ofEpochMilli(T + 1000));
        assertThat(decide(question())).isEqualTo(promote);
        assertThat(LegacyQuestions.conceptId("q2")).isNotEqualTo(concept.id());
        assertThat(new BatchStats(0, 0, Map.of(), 0).plus(promote).updated()).isEqualTo(1);
    }

    @Test
    void withoutNextReviewOrStateTheCardIsNewAndArchivedMarksCarryOver() {
        Map<String, Object> q = question();
        q.remove("nextReview");
        q.remove("generatedAt");
        q.put("_creationTime", T + 5);
        q.put("archivedAt", T + 9);
        q.put("deletedAt", T + 10);
        Concept concept = ((Decision.Promote) decide(q)).concept();
        assertThat(concept.card()).isEqualTo(Card.empty(Instant.ofEpochMilli(T + 5)));
        assertThat(concept.archivedAt()).isEqualTo(Instant.ofEpochMilli(T + 9));
        assertThat(concept.deletedAt()).isEqualTo(Instant.ofEpochMilli(T + 10));
        Map<String, Object> unknown = question();
        unknown.put("state", "mystery");
        unknown.remove("stability");
        unknown.remove("fsrsDifficulty");
        assertThat(((Decision.Promote) decide(unknown)).concept().card().state())
                .isEqualTo(State.NEW);
        Map<String, Object> bare = question();
        bare.remove("generatedAt");
        bare.put("state", "");
        bare.put("correctCount", 9);
        Decision.Promote promoted = (Decision.Promote) decide(bare);
        assertThat(promoted.concept().card()).isEqualTo(Card.empty(IMPORTED));
        assertThat(promoted.phrasing().correctCount()).isEqualTo(5);
        Map<String, Object> longText = question();
        longText.put("question", "x".repeat(300));
        assertThat(((Decision.Promote) decide(longText)).concept().title()).hasSize(LegacyQuestions.TITLE_LENGTH);
    }

    @Test
    void brokenQuestionsFailWithTheirReason() {
        for (var broken : List.of(
                Map.<String, Object>entry("userId", " "),
                Map.<String, Object>entry("question", 7),
                Map.<String, Object>entry("type", "essay"),
                Map.<String, Object>entry("options", List.of(1, 2)),
                Map.<String, Object>entry("stability", 0),
                Map.<String, Object>entry("fsrsDifficulty", -3))) {
            Map<String, Object> q = question();
            q.put(broken.getKey(), broken.getValue());
            assertThat(decide(q)).as(broken.toString()).isInstanceOf(Decision.Fail.class);
        }
        Map<String, Object> noType = question();
        noType.remove("type");
        assertThat(((Decision.Fail) decide(noType)).error()).contains("type");
    }

    @Test
    void interactionsWithTheirScheduleMapToThePromotedPhrasing() {
        Map<String, Object> doc = new HashMap<>();
        doc.put("questionId", "q1");
        doc.put("userId", "u1");
        doc.put("userAnswer", "Quebec");
        doc.put("isCorrect", true);
        doc.put("attemptedAt", T);
        doc.put("timeSpent", 1500);
        doc.put(
                "context",
                Map.of(
                        "sessionId",
                        "s1",
                        "scheduledDays",
                        3,
                        "nextReview",
                        T + 3 * 86_400_000L,
                        "fsrsState",
                        "review",
                        "isRetry",
                        true));
        Interaction i =
                LegacyQuestions.interaction(new Document("i1", doc, IMPORTED)).orElseThrow();
        assertThat(i.phrasingId()).isEqualTo(LegacyQuestions.phrasingId("q1"));
        assertThat(i.conceptId()).isEqualTo(LegacyQuestions.conceptId("q1"));
        assertThat(i.context())
                .isEqualTo(new Interaction.Context(
                        "s1", true, 3, Instant.ofEpochMilli(T + 3 * 86_400_000L), State.REVIEW));
        assertThat(i.timeSpentMs()).isEqualTo(1500);
        assertThat(i.correct()).isTrue();
        assertThat(i.userAnswer()).isEqualTo("Quebec");
        assertThat(LegacyQuestions.interaction(new Document("i1", doc, IMPORTED))
                        .orElseThrow()
                        .id())
                .isEqualTo(i.id());
        doc.put("sessionId", "top");
        assertThat(LegacyQuestions.interaction(new Document("i1", doc, IMPORTED))
                        .orElseThrow()
                        .sessionId())
                .isEqualTo("top");
        for (var broken : List.of(
                Map.<String, Object>entry("questionId", 5),
                Map.<String, Object>entry("userId", ""),
                Map.<String, Object>entry("attemptedAt", "yesterday"),
                Map.<String, Object>entry("context", Map.of("nextReview", T - 1, "fsrsState", "review")),
                Map.<String, Object>entry("context", Map.of("nextReview", T + 1, "fsrsState", "new")),
                Map.<String, Object>entry("context", Map.of("nextReview", T + 1, "fsrsState", "odd")),
                Map.<String, Object>entry("context", Map.of("nextReview", T + 1)))) {
            Map<String, Object> copy = new HashMap<>(doc);
            copy.put(broken.getKey(), broken.getValue());
            assertThat(LegacyQuestions.interaction(new Document("i2", copy, IMPORTED)))
                    .as(broken.toString())
                    .isEmpty();
        }
        // The boundary: a next review at the very time of the answer is a schedule.
        Map<String, Object> dueAtOnce = new HashMap<>(doc);
        dueAtOnce.put("context", Map.of("nextReview", T, "fsrsState", "review"));
        assertThat(LegacyQuestions.interaction(new Document("i3", dueAtOnce, IMPORTED)))
                .isPresent();
        assertThat(LegacyQuestions.migration().table()).isEqualTo("questions");
        assertThat(LegacyQuestions.migration().name()).isEqualTo("promote-legacy-questions");
        assertThat(LegacyQuestions.migration().description()).contains("concepts");
    }

    @Test
    void aPromotionIsOfOneConcept() {
        Decision.Promote promote = (Decision.Promote) decide(question());
        Map<String, Object> other = question();
        Decision.Promote second =
                (Decision.Promote) LegacyQuestions.migration().decide(new Document("q2", other, IMPORTED));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Decision.Promote(promote.concept(), second.phrasing()));
    }

    @Test
    void theEdgesOfEachCheck() {
        for (var broken : List.of(
                Map.<String, Object>entry("question", "  "),
                Map.<String, Object>entry("type", 5),
                Map.<String, Object>entry("options", "True,False"))) {
            Map<String, Object> q = question();
            q.put(broken.getKey(), broken.getValue());
            assertThat(decide(q)).as(broken.toString()).isInstanceOf(Decision.Fail.class);
        }
        Map<String, Object> edge = question();
        edge.put("stability", 0.001);
        edge.put("fsrsDifficulty", 1.0);
        assertThat(decide(edge)).isInstanceOf(Decision.Promote.class);
        edge.put("fsrsDifficulty", 0.99);
        assertThat(decide(edge)).isInstanceOf(Decision.Fail.class);
        Map<String, Object> numericState = question();
        numericState.put("state", 2);
        assertThat(((Decision.Promote) decide(numericState)).concept().card().state())
                .isEqualTo(State.NEW);
        Map<String, Object> exact = question();
        exact.put("question", "y".repeat(LegacyQuestions.TITLE_LENGTH));
        exact.put("explanation", 42);
        Decision.Promote promoted = (Decision.Promote) decide(exact);
        assertThat(promoted.concept().title()).isEqualTo("y".repeat(LegacyQuestions.TITLE_LENGTH));
        assertThat(promoted.phrasing().explanation()).isNull();
        Map<String, Object> longer = question();
        longer.put("question", "z".repeat(LegacyQuestions.TITLE_LENGTH + 1));
        assertThat(((Decision.Promote) decide(longer)).concept().title()).endsWith("…");
    }

    @Test
    void theEdgesOfAnInteraction() {
        Map<String, Object> doc = new HashMap<>();
        doc.put("questionId", "q1");
        doc.put("userId", "u1");
        doc.put("attemptedAt", T);
        doc.put("context", Map.of("nextReview", T, "fsrsState", "learning", "sessionId", " "));
        doc.put("timeSpent", 0);
        Interaction same =
                LegacyQuestions.interaction(new Document("i", doc, IMPORTED)).orElseThrow();
        assertThat(same.nextReview()).isEqualTo(same.attemptedAt());
        assertThat(same.sessionId()).isNull();
        assertThat(same.timeSpentMs()).isZero();
        assertThat(same.correct()).isFalse();
        doc.put("timeSpent", -1);
        doc.put("sessionId", 9);
        Interaction odd =
                LegacyQuestions.interaction(new Document("i", doc, IMPORTED)).orElseThrow();
        assertThat(odd.timeSpentMs()).isNull();
        assertThat(odd.sessionId()).isNull();
        doc.put("timeSpent", "long");
        assertThat(LegacyQuestions.interaction(new Document("i", doc, IMPORTED))
                        .orElseThrow()
                        .timeSpentMs())
                .isNull();
        for (var broken : List.of(
                Map.<String, Object>entry("userId", 7),
                Map.<String, Object>entry("context", "not a map"),
                Map.<String, Object>entry("context", Map.of("nextReview", T, "fsrsState", 5)))) {
            Map<String, Object> copy = new HashMap<>(doc);
            copy.put(broken.getKey(), broken.getValue());
            assertThat(LegacyQuestions.interaction(new Document("i", copy, IMPORTED)))
                    .as(broken.toString())
                    .isEmpty();
        }
    }
}
