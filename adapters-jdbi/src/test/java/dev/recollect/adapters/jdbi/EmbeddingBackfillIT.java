package dev.recollect.adapters.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.domain.UserId;
import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.RunScope;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.out.LlmException;
import dev.recollect.ports.service.EmbedMissing;
import dev.recollect.ports.service.MigrationRunner;
import dev.recollect.ports.testing.Fixtures;
import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.RecordingEmbedder;
import dev.recollect.ports.testing.RecordingSleeper;
import java.sql.Array;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The embedding backfill on PostgreSQL: the live phrasings and concepts without an embedding get one, batched, each
 * batch one request; those embedded before or meanwhile keep theirs; deleted ones are left; a failed request writes
 * nothing and its batch is retried; an interrupted run resumes where it stopped.
 */
@PostgresTest
class EmbeddingBackfillIT {
    private final TestDatabase database;
    private final JdbiPersistence persistence;

    EmbeddingBackfillIT(TestDatabase database) {
        this.database = database;
        this.persistence = JdbiPersistence.over(database.pooled());
    }

    /** Three concepts with two phrasings each, created at {@code at}. */
    private List<Phrasing> library(Instant at) {
        UserId user = new UserId("backfill-" + UUID.randomUUID());
        List<Concept> concepts = new ArrayList<>();
        List<Phrasing> phrasings = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            Concept concept = Fixtures.concept(user, "Tides " + c, null, at);
            concepts.add(concept);
            for (int p = 0; p < 2; p++) {
                phrasings.add(Fixtures.phrasing(concept, "Why do tides " + c + "." + p + " rise?", at));
            }
        }
        persistence.concepts().insertAll(concepts, StatsDelta.conceptsCreated(concepts.size()), at);
        phrasings.forEach(persistence.phrasings()::insertIfAbsent);
        return phrasings;
    }

    private Map<String, float[]> embeddings(String table, Instant createdAt) throws Exception {
        Map<String, float[]> found = new LinkedHashMap<>();
        try (var connection = database.connect();
                var statement = connection.prepareStatement(
                        "SELECT id::text, embedding FROM " + table + " WHERE created_at = ? ORDER BY id")) {
            statement.setObject(1, java.time.OffsetDateTime.ofInstant(createdAt, java.time.ZoneOffset.UTC));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Array array = rows.getArray(2);
                    float[] vector = null;
                    if (array != null) {
                        Object[] values = (Object[]) array.getArray();
                        vector = new float[values.length];
                        for (int i = 0; i < values.length; i++) {
                            vector[i] = ((Number) values[i]).floatValue();
                        }
                    }
                    found.put(rows.getString(1), vector);
                }
            }
        }
        return found;
    }

    private static RunScope createdAt(Instant at) {
        return new RunScope(null, null, at, at.plusMillis(1));
    }

    @Test
    void theLivePhrasingsAndConceptsWithoutAnEmbeddingGetOneInBatchesOfOneRequest() throws Exception {
        Instant at = Instant.parse("2026-06-01T10:00:00Z");
        List<Phrasing> phrasings = library(at);
        persistence.phrasings().setEmbedding(phrasings.get(0).id(), new float[] {9, 9, 9}, at);
        try (var connection = database.connect();
                var statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE phrasings SET deleted_at = now() WHERE id = '"
                    + phrasings.get(1).id().value() + "'");
        }
        RecordingEmbedder embedder = new RecordingEmbedder();
        MutableClock clock = new MutableClock(at.plusSeconds(60));
        MigrationRunner runner = new MigrationRunner(
                persistence.migrations(),
                EmbedMissing.all(embedder, 6000, clock, new RecordingSleeper(clock)),
                dev.recollect.ports.out.IdGenerator.random(),
                clock,
                new RecordingSleeper(clock));

        var planned = (RunMigrations.Started.Planned)
                runner.start(new RunMigrations.Start("embed-missing-phrasings", false, 2, createdAt(at), null, false));
        assertThat(planned.run().estimatedTotal())
                .as("six, less one embedded and one deleted")
                .isEqualTo(4);
        assertThat(planned.batches()).isEqualTo(2);
        // Embedded by generation after the plan: the backfill leaves it.
        persistence.phrasings().setEmbedding(phrasings.get(5).id(), new float[] {7, 7, 7}, at);
        RunMigrations.RunReport report = runner.work(
                        new RunMigrations.Work(planned.run().id(), "w", Duration.ZERO), p -> {})
                .orElseThrow();

        assertThat(report.stats().updated()).isEqualTo(3);
        assertThat(embedder.requests()).hasSize(2).allSatisfy(request -> assertThat(request)
                .hasSizeBetween(1, 2));
        Map<String, float[]> stored = embeddings("phrasings", at);
        for (int i = 0; i < phrasings.size(); i++) {
            Phrasing phrasing = phrasings.get(i);
            float[] vector = stored.get(phrasing.id().value().toString());
            String text = phrasing.embeddingText();
            switch (i) {
                case 0 -> assertThat(vector).containsExactly(9, 9, 9);
                case 1 -> assertThat(vector).as("deleted").isNull();
                case 5 -> assertThat(vector).containsExactly(7, 7, 7);
                default -> assertThat(vector).containsExactly(text.length(), text.charAt(0), 0.125f);
            }
        }

        var concepts = (RunMigrations.Started.Planned) runner.start(new RunMigrations.Start(
                "embed-missing-concepts", false, 1, createdAt(at), Duration.ofMillis(100), false));
        // Batches planned one at a time, growing from one concept: the library's keyset, one range after another.
        runner.work(new RunMigrations.Work(concepts.run().id(), "w", Duration.ZERO), p -> {});
        assertThat(persistence.migrations().batches(concepts.run().id()))
                .extracting(batch -> batch.stats().processed())
                .containsExactly(1, 2);
        assertThat(embeddings("concepts", at).values())
                .hasSize(3)
                .allSatisfy(vector -> assertThat(vector).hasSize(3).endsWith(0.125f));
        assertThat(runner.start(
                        new RunMigrations.Start("embed-missing-concepts", false, 10, createdAt(at), null, false)))
                .as("covered")
                .isInstanceOf(RunMigrations.Started.AlreadyCovered.class);
    }

    @Test
    void aFailedRequestWritesNothingAndAnInterruptedRunResumesWhereItStopped() throws Exception {
        Instant at = Instant.parse("2026-07-01T10:00:00Z");
        library(at);
        RecordingEmbedder embedder = new RecordingEmbedder();
        embedder.failWith(new LlmException(new ProviderFailure.Unreachable("try later")));
        MutableClock clock = new MutableClock(at.plusSeconds(60));
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        MigrationRunner runner = new MigrationRunner(
                persistence.migrations(),
                EmbedMissing.all(embedder, 6000, clock, sleeper),
                dev.recollect.ports.out.IdGenerator.random(),
                clock,
                sleeper);
        UUID run = ((RunMigrations.Started.Planned) runner.start(
                        new RunMigrations.Start("embed-missing-phrasings", false, 2, createdAt(at), null, false)))
                .run()
                .id();

        RunMigrations.RunReport failed = runner.work(new RunMigrations.Work(run, "w", Duration.ZERO), p -> {})
                .orElseThrow();
        assertThat(failed.batches()).containsEntry(BatchState.RETRY, 3);
        assertThat(embeddings("phrasings", at).values())
                .allSatisfy(vector -> assertThat(vector).isNull());

        embedder.failWith(null);
        clock.advance(Duration.ofMinutes(1));
        // Interrupted during its pause after the first batch, as a stopped worker is.
        MigrationRunner interrupted = new MigrationRunner(
                persistence.migrations(),
                EmbedMissing.all(embedder, 6000, clock, sleeper),
                dev.recollect.ports.out.IdGenerator.random(),
                clock,
                duration -> {
                    throw new InterruptedException("stopped");
                });
        RunMigrations.RunReport stopped = interrupted
                .work(new RunMigrations.Work(run, "w", Duration.ofSeconds(1)), p -> {})
                .orElseThrow();
        assertThat(Thread.interrupted()).isTrue();
        assertThat(stopped.batches()).containsEntry(BatchState.COMPLETED, 1);
        assertThat(embeddings("phrasings", at).values().stream().filter(v -> v != null))
                .hasSize(2);

        RunMigrations.RunReport done = runner.work(new RunMigrations.Work(run, "w", Duration.ZERO), p -> {})
                .orElseThrow();
        assertThat(done.batches()).containsEntry(BatchState.COMPLETED, 3);
        assertThat(embeddings("phrasings", at).values())
                .allSatisfy(vector -> assertThat(vector).hasSize(3));
    }
}
