package dev.recollect.adapters.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.LegacyQuestions;
import dev.recollect.domain.migration.RunResult;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.out.IdGenerator;
import dev.recollect.ports.service.MigrationRunner;
import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.RecordingSleeper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** promote-legacy-questions on PostgreSQL: rows carried over, interactions attached, stats recounted, idempotent. */
@PostgresTest
class PromotionIT {
    private static final long T = 1_700_000_000_000L;
    private final TestDatabase database;
    private final JdbiPersistence persistence;

    PromotionIT(TestDatabase database) {
        this.database = database;
        this.persistence = JdbiPersistence.over(database.pooled());
    }

    private static Document question(String id, String user, String state) {
        Map<String, Object> q = new HashMap<>();
        q.put("userId", user);
        q.put("question", "Question " + id + ", in full?");
        q.put("type", "true-false");
        q.put("options", List.of("True", "False"));
        q.put("correctAnswer", "True");
        q.put("explanation", "Because it is so.");
        q.put("generatedAt", T);
        q.put("attemptCount", 2);
        q.put("correctCount", 1);
        if (state != null) {
            q.put("state", state);
            q.put("nextReview", T + 86_400_000L);
            q.put("stability", 2.5);
            q.put("fsrsDifficulty", 6.0);
            q.put("reps", 2);
            q.put("scheduledDays", 1);
            q.put("lastReview", T);
        }
        return new Document(id, q, Instant.ofEpochMilli(T));
    }

    private static Document interaction(String id, String question, String user, boolean withSchedule) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("questionId", question);
        doc.put("userId", user);
        doc.put("userAnswer", "True");
        doc.put("isCorrect", true);
        doc.put("attemptedAt", T);
        if (withSchedule) {
            doc.put(
                    "context",
                    Map.of(
                            "sessionId",
                            "s1",
                            "scheduledDays",
                            1,
                            "nextReview",
                            T + 86_400_000L,
                            "fsrsState",
                            "review"));
        }
        return new Document(id, doc, Instant.ofEpochMilli(T));
    }

    private RunMigrations.RunReport run(boolean dry) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        MigrationRunner runner = new MigrationRunner(
                persistence.migrations(),
                List.of(LegacyQuestions.migration()),
                IdGenerator.random(),
                clock,
                new RecordingSleeper(clock));
        UUID run = ((RunMigrations.Started.Planned) runner.start(new RunMigrations.Start(LegacyQuestions.NAME, dry, 2)))
                .run()
                .id();
        return runner.work(new RunMigrations.Work(run, "w", Duration.ZERO), p -> {})
                .orElseThrow();
    }

    private long count(String table) throws Exception {
        try (Connection c = database.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table + " WHERE user_id LIKE 'legacy-%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void questionsBecomeConceptsPhrasingsAndInteractionsOnceWithStatsRecounted() throws Exception {
        persistence
                .migrations()
                .importDocuments(
                        "questions",
                        List.of(
                                question("qa", "legacy-ann", "review"),
                                question("qb", "legacy-ann", null),
                                question("qc", "legacy-bob", "learning"),
                                new Document("qd", Map.of("userId", "legacy-bob"), Instant.ofEpochMilli(T))));
        persistence
                .migrations()
                .importDocuments(
                        "interactions",
                        List.of(
                                interaction("i1", "qa", "legacy-ann", true),
                                interaction("i2", "qa", "legacy-ann", false),
                                interaction("i3", "qd", "legacy-bob", true),
                                interaction("i4", "qc", "legacy-bob", true)));

        RunMigrations.RunReport dry = run(true);
        assertThat(count("concepts")).isZero();
        assertThat(dry.stats().updated()).isEqualTo(3);

        RunMigrations.RunReport real = run(false);

        assertThat(real.result().status()).isEqualTo(RunResult.Status.PARTIAL);
        assertThat(real.result().failures()).extracting(f -> f.recordId()).containsExactly("qd");
        Concept reviewed =
                persistence.concepts().find(LegacyQuestions.conceptId("qa")).orElseThrow();
        assertThat(reviewed.card().state()).isEqualTo(State.REVIEW);
        assertThat(reviewed.card().stability()).isEqualTo(2.5);
        assertThat(reviewed.card().due()).isEqualTo(Instant.ofEpochMilli(T + 86_400_000L));
        assertThat(persistence
                        .phrasings()
                        .find(LegacyQuestions.phrasingId("qa"))
                        .orElseThrow()
                        .attemptCount())
                .isEqualTo(2);
        assertThat(persistence.reviews().recentForPhrasing(LegacyQuestions.phrasingId("qa"), 10))
                .singleElement()
                .satisfies(i -> assertThat(i.sessionId()).isEqualTo("s1"));
        assertThat(persistence.reviews().recentForPhrasing(LegacyQuestions.phrasingId("qc"), 10))
                .hasSize(1);
        assertThat(count("interactions")).isEqualTo(2);
        assertThat(persistence.userStats().get(new UserId("legacy-ann")).totals())
                .isEqualTo(new StatsDelta(2, 1, 0, 1));
        assertThat(persistence.userStats().get(new UserId("legacy-bob")).totals())
                .isEqualTo(new StatsDelta(1, 0, 1, 0));

        run(false);
        assertThat(count("concepts")).isEqualTo(3);
        assertThat(count("phrasings")).isEqualTo(3);
        assertThat(count("interactions")).isEqualTo(2);
        assertThat(persistence
                        .userStats()
                        .reconcile(new UserId("legacy-ann"), Instant.now())
                        .drifted())
                .isFalse();
    }
}
