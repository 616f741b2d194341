package dev.recollect.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.BatchStats;
import dev.recollect.domain.migration.Decision;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.migration.MigrationRun;
import dev.recollect.domain.migration.RecordFailure;
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
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * What every {@code MigrationLedger} does with the documents of a table, as properties: importing, reading in key
 * order, planning key ranges and processing a batch in one step, for real or as a dry run. Each try uses a table of its
 * own, so that tries can share one database; the ledger's batch rules are {@link MigrationLedgerProperties}'.
 */
public interface MigrationDocumentsProperties {
    /** When the tries happen. */
    Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

    /** The ledger under test. */
    MigrationLedger ledger();

    private static String table() {
        return "t_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Document {@code n}: keyed {@code k000}..., with fields that vary with {@code n}: text, number, null, nested. */
    private static Document document(int n) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("_id", key(n));
        fields.put("topic", n % 3 == 0 ? null : "t" + n);
        fields.put("n", (long) n);
        if (n % 4 == 1) {
            fields.put("context", Map.of("sessionId", "s" + n));
        }
        return new Document(key(n), fields, T0);
    }

    /** A run over a new table of {@code documents} documents, created in {@code ledger}. */
    private static MigrationRun planned(MigrationLedger ledger, int documents, int batchSize, boolean dryRun) {
        String table = table();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            docs.add(document(i));
        }
        ledger.importDocuments(table, docs);
        MigrationRun run = new MigrationRun(
                UUID.randomUUID(), "mark", table, dryRun, batchSize, ledger.count(table, RunScope.ALL), T0, null);
        ledger.createRun(run);
        return run;
    }

    private static String key(int n) {
        return String.format("k%03d", n);
    }

    @Provide
    default Arbitrary<List<List<Integer>>> imports() {
        return Arbitraries.integers()
                .between(0, 40)
                .list()
                .ofMaxSize(12)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4);
    }

    /**
     * Importing adds only the documents a table lacks (saying how many it added), and a table reads back page by
     * page in key order after any key, every field as imported.
     */
    @SeededProperty
    default void importingAddsWhatIsMissingAndPagesReadInKeyOrder(
            @ForAll("imports") List<List<Integer>> imports,
            @ForAll @IntRange(min = -1, max = 40) int after,
            @ForAll @IntRange(min = 1, max = 15) int limit) {
        MigrationLedger ledger = ledger();
        String table = table();
        TreeMap<String, Document> model = new TreeMap<>();
        for (List<Integer> chunk : imports) {
            List<Document> docs = chunk.stream()
                    .distinct()
                    .map(MigrationDocumentsProperties::document)
                    .toList();
            long added = docs.stream().filter(d -> !model.containsKey(d.id())).count();

            assertThat(ledger.importDocuments(table, docs)).isEqualTo((int) added);

            docs.forEach(d -> model.putIfAbsent(d.id(), d));
        }
        assertThat(ledger.count(table, RunScope.ALL)).isEqualTo(model.size());
        String from = after < 0 ? null : key(after);
        List<Document> expected = (from == null ? model : model.tailMap(from, false))
                .values().stream().limit(limit).toList();
        assertThat(ledger.documents(table, from, limit)).isEqualTo(expected);
    }

    /**
     * Seeding cuts a table into ranges of the batch size in key order, each starting after the last one's end; seeding
     * again plans nothing new until documents are added past the last range, which then get ranges of their own.
     */
    @SeededProperty
    default void seedingPlansKeyRangesOnce(
            @ForAll @IntRange(max = 30) int documents,
            @ForAll @IntRange(min = 1, max = 7) int batchSize,
            @ForAll @IntRange(max = 9) int addedLater) {
        MigrationLedger ledger = ledger();
        MigrationRun run = planned(ledger, documents, batchSize, false);
        String table = run.table();
        int batches = (documents + batchSize - 1) / batchSize;

        assertThat(ledger.seed(run)).isEqualTo(batches);
        assertThat(ledger.seed(run)).isEqualTo(batches);

        List<MigrationBatch> planned = ledger.batches(run.id());
        for (int b = 0; b < batches; b++) {
            MigrationBatch batch = planned.get(b);
            assertThat(batch.seq()).isEqualTo(b);
            assertThat(batch.state()).isEqualTo(BatchState.PENDING);
            assertThat(batch.range().after()).isEqualTo(b == 0 ? null : key(b * batchSize - 1));
            assertThat(batch.range().upTo()).isEqualTo(key(Math.min(documents, (b + 1) * batchSize) - 1));
        }
        assertThat(planned).hasSize(batches);
        List<Document> later = new ArrayList<>();
        for (int i = 0; i < addedLater; i++) {
            later.add(document(100 + i));
        }
        ledger.importDocuments(table, later);
        assertThat(ledger.seed(run)).isEqualTo(batches + (addedLater + batchSize - 1) / batchSize);
        assertThat(ledger.findRun(run.id())).contains(run);
    }

    /** Field names that quoting must survive: commas, braces, quotes, backslashes, spaces, NULL, and none at all. */
    @Provide
    default Arbitrary<List<String>> oddKeys() {
        return Arbitraries.of("a,b", "{x}", "\"q\"", "back\\slash", " ", "", "NULL", "é\uD83D\uDE00", "plain")
                .list()
                .ofMinSize(1)
                .ofMaxSize(5)
                .uniqueElements();
    }

    /**
     * An update that removes some fields and sets others, whatever their names, writes exactly the document the
     * migration decided: each row gets only its change, and the change's key names reach the database intact.
     */
    @SeededProperty
    default void anUpdateWritesExactlyTheDecidedDocumentWhateverItsKeys(
            @ForAll("oddKeys") List<String> present, @ForAll("oddKeys") List<String> decidedKeys) {
        MigrationLedger ledger = ledger();
        String table = table();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("_id", "d1");
        present.forEach(key -> fields.put(key, "old " + key));
        ledger.importDocuments(table, List.of(new Document("d1", fields, T0)));
        MigrationRun run = new MigrationRun(UUID.randomUUID(), "odd", table, false, 10, 1, T0, null);
        ledger.createRun(run);
        ledger.seed(run);
        MigrationBatch batch =
                ledger.claim(run.id(), "w", Duration.ofMinutes(1), T0).orElseThrow();
        List<Document> decided = new ArrayList<>();

        ledger.process(
                        batch,
                        "w",
                        false,
                        doc -> {
                            // Keys in both lists are removed; keys only in the second are set.
                            Document after = doc;
                            for (String key : decidedKeys) {
                                after = present.contains(key) ? after.without(key) : after.with(key, "new " + key);
                            }
                            decided.add(after);
                            return new Decision.Update(after);
                        },
                        Clock.fixed(T0, ZoneOffset.UTC))
                .orElseThrow();

        assertThat(ledger.documents(table, null, 10)).isEqualTo(decided);
    }

    @Provide
    default Arbitrary<List<Integer>> verdicts() {
        // 0 updates the document, 1 skips it, 2 fails it.
        return Arbitraries.integers().between(0, 2).list().ofMinSize(20).ofMaxSize(20);
    }

    /**
     * Every batch is processed in one step: its documents decided in key order, the updates written (none in a dry
     * run), its stats and failures those of its decisions; once every batch is done nothing is left to claim, and the
     * run finishes when told.
     */
    @SeededProperty
    default void everyBatchIsProcessedInOneStep(
            @ForAll @IntRange(min = 1, max = 20) int documents,
            @ForAll @IntRange(min = 1, max = 6) int batchSize,
            @ForAll("verdicts") List<Integer> verdicts,
            @ForAll boolean dryRun) {
        MigrationLedger ledger = ledger();
        MigrationRun run = planned(ledger, documents, batchSize, dryRun);
        String table = run.table();
        ledger.seed(run);
        List<Document> expected = new ArrayList<>();
        Clock clock = Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC);
        Optional<MigrationBatch> claimed;
        int seq = 0;
        while ((claimed = ledger.claim(run.id(), "w", Duration.ofMinutes(1), T0)).isPresent()) {
            assertThat(claimed.get().seq()).isEqualTo(seq);
            List<String> decided = new ArrayList<>();

            MigrationBatch done = ledger.process(
                            claimed.get(),
                            "w",
                            dryRun,
                            doc -> {
                                decided.add(doc.id());
                                return switch (verdicts.get(
                                        Integer.parseInt(doc.id().substring(1)))) {
                                    case 0 -> new Decision.Update(doc.with("marked", true));
                                    case 1 -> new Decision.Skip("already");
                                    default -> new Decision.Fail(doc.id() + " is cursed");
                                };
                            },
                            clock)
                    .orElseThrow();

            int from = seq * batchSize;
            int to = Math.min(documents, from + batchSize);
            List<String> keys = new ArrayList<>();
            int updated = 0;
            int skipped = 0;
            List<RecordFailure> failures = new ArrayList<>();
            for (int i = from; i < to; i++) {
                keys.add(key(i));
                Document doc = document(i);
                switch (verdicts.get(i)) {
                    case 0 -> {
                        updated++;
                        expected.add(dryRun ? doc : doc.with("marked", true));
                    }
                    case 1 -> {
                        skipped++;
                        expected.add(doc);
                    }
                    default -> {
                        failures.add(new RecordFailure(key(i), key(i) + " is cursed"));
                        expected.add(doc);
                    }
                }
            }
            assertThat(decided).isEqualTo(keys);
            assertThat(done.state()).isEqualTo(BatchState.COMPLETED);
            assertThat(done.stats())
                    .isEqualTo(new BatchStats(
                            to - from, updated, skipped == 0 ? Map.of() : Map.of("already", skipped), failures.size()));
            assertThat(done.failures()).isEqualTo(failures);
            assertThat(ledger.batches(run.id()).get(seq)).isEqualTo(done);
            seq++;
        }
        assertThat(seq).isEqualTo((documents + batchSize - 1) / batchSize);
        assertThat(ledger.documents(table, null, 100)).isEqualTo(expected);
        ledger.finish(run.id(), T0.plusSeconds(2));
        assertThat(ledger.findRun(run.id()).orElseThrow().finishedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(ledger.findRun(run.id()).orElseThrow().dryRun()).isEqualTo(dryRun);
    }
}
