package dev.recollect.ports.testing;

import dev.recollect.domain.migration.DecidedBatch;
import dev.recollect.domain.migration.Decision;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.KeyRange;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.migration.MigrationRun;
import dev.recollect.domain.migration.RunControl;
import dev.recollect.domain.migration.RunScope;
import dev.recollect.ports.out.MigrationLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The migration ledger and the imported documents in memory, behind one lock, with the keyset rules of PostgreSQL.
 * Not final, so that a test can make one of its steps fail.
 */
public class InMemoryMigrationLedger implements MigrationLedger {
    private final Map<String, NavigableMap<String, Document>> tables = new TreeMap<>();
    private final Map<UUID, MigrationRun> runs = new LinkedHashMap<>();
    private final Map<UUID, List<MigrationBatch>> batches = new LinkedHashMap<>();

    private NavigableMap<String, Document> table(String name) {
        // Keys in the database's byte order, as PostgreSQL's "C" collation keeps them.
        return tables.computeIfAbsent(name, t -> new TreeMap<>(RunScope::compareKeys));
    }

    @Override
    public synchronized void createRun(MigrationRun run) {
        runs.put(run.id(), run);
        batches.put(run.id(), new ArrayList<>());
    }

    @Override
    public synchronized Optional<MigrationRun> findRun(UUID id) {
        return Optional.ofNullable(runs.get(id));
    }

    @Override
    public synchronized List<MigrationRun> runs(int limit) {
        return runs.values().stream()
                .sorted(Comparator.comparing(MigrationRun::createdAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<MigrationRun> runsOf(String name) {
        return runs.values().stream()
                .filter(run -> run.name().equals(name))
                .sorted(Comparator.comparing(MigrationRun::createdAt))
                .toList();
    }

    @Override
    public synchronized Optional<MigrationRun> updateRun(UUID id, UnaryOperator<MigrationRun> change) {
        return Optional.ofNullable(runs.computeIfPresent(id, (key, run) -> run.adopting(change.apply(run))));
    }

    @Override
    public synchronized long count(String table, RunScope scope) {
        return table(table).values().stream().filter(scope::includes).count();
    }

    @Override
    public synchronized int seed(MigrationRun run) {
        List<MigrationBatch> planned = batches.get(run.id());
        if (!run.adaptive()) {
            while (planNext(run, planned).isPresent()) {
                // Planned one more range.
            }
        }
        return planned.size();
    }

    /** Plans the range of the run's batch size after the last one planned, within the scope's keys, if any is left. */
    private Optional<MigrationBatch> planNext(MigrationRun run, List<MigrationBatch> planned) {
        String after = planned.isEmpty()
                ? null
                : planned.get(planned.size() - 1).range().upTo();
        NavigableMap<String, Document> rest = after != null
                ? table(run.table()).tailMap(after, false)
                : run.scope().fromKey() != null
                        ? table(run.table()).tailMap(run.scope().fromKey(), true)
                        : table(run.table());
        List<String> keys = rest.keySet().stream()
                .takeWhile(run.scope()::includesKey)
                .limit(run.batchSize())
                .toList();
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        MigrationBatch batch =
                MigrationBatch.pending(run.id(), planned.size(), new KeyRange(after, keys.get(keys.size() - 1)));
        planned.add(batch);
        return Optional.of(batch);
    }

    @Override
    public synchronized Optional<MigrationBatch> claim(UUID runId, String worker, Duration lease, Instant now) {
        MigrationRun run = runs.get(runId);
        if (run == null || run.control() != RunControl.RUNNING) {
            return Optional.empty();
        }
        List<MigrationBatch> planned = batches.get(runId);
        for (int i = 0; i < planned.size(); i++) {
            if (planned.get(i).claimable(now)) {
                MigrationBatch claimed = planned.get(i).claim(worker, now, lease);
                planned.set(i, claimed);
                return Optional.of(claimed);
            }
        }
        if (!run.adaptive()) {
            return Optional.empty();
        }
        return planNext(run, planned).map(next -> {
            MigrationBatch claimed = next.claim(worker, now, lease);
            planned.set(next.seq(), claimed);
            return claimed;
        });
    }

    @Override
    public synchronized Optional<MigrationBatch> processAll(
            MigrationBatch claimed,
            String worker,
            boolean dryRun,
            Function<List<Document>, List<Decision>> decideAll,
            Clock clock) {
        List<MigrationBatch> planned = batches.get(claimed.runId());
        MigrationBatch current = planned.get(claimed.seq());
        if (!current.heldBy(worker)) {
            return Optional.empty();
        }
        MigrationRun run = runs.get(claimed.runId());
        KeyRange range = current.range();
        NavigableMap<String, Document> docs = range.after() == null
                ? table(run.table()).headMap(range.upTo(), true)
                : table(run.table()).subMap(range.after(), false, range.upTo(), true);
        // A snapshot, as a query reads one: documents inserted while the batch runs are not part of it.
        List<Document> inScope =
                docs.values().stream().filter(run.scope()::includes).toList();
        DecidedBatch decided = DecidedBatch.decided(inScope, decideAll.apply(inScope));
        if (!dryRun) {
            decided.changes()
                    .forEach(change -> table(run.table()).put(change.after().id(), change.after()));
        }
        MigrationBatch done = current.complete(decided.stats(), decided.failures(), clock.instant());
        planned.set(claimed.seq(), done);
        return Optional.of(done);
    }

    @Override
    public synchronized Optional<MigrationBatch> fail(UUID runId, int seq, String worker, String error, Instant now) {
        List<MigrationBatch> planned = batches.get(runId);
        MigrationBatch current = planned.get(seq);
        if (!current.heldBy(worker)) {
            return Optional.empty();
        }
        MigrationBatch failed = current.fail(error, now);
        planned.set(seq, failed);
        return Optional.of(failed);
    }

    @Override
    public synchronized int forceRetry(UUID runId) {
        List<MigrationBatch> planned = batches.getOrDefault(runId, List.of());
        int count = 0;
        for (int i = 0; i < planned.size(); i++) {
            MigrationBatch again = planned.get(i).forceRetry();
            if (again != planned.get(i)) {
                planned.set(i, again);
                count++;
            }
        }
        if (count > 0) {
            runs.computeIfPresent(runId, (id, run) -> run.finished(null));
        }
        return count;
    }

    @Override
    public synchronized List<MigrationBatch> batches(UUID runId) {
        return List.copyOf(batches.getOrDefault(runId, List.of()));
    }

    @Override
    public synchronized void finish(UUID runId, Instant now) {
        // Once, as PostgreSQL's ledger does: a run keeps the time it first finished.
        runs.computeIfPresent(runId, (id, run) -> run.finishedAt() == null ? run.finished(now) : run);
    }

    @Override
    public synchronized int importDocuments(String table, List<Document> documents) {
        int added = 0;
        for (Document doc : documents) {
            if (table(table).putIfAbsent(doc.id(), doc) == null) {
                added++;
            }
        }
        return added;
    }

    @Override
    public synchronized List<Document> documents(String table, String after, int limit) {
        NavigableMap<String, Document> rest =
                after == null ? table(table) : table(table).tailMap(after, false);
        return rest.values().stream().limit(limit).toList();
    }
}
