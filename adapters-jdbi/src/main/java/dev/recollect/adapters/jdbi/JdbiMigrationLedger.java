package dev.recollect.adapters.jdbi;

import static dev.recollect.adapters.jdbi.Database.instant;
import static dev.recollect.adapters.jdbi.Database.timestamp;

import dev.recollect.domain.UserId;
import dev.recollect.domain.migration.BatchPace;
import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.BatchStats;
import dev.recollect.domain.migration.DecidedBatch;
import dev.recollect.domain.migration.Decision;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.KeyRange;
import dev.recollect.domain.migration.LegacyQuestions;
import dev.recollect.domain.migration.LibraryTable;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.migration.MigrationRun;
import dev.recollect.domain.migration.RunControl;
import dev.recollect.domain.migration.RunScope;
import dev.recollect.ports.out.MigrationLedger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The migration ledger in PostgreSQL. A batch is claimed with {@code FOR UPDATE SKIP LOCKED}, so workers in any
 * number of processes share a run without overlapping; then its documents, its writes and its completion commit in one
 * transaction, fenced by the claim, so a crash loses at most the batch in flight, which a later claim does again.
 */
final class JdbiMigrationLedger implements MigrationLedger {
    private static final String DOCS = "imported_documents";

    private final Database db;

    JdbiMigrationLedger(Database db) {
        this.db = db;
    }

    @Override
    public void createRun(MigrationRun run) {
        db.useTransaction("record run " + run.id(), handle -> handle.createUpdate(
                        """
                        INSERT INTO migration_runs (id, name, table_name, dry_run, batch_size, estimated_total,
                            created_at, finished_at, control, from_key, to_key, created_from, created_to,
                            target_batch_ms, ms_per_document)
                        VALUES (:id, :name, :table, :dry, :size, :total, :created, :finished, :control, :fromKey,
                            :toKey, :createdFrom, :createdTo, :target, :msPerDocument)""")
                .bind("id", run.id())
                .bind("name", run.name())
                .bind("table", run.table())
                .bind("dry", run.dryRun())
                .bind("size", run.batchSize())
                .bind("total", run.estimatedTotal())
                .bind("created", timestamp(run.createdAt()))
                .bind("finished", timestamp(run.finishedAt()))
                .bind("control", run.control().wireName())
                .bind("fromKey", run.scope().fromKey())
                .bind("toKey", run.scope().toKey())
                .bind("createdFrom", timestamp(run.scope().createdFrom()))
                .bind("createdTo", timestamp(run.scope().createdTo()))
                .bind("target", run.adaptive() ? (Long) run.pace().target().toMillis() : null)
                .bind("msPerDocument", run.msPerDocument())
                .execute());
        // Fresh statistics before a run's many keyed statements: right after an import, before autovacuum has
        // analysed the table, the planner knows nothing of the new table name and chose plans that made batches four
        // times slower (MigrationBench's warm-up, 15,600 documents/s against 66,700). ANALYZE samples a fixed number
        // of rows, so it costs little however large the table; without the right to analyse it, PostgreSQL warns
        // and goes on.
        db.withHandle("analyse " + DOCS, handle -> handle.execute("ANALYZE " + DOCS));
    }

    @Override
    public List<MigrationRun> runsOf(String name) {
        return db.withHandle("list the runs of " + name, handle -> handle.createQuery(
                        "SELECT * FROM migration_runs WHERE name = :name ORDER BY created_at, id")
                .bind("name", name)
                .map((rs, ctx) -> run(rs))
                .list());
    }

    @Override
    public Optional<MigrationRun> updateRun(UUID id, UnaryOperator<MigrationRun> change) {
        return db.inTransaction(
                "update run " + id, handle -> lockedRun(handle, id).map(run -> {
                    MigrationRun changed = run.adopting(change.apply(run));
                    if (!changed.equals(run)) {
                        handle.createUpdate("UPDATE migration_runs SET control = :control, batch_size = :size,"
                                        + " ms_per_document = :msPerDocument WHERE id = :id")
                                .bind("id", id)
                                .bind("control", changed.control().wireName())
                                .bind("size", changed.batchSize())
                                .bind("msPerDocument", changed.msPerDocument())
                                .execute();
                    }
                    return changed;
                }));
    }

