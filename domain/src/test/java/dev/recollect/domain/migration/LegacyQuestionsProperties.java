package dev.recollect.domain.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.Rating;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.review.Interaction;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class LegacyQuestionsProperties {
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

    /** A reviewed card as the reference stores it, and the card it must become. */
    record Stored(Map<String, Object> fields, Card card, int attempts, int correct) {}

    @Provide
    Arbitrary<Stored> storedCards() {
        Arbitrary<State> state = Arbitraries.of(State.LEARNING, State.REVIEW, State.RELEARNING);
        Arbitrary<Double> stability = Arbitraries.doubles().between(0.001, 1000).ofScale(3);
        Arbitrary<Double> difficulty = Arbitraries.doubles().between(1, 10).ofScale(3);
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 400);
        Arbitrary<Long> offset = Arbitraries.longs().between(0, 400L * 86_400_000L);
        return Combinators.combine(state, stability, difficulty, small, small, small, offset, small)
                .as((s, stab, diff, days, reps, lapses, due, attempts) -> {
                    Map<String, Object> q = question();
                    q.put("state", s.name().toLowerCase(Locale.ROOT));
                    q.put("stability", stab);
                    q.put("fsrsDifficulty", diff);
                    q.put("elapsedDays", days);
                    q.put("scheduledDays", days / 2);
                    q.put("reps", reps);
                    q.put("lapses", lapses);
                    q.put("nextReview", T + due);
                    q.put("attemptCount", attempts);
                    // One below, equal to or one above the attempts: kept, kept, and clamped to the attempts.
                    int correct = attempts + lapses % 3 - 1;
                    q.put("correctCount", correct);
                    Card card = new Card(
                            Instant.ofEpochMilli(T + due),
                            stab,
                            diff,
                            days,
                            days / 2,
                            0,
                            reps,
                            lapses,
                            s,
                            Instant.ofEpochMilli(T));
                    return new Stored(q, card, attempts, Math.max(0, Math.min(attempts, correct)));
                });
    }

    /**
     * A question becomes one concept holding its card exactly and one phrasing holding its text and counters (the
     * correct count never above the attempts), with ids derived from its {@code _id}: promoting again decides the
     * same, another question gets other ids.
     */
    @SeededProperty
    void aQuestionBecomesAConceptWithItsCardAndAPhrasingWithItsCounters(
            @ForAll("storedCards") Stored stored, @ForAll @IntRange(min = 0, max = 9999) int n) {
        String id = "q" + n;
        Decision decision = LegacyQuestions.migration().decide(new Document(id, stored.fields(), IMPORTED));
        Decision.Promote promote = (Decision.Promote) decision;
        assertThat(promote.concept().card()).isEqualTo(stored.card());
        assertThat(promote.concept().id()).isEqualTo(LegacyQuestions.conceptId(id));
        assertThat(promote.phrasing().id()).isEqualTo(LegacyQuestions.phrasingId(id));
        assertThat(promote.concept().canonicalPhrasingId())
                .isEqualTo(promote.phrasing().id());
        assertThat(promote.concept().userId().value()).isEqualTo("u1");
        assertThat(promote.concept().createdAt()).isEqualTo(Instant.ofEpochMilli(T));
        assertThat(promote.phrasing().attemptCount()).isEqualTo(stored.attempts());
        assertThat(promote.phrasing().correctCount()).isEqualTo(stored.correct());
        assertThat(promote.phrasing().options()).containsExactly("Quebec", "Queen", "Quito");
        assertThat(LegacyQuestions.migration().decide(new Document(id, stored.fields(), IMPORTED)))
                .isEqualTo(decision);
        assertThat(LegacyQuestions.conceptId(id + "x"))
                .isNotEqualTo(promote.concept().id());
    }

    /** One broken field fails the question, saying why, and promotes nothing. */
    @SeededProperty
    void brokenQuestionsFailWithTheirReason(@ForAll("breakages") Map.Entry<String, Object> broken) {
        Map<String, Object> q = question();
        if (broken.getValue() == null) {
            q.remove(broken.getKey());
        } else {
            q.put(broken.getKey(), broken.getValue());
        }
        assertThat(decide(q)).as(broken.toString()).isInstanceOfSatisfying(Decision.Fail.class, fail -> assertThat(
                        fail.error())
                .isNotBlank());
    }

    @Provide
    Arbitrary<Map.Entry<String, Object>> breakages() {
        return Arbitraries.oneOf(
                Arbitraries.of(" ", "", 7, List.of()).map(v -> Map.entry("userId", v)),
                Arbitraries.of(" ", 7, List.of("q")).map(v -> Map.entry("question", v)),
                Arbitraries.of("essay", 5, "").map(v -> Map.entry("type", v)),
                Arbitraries.of(List.of(1, 2), "True,False", 3).map(v -> Map.entry("options", v)),
                Arbitraries.doubles().between(-5, 0.0009).ofScale(4).map(v -> Map.entry("stability", v)),
                Arbitraries.doubles().between(-5, 0.99).ofScale(2).map(v -> Map.entry("fsrsDifficulty", v)),
                Arbitraries.of("userId", "question", "type", "options")
                        .map(field -> new java.util.AbstractMap.SimpleEntry<String, Object>(field, null)));
    }

    /**
     * An answer with its schedule (a next review not before the answer, in a reviewed state) maps to the promoted
     * phrasing of its question, keeping its fields; any other answer maps to nothing.
     */
    @SeededProperty
    void interactionsWithTheirScheduleMapToThePromotedPhrasing(
            @ForAll @LongRange(min = -86_400_000L, max = 400L * 86_400_000L) long nextOffset,
            @ForAll("fsrsStates") String fsrsState,
            @ForAll boolean correct,
            @ForAll @IntRange(min = 0, max = 600_000) int spent,
            @ForAll @IntRange(min = 0, max = 999) int question) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("questionId", "q" + question);
        doc.put("userId", "u1");
        doc.put("userAnswer", "Quebec");
        doc.put("isCorrect", correct);
        doc.put("attemptedAt", T);
        doc.put("timeSpent", spent);
        doc.put(
                "context",
                Map.of("sessionId", "s1", "scheduledDays", 3, "nextReview", T + nextOffset, "fsrsState", fsrsState));
        java.util.Optional<Interaction> mapped = LegacyQuestions.interaction(new Document("i1", doc, IMPORTED));
        boolean scheduled = nextOffset >= 0
                && List.of("learning", "review", "relearning").contains(fsrsState.toLowerCase(Locale.ROOT));
        assertThat(mapped.isPresent()).as("%d %s", nextOffset, fsrsState).isEqualTo(scheduled);
        mapped.ifPresent(i -> {
            assertThat(i.phrasingId()).isEqualTo(LegacyQuestions.phrasingId("q" + question));
            assertThat(i.conceptId()).isEqualTo(LegacyQuestions.conceptId("q" + question));
            assertThat(i.correct()).isEqualTo(correct);
            // The reference rated every answer so: Good when right, Again when wrong.
            assertThat(i.rating()).isEqualTo(correct ? Rating.GOOD : Rating.AGAIN);
            assertThat(i.timeSpentMs()).isEqualTo(spent);
            assertThat(i.nextReview()).isEqualTo(Instant.ofEpochMilli(T + nextOffset));
            assertThat(i.fsrsState()).isEqualTo(State.valueOf(fsrsState.toUpperCase(Locale.ROOT)));
            assertThat(LegacyQuestions.interaction(new Document("i1", doc, IMPORTED))
                            .orElseThrow()
                            .id())
                    .isEqualTo(i.id());
        });
    }

    /**
     * An answer's session is its own, else its context's, when it is text that is not blank; its time spent is kept
     * when it is a number of zero or more; an answer that names no question or no learner maps to nothing.
     */
    @SeededProperty
    void anAnswersSessionAndTimeAreKeptOnlyWhenTheyMeanSomething(
            @ForAll("sessions") Object own,
            @ForAll("sessions") Object fromContext,
            @ForAll("spentTimes") Object spent,
            @ForAll("owners") Object user,
            @ForAll boolean namesItsQuestion) {
        Map<String, Object> context = new HashMap<>(Map.of("nextReview", T, "fsrsState", "review"));
        if (fromContext != null) {
            context.put("sessionId", fromContext);
        }
        Map<String, Object> doc = new HashMap<>();
        doc.put("questionId", namesItsQuestion ? "q1" : 7);
        doc.put("userId", user);
        doc.put("attemptedAt", T);
        doc.put("context", context);
        doc.put("sessionId", own);
        doc.put("timeSpent", spent);
        java.util.Optional<Interaction> mapped = LegacyQuestions.interaction(new Document("i", doc, IMPORTED));
        boolean valid = namesItsQuestion && user instanceof String name && !name.isBlank();
        assertThat(mapped.isPresent()).isEqualTo(valid);
        mapped.ifPresent(i -> {
            Object session = own != null ? own : fromContext;
            assertThat(i.sessionId()).isEqualTo(session instanceof String text && !text.isBlank() ? text : null);
            assertThat(i.timeSpentMs())
                    .isEqualTo(spent instanceof Number n && n.longValue() >= 0 ? (Integer) n.intValue() : null);
            assertThat(i.userId().value()).isEqualTo(user);
        });
    }

    @Provide
    Arbitrary<Object> sessions() {
        return Arbitraries.of("s1", " ", "", 9).map(Object.class::cast).injectNull(0.4);
    }

    @Provide
    Arbitrary<Object> spentTimes() {
        return Arbitraries.of(0, 1500, -1, 2.5, "long").map(Object.class::cast).injectNull(0.2);
    }

    @Provide
    Arbitrary<Object> owners() {
        return Arbitraries.of("u1", " ", 7).map(Object.class::cast).injectNull(0.2);
    }

    @Provide
    Arbitrary<String> fsrsStates() {
        return Arbitraries.of("learning", "review", "relearning", "Review", "new", "odd", "");
    }

    @Example
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

    @Example
    void aPromotionIsOfOneConcept() {
        Decision.Promote promote = (Decision.Promote) decide(question());
        Map<String, Object> other = question();
        Decision.Promote second =
                (Decision.Promote) LegacyQuestions.migration().decide(new Document("q2", other, IMPORTED));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Decision.Promote(promote.concept(), second.phrasing()));
    }

    @Example
    void theEdgesOfEachCheck() {
        for (var broken : List.of(
                Map.<String, Object>entry("question", "  "),
                Map.<String, Object>entry("type", 5),
                Map.<String, Object>entry("options", "True,False"))) {
            Map<String, Object> q = question();
            q.put(broken.getKey(), broken.getValue());
            assertThat(decide(q)).as(broken.toString()).isInstanceOf(Decision.Fail.class);
        }
        Map<String, Object> belowTheScheduler = question();
        // Found by brokenQuestionsFailWithTheirReason: promoted, this card could never have been reviewed.
        belowTheScheduler.put("stability", 0.0001);
        assertThat(decide(belowTheScheduler)).isInstanceOf(Decision.Fail.class);
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

    @Example
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
