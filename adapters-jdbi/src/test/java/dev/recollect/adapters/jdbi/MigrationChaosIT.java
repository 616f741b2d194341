package dev.recollect.adapters.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.BatchStats;
import dev.recollect.domain.migration.BuiltInMigrations;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.domain.migration.LegacyQuestions;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.out.IdGenerator;
import dev.recollect.ports.out.MigrationLedger;
import dev.recollect.ports.out.Sleeper;
import dev.recollect.ports.service.MigrationRunner;
import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.RecordingSleeper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Migration chaos: two migration workers at a time, each in a JVM of its own, killed with SIGKILL at twenty points
 * drawn from a seeded generator across one run of {@code promote-legacy-questions} and one of a field removal; a
 * killed worker is replaced at once by a worker whose clock is past every earlier lease, which takes the dead worker's
 * batch over while the survivor keeps working. The tables must end exactly as an uninterrupted run leaves them, the
 * ledger's counts must add up, and no batch may be applied twice: triggers count every committed write of a document
 * and every attempt to insert a promoted concept (a second application of a batch would count twice, even where its
 * writes are idempotent).
 */
@PostgresTest
class MigrationChaosIT {
    static final DocumentMigration REMOVAL = BuiltInMigrations.removeField("chaos-remove-topic", "chaos_docs", "topic");
    static final List<DocumentMigration> MIGRATIONS = List.of(LegacyQuestions.migration(), REMOVAL);

    private static final int QUESTIONS = 400;
    private static final int DOCS = 400;
    private static final int BATCH = 10;
    private static final int KILLS_PER_RUN = 10;
    /** Every worker generation's clock runs this much ahead of the one before: past its leases. */
    private static final Duration GENERATION = MigrationRunner.LEASE.plusMinutes(1);

    private static final long T = 1_700_000_000_000L;
    /** Every column that records when a write happened rather than what it wrote: left out of the digests. */
    private static final String WRITE_TIMES = "ARRAY['updated_at', 'last_calculated']";

    private final TestDatabase database;
    private final MigrationLedger ledger;

    MigrationChaosIT(TestDatabase database) {
        this.database = database;
        this.ledger = JdbiPersistence.over(database.pooled()).migrations();
    }

