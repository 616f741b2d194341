package dev.recollect.adapters.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.BuiltInMigrations;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.domain.migration.RunScope;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.out.MigrationLedger;
import dev.recollect.ports.service.MigrationRunner;
import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.RecordingSleeper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Whole runs on PostgreSQL: a dry run leaves every table as it was; a run killed with SIGKILL resumes to the same end. */
@PostgresTest
class MigrationRunIT {
    private final TestDatabase database;
    private final MigrationLedger ledger;

    MigrationRunIT(TestDatabase database) {
        this.database = database;
        this.ledger = JdbiPersistence.over(database.pooled()).migrations();
    }

    private static List<Document> questions(int n) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("_id", "q" + i);
            fields.put("question", "Question " + i + "?");
            if (i % 3 != 0) {
                fields.put("topic", i % 2 == 0 ? null : "history");
            }
            docs.add(new Document(String.format("q%05d", i), fields, Instant.parse("2026-11-01T00:00:00Z")));
        }
        return docs;
    }

    private MigrationRunner runner(DocumentMigration migration, Instant now) {
        MutableClock clock = new MutableClock(now);
        return new MigrationRunner(
                ledger,
                List.of(migration),
                dev.recollect.ports.out.IdGenerator.random(),
                clock,
                new RecordingSleeper(clock));
    }

    private static UUID plan(MigrationRunner runner, String name, boolean dry, int batchSize) {
        // Again: the test runs one migration over a restored table as an uninterrupted run already did.
        return ((RunMigrations.Started.Planned)
                        runner.start(new RunMigrations.Start(name, dry, batchSize, RunScope.ALL, null, true)))
                .run()
                .id();
    }

    /** An md5 of every data table's rows, in key order. */
    private String checksum() throws Exception {
        try (Connection c = database.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                                + " FROM (SELECT table_name, id, doc::text, imported_at, updated_at FROM imported_documents"
                                + " UNION ALL SELECT 'concepts', id::text, title, created_at, updated_at FROM concepts"
                                + " UNION ALL SELECT 'phrasings', id::text, question, created_at, updated_at FROM phrasings) t")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aDryRunWritesNothingToTheData() throws Exception {
        ledger.importDocuments("dry_questions", questions(57));
        String before = checksum();
        DocumentMigration migration = BuiltInMigrations.removeField("remove-dry", "dry_questions", "topic");
        MigrationRunner runner = runner(migration, Instant.now());
        UUID run = plan(runner, "remove-dry", true, 10);

        RunMigrations.RunReport report = runner.work(new RunMigrations.Work(run, "w", Duration.ZERO), r -> {})
                .orElseThrow();

        assertThat(checksum()).isEqualTo(before);
        assertThat(report.stats().updated()).isEqualTo(38);
        assertThat(report.run().dryRun()).isTrue();
        assertThat(report.result().message()).startsWith("Dry run: would update 38 of 57");
    }

    @Test
    void aRunKilledMidBatchResumesToTheStateOfAnUninterruptedOne() throws Exception {
        ledger.importDocuments("crash_a", questions(40));
        ledger.importDocuments("crash_b", questions(40));
        DocumentMigration onB = BuiltInMigrations.removeField("remove-topic", "crash_b", "topic");
        MigrationRunner whole = runner(onB, Instant.now());
        whole.work(new RunMigrations.Work(plan(whole, "remove-topic", false, 10), "w", Duration.ZERO), r -> {});

        DocumentMigration onA = BuiltInMigrations.removeField("remove-topic", "crash_a", "topic");
        UUID run = plan(runner(onA, Instant.now()), "remove-topic", false, 10);
        Process doomed = ChildJvm.start(
                MigrationCrashProbe.class, database.jdbcUrl(), database.user(), "crash_a", run.toString(), "15");
        ChildJvm.killAfter(doomed, "midway", "the doomed worker reached its second batch");

        List<dev.recollect.domain.migration.MigrationBatch> halfway = ledger.batches(run);
        assertThat(halfway.get(0).state()).isEqualTo(BatchState.COMPLETED);
        assertThat(halfway.get(1).state()).isEqualTo(BatchState.PROCESSING);
        // The resuming worker's clock is past the dead worker's lease: no sleeping.
        MigrationRunner resumer =
                runner(onA, Instant.now().plus(MigrationRunner.LEASE).plusSeconds(1));
        RunMigrations.RunReport report = resumer.work(new RunMigrations.Work(run, "rescuer", Duration.ZERO), r -> {})
                .orElseThrow();

        assertThat(report.done()).isTrue();
        assertThat(report.stats().processed()).isEqualTo(40);
        assertThat(report.stats().updated()).isEqualTo(26);
        assertThat(ledger.documents("crash_a", null, 100))
                .extracting(Document::fields)
                .isEqualTo(ledger.documents("crash_b", null, 100).stream()
                        .map(Document::fields)
                        .toList());
    }
}
