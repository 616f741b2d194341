package dev.recollect.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.Decision;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.migration.MigrationRun;
import dev.recollect.domain.migration.RunScope;
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
                UUID.randomUUID(),
                "remove-topic",
                table,
                dry,
                batchSize,
                ledger().count(table, RunScope.ALL),
                T0,
                null);
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