    @Test
    void workersKilledAtTwentyPointsLeaveWhatAnUninterruptedRunLeaves() throws Exception {
        sql("CREATE TABLE chaos_writes (kind text NOT NULL, id text NOT NULL)");
        sql("CREATE FUNCTION chaos_document_written() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " INSERT INTO chaos_writes VALUES ('document', NEW.table_name || '/' || NEW.id); RETURN NEW; END $$");
        sql("CREATE TRIGGER chaos_document_written AFTER UPDATE ON imported_documents FOR EACH ROW"
                + " EXECUTE FUNCTION chaos_document_written()");
        // BEFORE INSERT fires for a row that ON CONFLICT DO NOTHING then skips, so a batch promoted twice counts twice.
        sql("CREATE FUNCTION chaos_concept_inserted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " INSERT INTO chaos_writes VALUES ('concept', NEW.id::text); RETURN NEW; END $$");
        sql("CREATE TRIGGER chaos_concept_inserted BEFORE INSERT ON concepts FOR EACH ROW"
                + " EXECUTE FUNCTION chaos_concept_inserted()");

        importDocuments();
        RunMigrations.RunReport calmPromotion = runCalmly(LegacyQuestions.NAME);
        RunMigrations.RunReport calmRemoval = runCalmly(REMOVAL.name());
        List<String> calm = digest();
        Map<String, Long> calmWrites = writes();
        wipe();

        importDocuments();
        Random random = new Random(20_261_203L);
        Chaos promotion = runThroughChaos(LegacyQuestions.NAME, random);
        Chaos removal = runThroughChaos(REMOVAL.name(), random);

        System.out.printf(
                "migration chaos: %s: %d kills, %d mid-batch, %d workers; %s: %d kills, %d mid-batch, %d workers%n",
                LegacyQuestions.NAME,
                promotion.kills(),
                promotion.abandoned(),
                promotion.workers(),
                REMOVAL.name(),
                removal.kills(),
                removal.abandoned(),
                removal.workers());
        assertThat(promotion.kills() + removal.kills()).isEqualTo(2 * KILLS_PER_RUN);
        // Most kills land inside a batch, which a later worker must take over; none may be lost or applied twice.
        assertThat(promotion.abandoned() + removal.abandoned()).isPositive();
        assertThat(digest()).isEqualTo(calm);
        assertThat(writes()).isEqualTo(calmWrites);
        assertThat(duplicateWrites()).isEmpty();
        assertAddsUp(promotion.report(), calmPromotion, QUESTIONS);
        assertAddsUp(removal.report(), calmRemoval, DOCS);
    }

    /** A run's report after chaos, the kills it took, how many of them left a batch half done, and its workers. */
    private record Chaos(RunMigrations.RunReport report, int kills, int abandoned, int workers) {}

    private void assertAddsUp(RunMigrations.RunReport chaos, RunMigrations.RunReport calm, int documents) {
        List<MigrationBatch> batches = ledger.batches(chaos.run().id());
        assertThat(batches).allSatisfy(b -> assertThat(b.state()).isEqualTo(BatchState.COMPLETED));
        assertThat(batches).hasSize(documents / BATCH);
        BatchStats sum = batches.stream().map(MigrationBatch::stats).reduce(BatchStats.NONE, BatchStats::plus);
        assertThat(sum.processed()).isEqualTo(documents);
        assertThat(sum).isEqualTo(chaos.stats()).isEqualTo(calm.stats());
        assertThat(chaos.done()).isTrue();
        assertThat(chaos.result().status()).isEqualTo(calm.result().status());
        assertThat(chaos.result().failures()).isEqualTo(calm.result().failures());
    }

    private RunMigrations.RunReport runCalmly(String name) {
        MutableClock clock = new MutableClock(Instant.now());
        MigrationRunner runner =
                new MigrationRunner(ledger, MIGRATIONS, IdGenerator.random(), clock, new RecordingSleeper(clock));
        UUID run = plan(runner, name);
        return runner.work(new RunMigrations.Work(run, "calm", Duration.ZERO), r -> {})
                .orElseThrow();
    }

    private UUID plan(MigrationRunner runner, String name) {
        return ((RunMigrations.Started.Planned) runner.start(new RunMigrations.Start(name, false, BATCH)))
                .run()
                .id();
    }

    /**
     * One run, worked by two workers at a time and killed at {@link #KILLS_PER_RUN} points: each kill picks a worker
     * and a number of its decisions (1 to 12), SIGKILLs it after that many, and hands its place to a spare of the
     * next generation. After the last kill the workers run out the run; a run left with a dead worker's batch gets a
     * fresh worker of the next generation.
     */
    private Chaos runThroughChaos(String name, Random random) throws Exception {
        MigrationRunner planner =
                new MigrationRunner(ledger, MIGRATIONS, IdGenerator.random(), Clock.systemUTC(), Sleeper.system());
        UUID run = plan(planner, name);
        List<Worker> workers = new ArrayList<>();
        Worker spare = Worker.start(database);
        int generation = 0;
        int kills = 0;
        int abandoned = 0;
        try {
            for (int w = 0; w < 2; w++) {
                workers.add(spare.go(run, generation));
                spare = Worker.start(database);
            }
            while (kills < KILLS_PER_RUN) {
                int victim = random.nextInt(2);
                int decisions = 1 + random.nextInt(12);
                Worker worker = workers.get(victim);
                Worker survivor = workers.get(1 - victim);
                // The survivor is stopped (SIGSTOP, a stalled worker, perhaps mid-batch) while the victim makes its
                // decisions and until the replacement has begun. Left running, it could finish the run alone before
                // the ten kills came (one run in many did, with 17 kills of 20), or while a replacement JVM warms up.
                survivor.signal("STOP");
                boolean killed = worker.awaitDecisions(decisions);
                if (!killed && isDone(run)) {
                    survivor.signal("CONT");
                    break;
                }
                if (killed) {
                    worker.kill();
                    kills++;
                    abandoned += (int) ledger.batches(run).stream()
                            .filter(b -> b.state() == BatchState.PROCESSING
                                    && worker.name().equals(b.worker()))
                            .count();
                }
                generation++;
                Worker replacement = spare.go(run, generation);
                workers.set(victim, replacement);
                spare = Worker.start(database);
                replacement.awaitDecisions(1);
                survivor.signal("CONT");
            }
            for (Worker worker : workers) {
                worker.awaitExit();
            }
            while (!isDone(run)) {
                generation++;
                Worker last = spare.go(run, generation);
                spare = Worker.start(database);
                last.awaitExit();
            }
        } finally {
            spare.kill();
            for (Worker worker : workers) {
                worker.kill();
            }
        }
        return new Chaos(planner.status(run).orElseThrow(), kills, abandoned, generation + 2);
    }

    private boolean isDone(UUID run) {
        return ledger.batches(run).stream().allMatch(b -> b.state() == BatchState.COMPLETED);
    }

    /** A probe JVM: a spare until {@link #go}, then a worker whose output lines the test reads. */
    private static final class Worker {
        private static int started;

        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private String name = "spare";

        private Worker(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // The process was killed; the end of its output is all that matters.
                }
                lines.add("<end>");
            });
            reader.setDaemon(true);
            reader.start();
        }