    /** The run, locked for the rest of the transaction: its planners, claimers of adaptive runs and changes queue. */
    private static Optional<MigrationRun> lockedRun(Handle handle, UUID id) {
        return handle.createQuery("SELECT * FROM migration_runs WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map((rs, ctx) -> run(rs))
                .findOne();
    }

    @Override
    public Optional<MigrationRun> findRun(UUID id) {
        return db.withHandle("find run " + id, handle -> run(handle, id));
    }

    private static Optional<MigrationRun> run(Handle handle, UUID id) {
        return handle.createQuery("SELECT * FROM migration_runs WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> run(rs))
                .findOne();
    }

    @Override
    public List<MigrationRun> runs(int limit) {
        return db.withHandle("list runs", handle -> handle.createQuery(
                        "SELECT * FROM migration_runs ORDER BY created_at DESC, id LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> run(rs))
                .list());
    }

    private static MigrationRun run(ResultSet rs) throws SQLException {
        int target = rs.getInt("target_batch_ms");
        return new MigrationRun(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("table_name"),
                rs.getBoolean("dry_run"),
                rs.getInt("batch_size"),
                rs.getLong("estimated_total"),
                instant(rs, "created_at"),
                instant(rs, "finished_at"),
                new RunScope(
                        rs.getString("from_key"),
                        rs.getString("to_key"),
                        instant(rs, "created_from"),
                        instant(rs, "created_to")),
                RunControl.fromWireName(rs.getString("control")),
                rs.wasNull() || target == 0 ? null : new BatchPace(Duration.ofMillis(target)),
                rs.getDouble("ms_per_document"));
    }

    @Override
    public long count(String table, RunScope scope) {
        Optional<LibraryTable> library = LibraryTable.named(table);
        if (library.isPresent()) {
            return db.withHandle("count " + table, handle -> LibraryRows.count(handle, library.get(), scope));
        }
        return db.withHandle("count " + table, handle -> ScopeSql.bind(
                        handle.createQuery("SELECT count(*) FROM " + DOCS + " WHERE table_name = :table"
                                + ScopeSql.keys(scope) + ScopeSql.created(scope)),
                        scope)
                .bind("table", table)
                .mapTo(Long.class)
                .one());
    }

    @Override
    public int seed(MigrationRun run) {
        return db.inTransaction("plan run " + run.id(), handle -> {
            // One planner at a time per run: two processes starting the same run plan it once.
            lockedRun(handle, run.id()).orElseThrow();
            Optional<Last> last = last(handle, run.id());
            int seq = last.map(l -> l.seq() + 1).orElse(0);
            if (run.adaptive()) {
                return seq;
            }
            String after = last.map(Last::upTo).orElse(null);
            List<String> boundaries = boundaries(handle, run, after);
            PreparedBatch insert = handle.prepareBatch(
                    """
                    INSERT INTO migration_batches (run_id, seq, after_key, up_to_key, status, stats)
                    VALUES (:run, :seq, :after, :upTo, 'pending', CAST(:stats AS jsonb))
                    ON CONFLICT (run_id, seq) DO NOTHING""");
            String empty = JsonDocuments.stats(BatchStats.NONE);
            for (String next : boundaries) {
                insert.bind("run", run.id())
                        .bind("seq", seq++)
                        .bind("after", after)
                        .bind("upTo", next)
                        .bind("stats", empty)
                        .add();
                after = next;
            }
            if (insert.size() > 0) {
                insert.execute();
            }
            return seq;
        });
    }

    private static Optional<Last> last(Handle handle, UUID runId) {
        return handle.createQuery(
                        "SELECT seq, up_to_key FROM migration_batches WHERE run_id = :run ORDER BY seq DESC LIMIT 1")
                .bind("run", runId)
                .map((rs, ctx) -> new Last(rs.getInt("seq"), rs.getString("up_to_key")))
                .findOne();
    }

    /**
     * The last keys of the batches after {@code after} within the scope's keys: every {@code batchSize}-th key, and
     * the last key. One walk of the index for the whole plan, where a query per batch costs a round trip each.
     */
    private static List<String> boundaries(Handle handle, MigrationRun run, String after) {
        Optional<LibraryTable> library = LibraryTable.named(run.table());
        if (library.isPresent()) {
            return LibraryRows.boundaries(handle, library.get(), run.scope(), after, run.batchSize());
        }
        String keys =
                " WHERE table_name = :table" + (after == null ? "" : " AND id > :after") + ScopeSql.keys(run.scope());
        List<String> found = new ArrayList<>(ScopeSql.bindKeys(
                        bindAfter(
                                handle.createQuery(
                                        "SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM " + DOCS
                                                + keys + ") AS k WHERE n % :size = 0 ORDER BY id"),
                                after),
                        run.scope())
                .bind("table", run.table())
                .bind("size", run.batchSize())
                .mapTo(String.class)
                .list());
        String end = ScopeSql.bindKeys(
                        bindAfter(handle.createQuery("SELECT max(id) FROM " + DOCS + keys), after), run.scope())
                .bind("table", run.table())
                .mapTo(String.class)
                .one();
        if (end != null && (found.isEmpty() || !found.get(found.size() - 1).equals(end))) {
            found.add(end);
        }
        return found;
    }

    /** The last key of the next batch of the run's size after {@code after}, within the scope's keys. */
    private static Optional<String> nextBoundary(Handle handle, MigrationRun run, String after) {
        Optional<LibraryTable> library = LibraryTable.named(run.table());
        if (library.isPresent()) {
            return LibraryRows.nextBoundary(handle, library.get(), run.scope(), after, run.batchSize());
        }
        return Optional.ofNullable(ScopeSql.bindKeys(
                        bindAfter(
                                handle.createQuery("SELECT max(id) FROM (SELECT id FROM " + DOCS
                                        + " WHERE table_name = :table" + (after == null ? "" : " AND id > :after")
                                        + ScopeSql.keys(run.scope()) + " ORDER BY id LIMIT :size) AS batch"),
                                after),
                        run.scope())
                .bind("table", run.table())
                .bind("size", run.batchSize())
                .mapTo(String.class)
                .one());
    }

    private record Last(int seq, String upTo) {}

    @Override
    public Optional<MigrationBatch> claim(UUID runId, String worker, Duration lease, Instant now) {
        return db.inTransaction("claim a batch of " + runId, handle -> {
            Optional<MigrationBatch> claimed = claimPlanned(handle, runId, worker, lease, now);
            if (claimed.isPresent()) {
                return claimed;
            }
            // An adaptive run plans its next batch here, one claimer at a time, at the size its last batch set.
            Optional<MigrationRun> run = lockedRun(handle, runId)
                    .filter(MigrationRun::adaptive)
                    .filter(found -> found.control() == RunControl.RUNNING);
            if (run.isEmpty()) {
                return Optional.empty();
            }
            claimed = claimPlanned(handle, runId, worker, lease, now);
            if (claimed.isPresent()) {
                return claimed;
            }
            Optional<Last> last = last(handle, runId);
            String after = last.map(Last::upTo).orElse(null);
            int seq = last.map(l -> l.seq() + 1).orElse(0);
            return nextBoundary(handle, run.get(), after).map(upTo -> {
                MigrationBatch batch = MigrationBatch.pending(runId, seq, new KeyRange(after, upTo))
                        .claim(worker, now, lease);
                handle.createUpdate(
                                """
                                INSERT INTO migration_batches (run_id, seq, after_key, up_to_key, status, stats)
                                VALUES (:run, :seq, :after, :upTo, 'pending', CAST(:stats AS jsonb))""")
                        .bind("run", runId)
                        .bind("seq", seq)
                        .bind("after", after)
                        .bind("upTo", upTo)
                        .bind("stats", JsonDocuments.stats(BatchStats.NONE))
                        .execute();
                return write(handle, batch);
            });
        });
    }

    /** Claims the first planned batch that is claimable, of a run that is running. */
    private static Optional<MigrationBatch> claimPlanned(
            Handle handle, UUID runId, String worker, Duration lease, Instant now) {
        return handle.createQuery(
                        """
                        SELECT * FROM migration_batches
                        WHERE run_id = :run AND (status = 'pending'
                            OR (status = 'retry' AND retry_after <= :now)
                            OR (status = 'processing' AND lease_until < :now))
                          AND EXISTS (SELECT 1 FROM migration_runs r WHERE r.id = :run AND r.control = 'running')
                        ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .bind("run", runId)
                .bind("now", timestamp(now))
                .map((rs, ctx) -> batch(rs))
                .findOne()
                .map(found -> write(handle, found.claim(worker, now, lease)));
    }

    @Override
    public Optional<MigrationBatch> processAll(
            MigrationBatch claimed,
            String worker,
            boolean dryRun,
            Function<List<Document>, List<Decision>> decideAll,
            Clock clock) {
        return db.inTransaction("process batch " + claimed.seq() + " of " + claimed.runId(), handle -> {
            Optional<MigrationBatch> current = locked(handle, claimed.runId(), claimed.seq());
            if (current.isEmpty() || !current.get().heldBy(worker)) {
                return Optional.empty();
            }
            MigrationRun run = run(handle, claimed.runId()).orElseThrow();
            List<Document> documents = documents(handle, run, current.get().range());
            DecidedBatch decided = DecidedBatch.decided(documents, decideAll.apply(documents));
            Instant now = clock.instant();
            if (!dryRun && !decided.changes().isEmpty()) {
                Optional<LibraryTable> library = LibraryTable.named(run.table());
                if (library.isPresent()) {
                    LibraryRows.writeEmbeddings(handle, library.get(), decided.changes(), now);
                } else {
                    updateDocuments(handle, run.table(), decided.changes(), now);
                }
            }
            if (!dryRun && !decided.promotions().isEmpty()) {
                promote(handle, decided.promotions(), now);
            }
            // Completed when its writes are done, so that the ledger's times measure the whole batch.
            return Optional.of(
                    write(handle, current.get().complete(decided.stats(), decided.failures(), clock.instant())));
        });
    }

    /**
     * Writes each changed imported document's change in one set-based statement, not one per document; each row gets
     * only its change (keys removed, top-level fields set), so a small change to a large document sends little. The
     * keys come as a text[] literal per row: jsonb - text[] is one operator, where a subquery per row to unpack a JSON
     * array cost a third of the statement.
     */
    private static void updateDocuments(Handle handle, String table, List<DecidedBatch.Change> changes, Instant now) {
        List<String> ids = new ArrayList<>();
        List<String> removals = new ArrayList<>();
        List<String> docs = new ArrayList<>();
        for (DecidedBatch.Change change : changes) {
            ids.add(change.after().id());
            removals.add(textArray(change.removedKeys()));
            docs.add(JsonDocuments.write(change.setFields()));
        }
        handle.createUpdate("UPDATE " + DOCS + " AS d SET doc = (d.doc - CAST(u.removed AS text[]))"
                        + " || CAST(u.fields AS jsonb), updated_at = :now"
                        + " FROM unnest(:ids, :removed, :docs) AS u(id, removed, fields)"
                        + " WHERE d.table_name = :table AND d.id = u.id")
                .bindArray("ids", String.class, ids)
                .bindArray("removed", String.class, removals)
                .bindArray("docs", String.class, docs)
                .bind("table", table)
                .bind("now", timestamp(now))
                .execute();
    }

    /**
     * Writes promoted documents as library rows, in the batch's transaction: the concepts and phrasings that are not
     * there yet (their ids derive from the documents', so a batch done twice adds nothing), the imported interactions
     * of those questions that carry their schedule, and then a recount of every owner's stats.
     */
    private static void promote(Handle handle, Map<String, Decision.Promote> byQuestion, Instant now) {
        List<Decision.Promote> promotions = List.copyOf(byQuestion.values());
        List<String> questionIds = List.copyOf(byQuestion.keySet());
        JdbiConceptStore.insert(
                handle, promotions.stream().map(Decision.Promote::concept).toList(), " ON CONFLICT (id) DO NOTHING");
        Set<UserId> owners = new TreeSet<>(Comparator.comparing(UserId::value));
        for (Decision.Promote promotion : promotions) {
            JdbiPhrasingStore.insert(handle, promotion.phrasing(), " ON CONFLICT DO NOTHING");
            owners.add(promotion.concept().userId());
        }
        handle.createQuery("SELECT id, doc::text AS doc, imported_at FROM " + DOCS + " WHERE table_name ="
                        + " 'interactions' AND doc ->> 'questionId' = ANY(:questions) ORDER BY id")
                .bindArray("questions", String.class, questionIds)
                .map((rs, ctx) -> document(rs))
                .list()
                .forEach(doc -> LegacyQuestions.interaction(doc)
                        .ifPresent(i -> JdbiReviewStore.insertIfItsPhrasingExists(handle, i)));
        owners.forEach(owner -> StatsSql.reconcile(handle, owner, now));
    }

    /** The documents of a batch's range that are in its run's scope, in key order. */
    private static List<Document> documents(Handle handle, MigrationRun run, KeyRange range) {
        Optional<LibraryTable> library = LibraryTable.named(run.table());
        if (library.isPresent()) {
            return LibraryRows.documents(handle, library.get(), run.scope(), range);
        }
        return ScopeSql.bind(
                        bindAfter(
                                handle.createQuery("SELECT id, doc::text AS doc, imported_at FROM " + DOCS
                                        + " WHERE table_name = :table"
                                        + (range.after() == null ? "" : " AND id > :after") + " AND id <= :upTo"
                                        + ScopeSql.keys(run.scope()) + ScopeSql.created(run.scope()) + " ORDER BY id"),
                                range.after()),
                        run.scope())
                .bind("table", run.table())
                .bind("upTo", range.upTo())
                .map((rs, ctx) -> document(rs))
                .list();
    }

    /**
     * {@code keys} as a PostgreSQL array literal, each element quoted with its backslashes and quotes escaped, so
     * that any key (commas, braces, quotes, {@code NULL}) reads back as itself.
     */
    static String textArray(List<String> keys) {
        StringBuilder literal = new StringBuilder("{");
        for (String key : keys) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"')
                    .append(key.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return literal.append('}').toString();
    }

    /** Up to {@code limit} documents of {@code table} after the key {@code after} (if any), in key order. */
    private static List<Document> page(Handle handle, String table, String after, int limit) {
        return bindAfter(
                        handle.createQuery("SELECT id, doc::text AS doc, imported_at FROM " + DOCS
                                + " WHERE table_name = :table" + (after == null ? "" : " AND id > :after")
                                + " ORDER BY id LIMIT :limit"),
                        after)
                .bind("table", table)
                .bind("limit", limit)
                .map((rs, ctx) -> document(rs))
                .list();
    }

    /** Binds {@code after} where the query has it: a range from the start has no lower key, and JDBI refuses extras. */
    private static Query bindAfter(Query query, String after) {
        return after == null ? query : query.bind("after", after);
    }

    private static Document document(ResultSet rs) throws SQLException {
        return new Document(rs.getString("id"), JsonDocuments.object(rs.getString("doc")), instant(rs, "imported_at"));
    }

    @Override
    public Optional<MigrationBatch> fail(UUID runId, int seq, String worker, String error, Instant now) {
        return db.inTransaction("fail batch " + seq + " of " + runId, handle -> locked(handle, runId, seq)
                .filter(batch -> batch.heldBy(worker))
                .map(batch -> write(handle, batch.fail(error, now))));
    }

    @Override
    public int forceRetry(UUID runId) {
        return db.inTransaction("retry the failed batches of " + runId, handle -> {
            List<MigrationBatch> failed = handle.createQuery(
                            "SELECT * FROM migration_batches WHERE run_id = :run AND status = 'failed' FOR UPDATE")
                    .bind("run", runId)
                    .map((rs, ctx) -> batch(rs))
                    .list();
            failed.forEach(batch -> write(handle, batch.forceRetry()));
            if (!failed.isEmpty()) {
                handle.createUpdate("UPDATE migration_runs SET finished_at = NULL WHERE id = :id")
                        .bind("id", runId)
                        .execute();
            }
            return failed.size();
        });
    }

    @Override
    public List<MigrationBatch> batches(UUID runId) {
        return db.withHandle("read the batches of " + runId, handle -> handle.createQuery(
                        "SELECT * FROM migration_batches WHERE run_id = :run ORDER BY seq")
                .bind("run", runId)
                .map((rs, ctx) -> batch(rs))
                .list());
    }

    @Override
    public void finish(UUID runId, Instant now) {
        db.useTransaction("finish run " + runId, handle -> handle.createUpdate(
                        "UPDATE migration_runs SET finished_at = :now WHERE id = :id AND finished_at IS NULL")
                .bind("id", runId)
                .bind("now", timestamp(now))
                .execute());
    }

    @Override
    public int importDocuments(String table, List<Document> documents) {
        if (documents.isEmpty()) {
            return 0;
        }
        return db.inTransaction("import into " + table, handle -> {
            PreparedBatch insert = handle.prepareBatch("INSERT INTO " + DOCS + " (table_name, id, doc, imported_at)"
                    + " VALUES (:table, :id, CAST(:doc AS jsonb), :at) ON CONFLICT (table_name, id) DO NOTHING");
            for (Document doc : documents) {
                insert.bind("table", table)
                        .bind("id", doc.id())
                        .bind("doc", JsonDocuments.write(doc.fields()))
                        .bind("at", timestamp(doc.importedAt()))
                        .add();
            }
            int added = 0;
            for (int rows : insert.execute()) {
                added += rows;
            }
            return added;
        });
    }

    @Override
    public List<Document> documents(String table, String after, int limit) {
        return db.withHandle("read " + table, handle -> page(handle, table, after, limit));
    }

    private static Optional<MigrationBatch> locked(Handle handle, UUID runId, int seq) {
        return handle.createQuery("SELECT * FROM migration_batches WHERE run_id = :run AND seq = :seq FOR UPDATE")
                .bind("run", runId)
                .bind("seq", seq)
                .map((rs, ctx) -> batch(rs))
                .findOne();
    }

    private static MigrationBatch batch(ResultSet rs) throws SQLException {
        return new MigrationBatch(
                rs.getObject("run_id", UUID.class),
                rs.getInt("seq"),
                new KeyRange(rs.getString("after_key"), rs.getString("up_to_key")),
                BatchState.fromWireName(rs.getString("status")),
                rs.getInt("retry_count"),
                rs.getString("error"),
                JsonDocuments.stats(rs.getString("stats")),
                JsonDocuments.failures(rs.getString("failures")),
                rs.getString("worker"),
                instant(rs, "lease_until"),
                instant(rs, "retry_after"),
                instant(rs, "started_at"),
                instant(rs, "completed_at"),
                instant(rs, "last_retry_at"));
    }

    /** Writes {@code batch}'s ledger columns, in the caller's transaction, and returns it. */
    private static MigrationBatch write(Handle handle, MigrationBatch batch) {
        handle.createUpdate(
                        """
                        UPDATE migration_batches SET status = :status, retry_count = :retries, error = :error,
                            stats = CAST(:stats AS jsonb), failures = CAST(:failures AS jsonb), worker = :worker,
                            lease_until = :lease, retry_after = :retryAfter, started_at = :started,
                            completed_at = :completed, last_retry_at = :lastRetry
                        WHERE run_id = :run AND seq = :seq""")
                .bind("run", batch.runId())
                .bind("seq", batch.seq())
                .bind("status", batch.state().wireName())
                .bind("retries", batch.retryCount())
                .bind("error", batch.error())
                .bind("stats", JsonDocuments.stats(batch.stats()))
                .bind("failures", JsonDocuments.failures(batch.failures()))
                .bind("worker", batch.worker())
                .bind("lease", timestamp(batch.leaseUntil()))
                .bind("retryAfter", timestamp(batch.retryAfter()))
                .bind("started", timestamp(batch.startedAt()))
                .bind("completed", timestamp(batch.completedAt()))
                .bind("lastRetry", timestamp(batch.lastRetryAt()))
                .execute();
        return batch;
    }
}
