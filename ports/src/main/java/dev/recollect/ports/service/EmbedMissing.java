package dev.recollect.ports.service;

import dev.recollect.domain.migration.Decision;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.domain.migration.LibraryTable;
import dev.recollect.ports.out.Embedder;
import dev.recollect.ports.out.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The embedding backfill ({@code embed-missing-phrasings}, {@code embed-missing-concepts}): a migration over a library
 * table that gives an embedding to each live row that has none (a phrasing whose embedding failed at generation, which
 * the pipeline only warns about; a concept, which generation never embeds). It runs on the migration runner like any
 * other, so it is batched, resumable, dry-runnable, steerable and retried through the same ledger; each batch asks the
 * embedder for all of its texts at once (one {@code batchEmbedContents} request per 100 texts with Gemini), and those
 * requests are spaced to at most {@code requestsPerMinute} per process. A failed request fails the whole batch, which
 * the runner retries with its backoff; nothing is written for it.
 */
public final class EmbedMissing implements DocumentMigration {
    /** Requests a minute when none is said: Gemini's free tier allows 100 for its embedding model. */
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 60;

    private final LibraryTable table;
    private final Embedder embedder;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration spacing;
    private Instant lastRequest;

    /**
     * The backfill of {@code table} through {@code embedder}, at most {@code requestsPerMinute} requests a minute (1 to
     * 6,000), waiting with {@code sleeper} by {@code clock}.
     */
    public EmbedMissing(LibraryTable table, Embedder embedder, int requestsPerMinute, Clock clock, Sleeper sleeper) {
        if (requestsPerMinute < 1 || requestsPerMinute > 6000) {
            throw new IllegalArgumentException("requestsPerMinute must be 1 to 6000, got " + requestsPerMinute);
        }
        this.table = Objects.requireNonNull(table, "table");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.spacing = Duration.ofMinutes(1).dividedBy(requestsPerMinute);
    }

    /** The backfills of every library table, sharing nothing but the embedder. */
    public static List<DocumentMigration> all(Embedder embedder, int requestsPerMinute, Clock clock, Sleeper sleeper) {
        List<DocumentMigration> all = new ArrayList<>();
        for (LibraryTable table : LibraryTable.values()) {
            all.add(new EmbedMissing(table, embedder, requestsPerMinute, clock, sleeper));
        }
        return List.copyOf(all);
    }

    @Override
    public String name() {
        return "embed-missing-" + table.tableName().substring("library.".length());
    }

    @Override
    public String description() {
        return table == LibraryTable.PHRASINGS
                ? "Embeds the live phrasings that have no embedding (it failed at generation)."
                : "Embeds the live concepts that have no embedding.";
    }

    @Override
    public String table() {
        return table.tableName();
    }

    @Override
    public Decision decide(Document document) {
        return decideAll(List.of(document)).get(0);
    }

    /** One request for the batch's texts; a document with nothing to embed is skipped. */
    @Override
    public List<Decision> decideAll(List<Document> documents) {
        List<String> texts = documents.stream().map(table::embeddingText).toList();
        List<String> toEmbed = texts.stream().filter(text -> !text.isBlank()).toList();
        List<float[]> vectors = toEmbed.isEmpty() ? List.of() : request(toEmbed);
        if (vectors.size() != toEmbed.size()) {
            throw new IllegalStateException(
                    "the embedder returned " + vectors.size() + " embeddings for " + toEmbed.size() + " texts");
        }
        List<Decision> decisions = new ArrayList<>(documents.size());
        int next = 0;
        for (int i = 0; i < documents.size(); i++) {
            decisions.add(
                    texts.get(i).isBlank()
                            ? new Decision.Skip("nothingToEmbed")
                            : new Decision.Update(documents.get(i).with("embedding", values(vectors.get(next++)))));
        }
        return decisions;
    }

    /** Waits for this process's turn, then asks for the embeddings. */
    private List<float[]> request(List<String> texts) {
        synchronized (this) {
            Instant now = clock.instant();
            if (lastRequest != null) {
                Duration wait = Duration.between(now, lastRequest.plus(spacing));
                if (!wait.isNegative() && !wait.isZero()) {
                    try {
                        sleeper.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting to ask for embeddings", e);
                    }
                }
            }
            lastRequest = clock.instant();
        }
        return embedder.embedAll(texts);
    }

    private static List<Double> values(float[] vector) {
        List<Double> values = new ArrayList<>(vector.length);
        for (float value : vector) {
            values.add((double) value);
        }
        return values;
    }
}