        static Worker start(TestDatabase database) throws IOException {
            List<String> args = new ArrayList<>(List.of(database.jdbcUrl(), database.user()));
            if (database.password() != null) {
                args.add(database.password());
            }
            return new Worker(ChildJvm.start(MigrationChaosProbe.class, args.toArray(String[]::new)));
        }

        String name() {
            return name;
        }

        /** Makes this spare work on {@code run} with the clock of {@code generation}. */
        Worker go(UUID run, int generation) throws Exception {
            assertThat(next()).as("the spare connected").isEqualTo("ready");
            name = "worker-" + (++started);
            Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            in.write("go " + run + " " + name + " " + generation * GENERATION.toSeconds() + "\n");
            in.flush();
            return this;
        }

        /** Waits for {@code count} more decisions; false when the worker ran out of batches first. */
        boolean awaitDecisions(int count) throws Exception {
            for (int seen = 0; seen < count; ) {
                String line = next();
                if (line.equals("d")) {
                    seen++;
                } else if (line.equals("done") || line.equals("<end>")) {
                    return false;
                }
            }
            return true;
        }

        void awaitExit() throws Exception {
            assertThat(process.waitFor(120, TimeUnit.SECONDS))
                    .as(name + " ran out its run")
                    .isTrue();
        }

        private String next() throws InterruptedException {
            String line = lines.poll(120, TimeUnit.SECONDS);
            assertThat(line).as(name + " printed within 120 s").isNotNull();
            return line;
        }

