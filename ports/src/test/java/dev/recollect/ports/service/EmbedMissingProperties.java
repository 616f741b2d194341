package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.Decision;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.domain.migration.LibraryTable;
import dev.recollect.domain.migration.RunScope;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.Recollect;
import dev.recollect.ports.in.InvalidCommandException;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.out.Embedder;
import dev.recollect.ports.out.LlmException;
import dev.recollect.ports.testing.InMemoryMigrationLedger;
import dev.recollect.ports.testing.InMemoryStores;
import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.RecordingEmbedder;
import dev.recollect.ports.testing.RecordingSleeper;
import dev.recollect.ports.testing.ScriptedLlm;
import dev.recollect.ports.testing.SequentialIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/**
 * The embedding backfill's rules: one request per batch with the texts that have something to embed, in order, each
 * document updated with its own text's embedding and the others skipped; requests spaced to the rate; a failed request
 * fails the batch, which the runner retries, writing nothing until it succeeds.
 */
class EmbedMissingProperties {
    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    private static Document phrasing(int n, String question, String explanation) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (question != null) {
            fields.put("question", question);
        }
        if (explanation != null) {
            fields.put("explanation", explanation);
        }
        return new Document(new UUID(0, n).toString(), fields, T0);
    }

    @Provide
    Arbitrary<List<Document>> batches() {
        Arbitrary<String> text =
                Arbitraries.of("What is a tide?", "Why?", " ", "\n").injectNull(0.2);
        return net.jqwik.api.Combinators.combine(text, text)
                .as((question, explanation) -> new String[] {question, explanation})
                .list()
                .ofMaxSize(12)
                .map(pairs -> {
                    List<Document> documents = new ArrayList<>();
                    for (int i = 0; i < pairs.size(); i++) {
                        documents.add(phrasing(i, pairs.get(i)[0], pairs.get(i)[1]));
                    }
                    return documents;
                });
    }

    @SeededProperty
    void aBatchIsOneRequestAndEachDocumentGetsItsOwnTextsEmbedding(@ForAll("batches") List<Document> batch) {
        RecordingEmbedder embedder = new RecordingEmbedder();
        MutableClock clock = new MutableClock(T0);
        EmbedMissing backfill =
                new EmbedMissing(LibraryTable.PHRASINGS, embedder, 60, clock, new RecordingSleeper(clock));

        List<Decision> decisions = backfill.decideAll(batch);

        List<String> texts = batch.stream()
                .map(LibraryTable.PHRASINGS::embeddingText)
                .filter(text -> !text.isBlank())
                .toList();
        assertThat(embedder.requests()).isEqualTo(texts.isEmpty() ? List.of() : List.of(texts));
        assertThat(decisions).hasSameSizeAs(batch);
        for (int i = 0; i < batch.size(); i++) {
            String text = LibraryTable.PHRASINGS.embeddingText(batch.get(i));
            float[] expected = text.isBlank() ? null : RecordingEmbedder.vector(text);
            assertThat(decisions.get(i))
                    .isEqualTo(
                            text.isBlank()
                                    ? new Decision.Skip("nothingToEmbed")
                                    : new Decision.Update(batch.get(i)
                                            .with(
                                                    "embedding",
                                                    List.of((double) expected[0], (double) expected[1], 0.125))));
        }
    }

    @Example
    void requestsAreSpacedToTheRateAndAWaitThatTimeCoveredIsSkipped() {
        RecordingEmbedder embedder = new RecordingEmbedder();
        MutableClock clock = new MutableClock(T0);
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        EmbedMissing backfill = new EmbedMissing(LibraryTable.CONCEPTS, embedder, 30, clock, sleeper);
        Document concept = new Document(new UUID(0, 1).toString(), Map.of("title", "Tides"), T0);

        backfill.decideAll(List.of(concept));
        clock.advance(Duration.ofMillis(500));
        backfill.decideAll(List.of(concept));
        clock.advance(Duration.ofSeconds(5));
        backfill.decideAll(List.of(concept));

        assertThat(sleeper.waits()).as("30 a minute: 2 s apart").containsExactly(Duration.ofMillis(1500));
        assertThat(embedder.requests())
                .containsExactly(List.of("Tides\n\n"), List.of("Tides\n\n"), List.of("Tides\n\n"));
        assertThat(backfill.name()).isEqualTo("embed-missing-concepts");
        assertThat(backfill.table()).isEqualTo("library.concepts");
        assertThat(backfill.decide(concept)).isInstanceOf(Decision.Update.class);
        assertThatThrownBy(() -> new EmbedMissing(LibraryTable.CONCEPTS, embedder, 0, clock, sleeper))
                .hasMessageContaining("requestsPerMinute must be 1 to 6000, got 0");
    }

    @Example
    void aRequestExactlyOneSpacingLaterWaitsNotAndAnInterruptedWaitFailsTheBatchKeepingTheInterrupt() {
        RecordingEmbedder embedder = new RecordingEmbedder();
        MutableClock clock = new MutableClock(T0);
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        EmbedMissing backfill = new EmbedMissing(LibraryTable.PHRASINGS, embedder, 6000, clock, sleeper);
        backfill.decideAll(List.of(phrasing(1, "Q?", null)));
        clock.advance(Duration.ofMillis(10));
        backfill.decideAll(List.of(phrasing(1, "Q?", null)));
        assertThat(sleeper.waits())
                .as("6,000 a minute: 10 ms apart, and 10 ms passed")
                .isEmpty();

        EmbedMissing interrupted = new EmbedMissing(LibraryTable.PHRASINGS, embedder, 1, clock, duration -> {
            throw new InterruptedException("stopping");
        });
        interrupted.decideAll(List.of(phrasing(1, "Q?", null)));
        assertThatThrownBy(() -> interrupted.decideAll(List.of(phrasing(1, "Q?", null))))
                .hasMessage("interrupted while waiting to ask for embeddings");
        assertThat(Thread.interrupted()).isTrue();
        assertThat(new EmbedMissing(LibraryTable.PHRASINGS, embedder, 1, clock, sleeper).description())
                .isEqualTo("Embeds the live phrasings that have no embedding (it failed at generation).");
        assertThat(new EmbedMissing(LibraryTable.CONCEPTS, embedder, 6000, clock, sleeper).description())
                .isEqualTo("Embeds the live concepts that have no embedding.");
        assertThatThrownBy(() -> new EmbedMissing(LibraryTable.CONCEPTS, embedder, 6001, clock, sleeper))
                .hasMessageContaining("got 6001");
    }

    @Example
    void anEmbedderWithoutABatchCallEmbedsEachTextInOrder() {
        Embedder one = text -> new float[] {text.length()};
        assertThat(one.embedAll(List.of("a", "bbb"))).containsExactly(new float[] {1}, new float[] {3});
    }

    @Example
    void anEmbedderThatReturnsTooFewFailsTheBatch() {
        Embedder short1 = new Embedder() {
            @Override
            public float[] embed(String text) {
                return new float[] {1};
            }

            @Override
            public List<float[]> embedAll(List<String> texts) {
                return List.of();
            }
        };
        MutableClock clock = new MutableClock(T0);
        EmbedMissing backfill =
                new EmbedMissing(LibraryTable.PHRASINGS, short1, 60, clock, new RecordingSleeper(clock));
        assertThatThrownBy(() -> backfill.decideAll(List.of(phrasing(1, "Q?", null))))
                .hasMessage("the embedder returned 0 embeddings for 1 texts");
    }

    @Example
    void aFailedRequestFailsTheBatchWhichIsRetriedAndWrittenOnlyOnce() {
        RecordingEmbedder embedder = new RecordingEmbedder();
        embedder.failWith(new LlmException(new ProviderFailure.RateLimited("slow down", java.util.Optional.empty())));
        MutableClock clock = new MutableClock(T0);
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        InMemoryMigrationLedger ledger = new InMemoryMigrationLedger();
        ledger.importDocuments(
                LibraryTable.PHRASINGS.tableName(),
                List.of(phrasing(1, "What is a tide?", null), phrasing(2, "Why?", "")));
        List<DocumentMigration> backfills = EmbedMissing.all(embedder, 6000, clock, sleeper);
        MigrationRunner runner = new MigrationRunner(ledger, backfills, new SequentialIds(), clock, sleeper);
        UUID run = ((RunMigrations.Started.Planned)
                        runner.start(new RunMigrations.Start("embed-missing-phrasings", false, 10)))
                .run()
                .id();

        RunMigrations.RunReport failed = runner.work(new RunMigrations.Work(run, "w", Duration.ZERO), p -> {})
                .orElseThrow();
        assertThat(failed.batches()).containsEntry(BatchState.RETRY, 1);
        assertThat(ledger.documents(LibraryTable.PHRASINGS.tableName(), null, 10))
                .allSatisfy(doc -> assertThat(doc.has("embedding")).isFalse());

        embedder.failWith(null);
        clock.advance(Duration.ofMinutes(1));
        RunMigrations.RunReport done = runner.work(new RunMigrations.Work(run, "w", Duration.ZERO), p -> {})
                .orElseThrow();
        assertThat(done.stats().updated()).isEqualTo(2);
        assertThat(ledger.documents(LibraryTable.PHRASINGS.tableName(), null, 10))
                .extracting(doc -> doc.get("embedding"))
                .containsExactly(List.of(17.0, 87.0, 0.125), List.of(6.0, 87.0, 0.125));
        assertThat(embedder.requests()).hasSize(2);
    }

    @Example
    void theBackfillIsOfferedWithAnEmbedderAndItsKeysMustBeUuids() {
        InMemoryStores stores = new InMemoryStores();
        Recollect with = Recollect.builder()
                .persistence(stores)
                .models(new ScriptedLlm())
                .build();
        Recollect without = Recollect.builder().persistence(stores).build();

        assertThat(with.runMigrations().available())
                .extracting(DocumentMigration::name)
                .contains("embed-missing-phrasings", "embed-missing-concepts");
        assertThat(without.runMigrations().available())
                .extracting(DocumentMigration::name)
                .doesNotContain("embed-missing-phrasings", "embed-missing-concepts");
        assertThat(with.runMigrations()
                        .start(new RunMigrations.Start(
                                "embed-missing-concepts",
                                false,
                                10,
                                new RunScope(new UUID(0, 1).toString(), null, null, null),
                                null,
                                false)))
                .as("a UUID bound, the other open")
                .isInstanceOf(RunMigrations.Started.Planned.class);
        assertThatThrownBy(() -> with.runMigrations()
                        .start(new RunMigrations.Start(
                                "embed-missing-concepts",
                                false,
                                10,
                                new RunScope("k1", null, null, null),
                                null,
                                false)))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("the keys of library.concepts are UUIDs, got k1");
    }
}
