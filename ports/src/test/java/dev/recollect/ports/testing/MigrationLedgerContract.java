package dev.recollect.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.Decision;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.migration.MigrationRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** What every {@code MigrationLedger} must do. */
public interface MigrationLedgerContract {
    /** When the tests happen. */
    Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

    /** The ledger under test. */
    dev.recollect.ports.out.MigrationLedger ledger();

    /** A table name of the test's own, so that tests sharing a database do not meet. */
    private static String table() {
        return "t_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** {@code n} documents keyed {@code k000}, {@code k001}, ... with a {@code topic}. */
    private List<Document> documents(int n) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("_id", String.format("k%03d", i));
            fields.put("topic", i % 3 == 0 ? null : "t" + i);
            fields.put("n", i);
            docs.add(new Document(String.format("k%03d", i), fields, T0));
        }
        return docs;
    }

    private MigrationRun run(String table, boolean dry, int batchSize) {
        MigrationRun run = new MigrationRun(
                UUID.randomUUID(), "remove-topic", table, dry, batchSize, ledger().count(table), T0, null);
        ledger().createRun(run);
        return run;
    }

    private static Decision removeTopic(Document doc) {
        if ("k005".equals(doc.id())) {
            return new Decision.Fail("k005 is cursed");
        }
        return doc.has("topic") ? new Decision.Update(doc.without("topic")) : new Decision.Skip("alreadyMigrated");
    }

    @Test
    default void importingIsIdempotentAndDocumentsReadBackInKeyOrder() {
        String table = table();
        assertThat(ledger().importDocuments(table, documents(12))).isEqualTo(12);
        assertThat(ledger().importDocuments(table, documents(14))).isEqualTo(2);
        assertThat(ledger().count(table)).isEqualTo(14);
        List<Document> page = ledger().documents(table, "k003", 3);
        assertThat(page).extracting(Document::id).containsExactly("k004", "k005", "k006");
        assertThat(page.get(0).fields()).containsEntry("topic", "t4").containsEntry("n", 4);
        assertThat(ledger().documents(table, null, 1).get(0).fields()).containsEntry("topic", null);
    }

    @Test
    default void seedingPlansKeyRangesOnceAndOnlyOnce() {
        String table = table();
        ledger().importDocuments(table, documents(23));
        MigrationRun run = run(table, false, 5);
        assertThat(ledger().seed(run)).isEqualTo(5);
        assertThat(ledger().seed(run)).isEqualTo(5);
        List<MigrationBatch> batches = ledger().batches(run.id());
        assertThat(batches).extracting(b -> b.range().upTo()).containsExactly("k004", "k009", "k014", "k019", "k022");
        assertThat(batches.get(0).range().after()).isNull();
        assertThat(batches.get(1).range().after()).isEqualTo("k004");
        assertThat(batches).allMatch(b -> b.state() == BatchState.PENDING);
        ledger().importDocuments(table, List.of(new Document("k100", Map.of(), T0)));
        assertThat(ledger().seed(run)).isEqualTo(6);
        assertThat(ledger().findRun(run.id())).contains(run);
    }

    @Test
    default void aBatchIsDoneInOneStepWithItsStatsAndFailures() {
        String table = table();
        ledger().importDocuments(table, documents(10));
        MigrationRun run = run(table, false, 10);
        ledger().seed(run);
        MigrationBatch claimed =
                ledger().claim(run.id(), "w1", Duration.ofMinutes(1), T0).orElseThrow();
        assertThat(claimed.state()).isEqualTo(BatchState.PROCESSING);

        MigrationBatch done = ledger().process(
                        claimed,
                        "w1",
                        false,
                        MigrationLedgerContract::removeTopic,
                        java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC))
                .orElseThrow();

        assertThat(done.state()).isEqualTo(BatchState.COMPLETED);
        assertThat(done.stats().processed()).isEqualTo(10);
        assertThat(done.stats().errors()).isEqualTo(1);
        assertThat(done.stats().updated()).isEqualTo(9);
        assertThat(done.failures())
                .extracting(f -> f.recordId() + ": " + f.error())
                .containsExactly("k005: k005 is cursed");
        assertThat(ledger().batches(run.id()).get(0)).isEqualTo(done);
        List<Document> after = ledger().documents(table, null, 100);
        assertThat(after).filteredOn(d -> !d.id().equals("k005")).noneMatch(d -> d.has("topic"));
        assertThat(after.get(5).has("topic")).isTrue();
        assertThat(after.get(1).fields()).containsEntry("n", 1);
        assertThat(ledger().claim(run.id(), "w1", Duration.ofMinutes(1), T0)).isEmpty();
        ledger().finish(run.id(), T0.plusSeconds(1));
        assertThat(ledger().findRun(run.id()).orElseThrow().finishedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(ledger().runs(10)).extracting(MigrationRun::id).contains(run.id());
    }

    @Test
    default void aDryRunDecidesTheSameAndWritesNothing() {
        String table = table();
        ledger().importDocuments(table, documents(8));
        List<Document> before = ledger().documents(table, null, 100);
        MigrationRun run = run(table, true, 3);
        ledger().seed(run);
        int updated = 0;
        Optional<MigrationBatch> claimed;
        while ((claimed = ledger().claim(run.id(), "w", Duration.ofMinutes(1), T0)).isPresent()) {
            updated += ledger().process(
                            claimed.get(),
                            "w",
                            true,
                            MigrationLedgerContract::removeTopic,
                            java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC))
                    .orElseThrow()
                    .stats()
                    .updated();
        }
        assertThat(updated).isEqualTo(7);
        assertThat(ledger().documents(table, null, 100)).isEqualTo(before);
        assertThat(ledger().findRun(run.id()).orElseThrow().dryRun()).isTrue();
    }

    @Test
    default void aLostClaimWritesNothing() {
        String table = table();
        ledger().importDocuments(table, documents(4));
        MigrationRun run = run(table, false, 4);
        ledger().seed(run);
        MigrationBatch first =
                ledger().claim(run.id(), "slow", Duration.ofSeconds(10), T0).orElseThrow();
        assertThat(ledger().claim(run.id(), "fast", Duration.ofSeconds(10), T0.plusSeconds(5)))
                .isEmpty();
        MigrationBatch taken = ledger().claim(run.id(), "fast", Duration.ofSeconds(10), T0.plusSeconds(11))
                .orElseThrow();

        assertThat(ledger().process(
                                first,
                                "slow",
                                false,
                                MigrationLedgerContract::removeTopic,
                                java.time.Clock.fixed(T0.plusSeconds(12), java.time.ZoneOffset.UTC)))
                .isEmpty();
        assertThat(ledger().fail(run.id(), 0, "slow", "late", T0.plusSeconds(12)))
                .isEmpty();
        assertThat(ledger().documents(table, null, 10))
                .filteredOn(d -> d.has("topic"))
                .hasSize(4);
        assertThat(ledger().process(
                                taken,
                                "fast",
                                false,
                                MigrationLedgerContract::removeTopic,
                                java.time.Clock.fixed(T0.plusSeconds(13), java.time.ZoneOffset.UTC)))
                .isPresent();
    }

    @Test
    default void failuresAreRetriedWithBackoffThenGivenUpUntilForced() {
        String table = table();
        ledger().importDocuments(table, documents(2));
        MigrationRun run = run(table, false, 2);
        ledger().seed(run);
        Instant now = T0;
        for (int i = 0; i < MigrationBatch.MAX_RETRIES; i++) {
            ledger().claim(run.id(), "w", Duration.ofMinutes(1), now).orElseThrow();
            MigrationBatch failed =
                    ledger().fail(run.id(), 0, "w", "disk full " + i, now).orElseThrow();
            assertThat(failed.retryCount()).isEqualTo(i + 1);
            assertThat(ledger().claim(run.id(), "w", Duration.ofMinutes(1), now))
                    .isEmpty();
            now = failed.retryAfter() == null ? now.plusSeconds(1) : failed.retryAfter();
        }
        MigrationBatch given = ledger().batches(run.id()).get(0);
        assertThat(given.state()).isEqualTo(BatchState.FAILED);
        assertThat(given.error()).isEqualTo("disk full 4");
        assertThat(given.lastRetryAt()).isNotNull();
        assertThat(ledger().claim(run.id(), "w", Duration.ofMinutes(1), now.plus(Duration.ofDays(1))))
                .isEmpty();
        assertThat(ledger().forceRetry(run.id())).isEqualTo(1);
        assertThat(ledger().forceRetry(run.id())).isZero();
        assertThat(ledger().claim(run.id(), "w", Duration.ofMinutes(1), now)).isPresent();
    }

    @Test
    default void concurrentWorkersNeverClaimTheSameBatch() throws Exception {
        String table = table();
        ledger().importDocuments(table, documents(40));
        MigrationRun run = run(table, false, 2);
        ledger().seed(run);
        List<Callable<List<Integer>>> workers = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            String name = "w" + w;
            workers.add(() -> {
                List<Integer> mine = new ArrayList<>();
                Optional<MigrationBatch> claimed;
                while ((claimed = ledger().claim(run.id(), name, Duration.ofMinutes(1), T0)).isPresent()) {
                    mine.add(claimed.get().seq());
                    ledger().process(
                                    claimed.get(),
                                    name,
                                    false,
                                    MigrationLedgerContract::removeTopic,
                                    java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC));
                }
                return mine;
            });
        }
        List<List<Integer>> claims = Concurrently.run(6, workers);
        Set<Integer> seen = new HashSet<>();
        for (List<Integer> mine : claims) {
            for (int seq : mine) {
                assertThat(seen.add(seq)).as("batch " + seq + " claimed twice").isTrue();
            }
        }
        assertThat(seen).hasSize(20);
        assertThat(ledger().batches(run.id())).allMatch(b -> b.state() == BatchState.COMPLETED);
    }
}