        /** Sends {@code SIG<signal>}; a worker that has exited is left alone. */
        void signal(String signal) throws Exception {
            if (process.isAlive()) {
                new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                        .inheritIO()
                        .start()
                        .waitFor(30, TimeUnit.SECONDS);
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void importDocuments() {
        Random random = new Random(7);
        List<Document> questions = new ArrayList<>();
        List<Document> interactions = new ArrayList<>();
        for (int i = 0; i < QUESTIONS; i++) {
            String id = String.format("q%04d", i);
            String user = "chaos-" + (i % 8);
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("userId", user);
            // One in forty has no text: the run records it as a failure, the same in every run.
            q.put("question", i % 40 == 39 ? "" : "Question " + i + ", in full?");
            q.put("type", i % 2 == 0 ? "true-false" : "multiple-choice");
            q.put("options", i % 2 == 0 ? List.of("True", "False") : List.of("A", "B", "C", "D"));
            q.put("correctAnswer", i % 2 == 0 ? "True" : "C");
            q.put("generatedAt", T + i * 60_000L);
            q.put("attemptCount", i % 5);
            q.put("correctCount", i % 3);
            if (i % 3 != 0) {
                q.put("state", i % 3 == 1 ? "review" : "learning");
                q.put("nextReview", T + 86_400_000L * (1 + i % 9));
                q.put("stability", 1.5 + i % 7);
                q.put("fsrsDifficulty", 2.0 + i % 6);
                q.put("reps", 1 + i % 4);
                q.put("scheduledDays", 1 + i % 9);
                q.put("lastReview", T);
            }
            questions.add(new Document(id, q, Instant.ofEpochMilli(T)));
            for (int a = 0; a < 1 + random.nextInt(3); a++) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("questionId", id);
                doc.put("userId", user);
                doc.put("userAnswer", "True");
                doc.put("isCorrect", random.nextBoolean());
                doc.put("attemptedAt", T + a * 3_600_000L);
                if (random.nextInt(4) != 0) {
                    doc.put(
                            "context",
                            Map.of(
                                    "sessionId",
                                    "s" + a,
                                    "scheduledDays",
                                    a,
                                    "nextReview",
                                    T + 86_400_000L,
                                    "fsrsState",
                                    "review"));
                }
                interactions.add(new Document(id + "-i" + a, doc, Instant.ofEpochMilli(T)));
            }
        }
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("_id", "c" + i);
            fields.put("question", "Question " + i + "?");
            if (i % 4 != 0) {
                fields.put("topic", i % 2 == 0 ? null : "history");
            }
            docs.add(new Document(String.format("c%04d", i), fields, Instant.ofEpochMilli(T)));
        }
        ledger.importDocuments("questions", questions);
        ledger.importDocuments("interactions", interactions);
        ledger.importDocuments("chaos_docs", docs);
    }

    /** Every table a migration writes, as {@code table=count:md5} of its rows without their write times. */
    private List<String> digest() throws Exception {
        List<String> digests = new ArrayList<>();
        for (String table : List.of("imported_documents", "concepts", "phrasings", "interactions", "user_stats")) {
            digests.add(table + "="
                    + query("SELECT count(*) || ':' || coalesce(md5(string_agg(r::text, '|' ORDER BY"
                            + " r::text)), '') FROM (SELECT to_jsonb(t) - " + WRITE_TIMES + " AS r FROM " + table
                            + " t) x"));
        }
        return digests;
    }

    /** How many committed writes each kind of row had. */
    private Map<String, Long> writes() throws Exception {
        Map<String, Long> writes = new TreeMap<>();
        try (Connection c = database.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT kind, count(*) FROM chaos_writes GROUP BY kind")) {
            while (rs.next()) {
                writes.put(rs.getString(1), rs.getLong(2));
            }
        }
        return writes;
    }

    private String duplicateWrites() throws Exception {
        return query("SELECT coalesce(string_agg(kind || ' ' || id || ' x' || n, ', '), '') FROM (SELECT kind, id,"
                + " count(*) AS n FROM chaos_writes GROUP BY kind, id HAVING count(*) > 1) d");
    }

    private void wipe() throws Exception {
        sql("DELETE FROM interactions; DELETE FROM phrasings; DELETE FROM concepts; DELETE FROM user_stats;"
                + " DELETE FROM imported_documents; DELETE FROM migration_batches; DELETE FROM migration_runs;"
                + " DELETE FROM chaos_writes");
    }

    private String query(String sql) throws Exception {
        try (Connection c = database.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void sql(String sql) throws Exception {
        try (Connection c = database.connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
