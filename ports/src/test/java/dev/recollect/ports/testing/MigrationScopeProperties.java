package dev.recollect.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.migration.BatchPace;
import dev.recollect.domain.migration.Decision;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.migration.MigrationRun;
import dev.recollect.domain.migration.RunControl;
import dev.recollect.domain.migration.RunScope;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.out.MigrationLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/**
 * What every {@code MigrationLedger} does with a run's scope and pace, as properties: a run decides exactly the
 * documents its scope includes (keys in byte order, creation times as numbers), each once, whether its batches are
 * planned up front or one at a time; its estimate counts them; an adaptive run's next batch has the size its last one
 * set. Keys mix letters, an accented letter, a full-width letter and an emoji, whose byte order differs from Java's
 * {@code String} order. Each try uses a table of its own.
 */
public interface MigrationScopeProperties {
    /** When the tries happen. */
    Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    /** The ledger under test. */
    MigrationLedger ledger();

    /** Documents with distinct keys and a creation time that is a number, a text, or missing. */
    @Provide
    default Arbitrary<List<Document>> tables() {
        Arbitrary<String> keys = keys(3);
        Arbitrary<Object> created = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(0, 99).map(n -> (Object) (1000L * n))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((Object) "yesterday")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((Object) null)));
        return Combinators.combine(keys, created)
                .as((key, time) -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("_id", key);
                    if (time != null) {
                        fields.put("_creationTime", time);
                    }
                    return new Document(key, fields, T0);
                })
                .list()
                .ofMaxSize(30)
                .uniqueElements(Document::id);
    }

    /** Scopes bounded on either side by a key or a time, or not at all; never empty ranges. */
    @Provide
    default Arbitrary<RunScope> scopes() {
        Arbitrary<String> key = keys(2);
        Arbitrary<Instant> time = Arbitraries.longs().between(0, 100).map(n -> Instant.ofEpochMilli(1000L * n));
        return Combinators.combine(key.injectNull(0.4), key.injectNull(0.4), time.injectNull(0.5), time.injectNull(0.5))
                .as((a, b, t1, t2) -> {
                    boolean keysInOrder = a == null || b == null || RunScope.compareKeys(a, b) <= 0;
                    boolean timesInOrder = t1 == null || t2 == null || t1.isBefore(t2);
                    return new RunScope(
                            keysInOrder ? a : b, keysInOrder ? b : a, timesInOrder ? t1 : null, timesInOrder ? t2 : t1);
                });
    }

    /**
     * A run over {@code documents} within {@code scope} decides exactly the documents the scope includes, each once,
     * in byte order of keys, and its estimate counts them; with a pace, each batch has the size the one before set.
     */
    @SeededProperty
    default void aRunDecidesExactlyItsScopeOnce(
            @ForAll("tables") List<Document> documents,
            @ForAll("scopes") RunScope scope,
            @ForAll boolean adaptive,
            @ForAll("sizes") int batchSize) {
        MigrationLedger ledger = ledger();
        String table = "t_" + UUID.randomUUID().toString().replace("-", "");
        ledger.importDocuments(table, documents);
        MigrationRun run = new MigrationRun(
                UUID.randomUUID(),
                "scoped",
                table,
                false,
                batchSize,
                ledger.count(table, scope),
                T0,
                null,
                scope,
                RunControl.RUNNING,
                adaptive ? new BatchPace(Duration.ofMillis(100)) : null,
                0);
        ledger.createRun(run);
        ledger.seed(run);
        List<String> decided = new ArrayList<>();
        List<String> keysInScope = documents.stream()
                .map(Document::id)
                .filter(scope::includesKey)
                .sorted(RunScope::compareKeys)
                .toList();
        TreeSet<String> keysLeft = new TreeSet<>(RunScope::compareKeys);
        keysLeft.addAll(keysInScope);
        int seqs = 0;
        Optional<MigrationBatch> claimed;
        while ((claimed = ledger.claim(run.id(), "w", Duration.ofMinutes(1), T0)).isPresent()) {
            MigrationBatch batch = claimed.get();
            int size = ledger.findRun(run.id()).orElseThrow().batchSize();
            List<String> covered = keysLeft.stream()
                    .filter(k -> batch.range().after() == null
                            || RunScope.compareKeys(k, batch.range().after()) > 0)
                    .filter(k -> RunScope.compareKeys(k, batch.range().upTo()) <= 0)
                    .toList();
            assertThat(covered)
                    .as("batch %d %s covers the next keys of %s: %s", seqs, batch.range(), scope, keysLeft)
                    .hasSize(Math.min(size, keysLeft.size()));
            covered.forEach(keysLeft::remove);
            ledger.process(
                            batch,
                            "w",
                            false,
                            doc -> {
                                decided.add(doc.id());
                                return new Decision.Skip("seen");
                            },
                            Clock.fixed(T0, ZoneOffset.UTC))
                    .orElseThrow();
            if (adaptive) {
                // A made-up time for five documents, so that the sizes change from batch to batch.
                ledger.updateRun(run.id(), r -> r.pace()
                        .after(r, Duration.ofMillis(batch.range().upTo().length() * 7L), 5));
            }
            seqs++;
        }
        List<String> expected = documents.stream()
                .filter(scope::includes)
                .map(Document::id)
                .sorted(RunScope::compareKeys)
                .toList();
        assertThat(decided).as("decided in key order, each once").containsExactlyElementsOf(expected);
        assertThat(keysLeft).as("every key in the scope was in a batch").isEmpty();
        assertThat(run.estimatedTotal()).isEqualTo(expected.size());
    }

    /**
     * Keys of up to {@code length} characters, each one code point: letters, digits, an accented letter, a
     * full-width letter (U+FF21) and an emoji (U+1F600, a surrogate pair), whose UTF-16 order differs from the
     * code point order.
     */
    private static Arbitrary<String> keys(int length) {
        return Arbitraries.of("a", "b", "z", "A", "Z", "0", "9", "é", "\uFF21", "\uD83D\uDE00")
                .list()
                .ofMinSize(1)
                .ofMaxSize(length)
                .map(parts -> String.join("", parts));
    }

    /** Batch sizes from one to a few, so that tables span several batches. */
    @Provide
    default Arbitrary<Integer> sizes() {
        return Arbitraries.integers().between(1, 7);
    }
}
