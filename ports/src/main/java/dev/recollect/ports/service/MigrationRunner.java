package dev.recollect.ports.service;

import dev.recollect.domain.migration.BatchPace;
import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.BatchStats;
import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.domain.migration.LibraryTable;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.migration.MigrationRun;
import dev.recollect.domain.migration.RecordFailure;
import dev.recollect.domain.migration.RunControl;
import dev.recollect.domain.migration.RunResult;
import dev.recollect.domain.migration.RunScope;
import dev.recollect.ports.in.ImportDocuments;
import dev.recollect.ports.in.InvalidCommandException;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.out.IdGenerator;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.Metrics;
import dev.recollect.ports.out.MigrationLedger;
import dev.recollect.ports.out.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs document migrations in batches over a {@link MigrationLedger}: plan, claim, process, record, repeat. A batch
 * that fails as a whole is retried later with a backoff, then given up after five failures; a document that fails is
 * a failure of that document only. Embedding services pass their own {@link DocumentMigration}s next to the
 * built-in ones.
 */
public final class MigrationRunner implements RunMigrations, ImportDocuments {
    private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);

    /** How long a claimed batch stays with its worker without finishing. */
    public static final Duration LEASE = Duration.ofMinutes(5);

    /**
     * How long a waiting worker (between batches, or on a paused run) goes without reading its run again when no
     * signal comes: the bound on noticing a pause, a resume or a cancellation where signals are lost or absent.
     */
    public static final Duration STEERING_POLL = Duration.ofSeconds(1);

    private final MigrationLedger ledger;
    private final Map<String, DocumentMigration> migrations = new LinkedHashMap<>();
    private final IdGenerator ids;
    private final Clock clock;
    private final Metrics metrics;
    private final Supplier<JobSignals> signals;

    /** A runner of {@code migrations} (names must be unique) over {@code ledger}, recording no metrics. */
    public MigrationRunner(
            MigrationLedger ledger, List<DocumentMigration> migrations, IdGenerator ids, Clock clock, Sleeper sleeper) {
        this(ledger, migrations, ids, clock, sleeper, Metrics.NONE);
    }

    /**
     * A runner that also counts batches and records by outcome into {@code metrics}; its workers find pauses and
     * cancellations by reading their run every {@link #STEERING_POLL}.
     */
    public MigrationRunner(
            MigrationLedger ledger,
            List<DocumentMigration> migrations,
            IdGenerator ids,
            Clock clock,
            Sleeper sleeper,
            Metrics metrics) {
        this(ledger, migrations, ids, clock, metrics, () -> JobSignals.polling(sleeper));
    }

    /**
     * A runner whose workers each open {@code signals} while they work, and wake on them as soon as their run is
     * paused, resumed or cancelled.
     */
    public MigrationRunner(
            MigrationLedger ledger,
            List<DocumentMigration> migrations,
            IdGenerator ids,
            Clock clock,
            Metrics metrics,
            Supplier<JobSignals> signals) {
        this.signals = Objects.requireNonNull(signals, "signals");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        for (DocumentMigration migration : migrations) {
            if (this.migrations.put(migration.name(), migration) != null) {
                throw new IllegalArgumentException("two migrations are named " + migration.name());
            }
        }
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public int importDocuments(ImportDocuments.Command command) {
        CommandValidator.valid(command);
        return command.documents().isEmpty() ? 0 : ledger.importDocuments(command.table(), command.documents());
    }

    @Override
    public List<DocumentMigration> available() {
        return List.copyOf(migrations.values());
    }

    @Override
    public Started start(Start command) {
        CommandValidator.valid(command);
        DocumentMigration migration = migrations.get(command.name());
        if (migration == null) {
            return new Started.UnknownMigration(List.copyOf(migrations.keySet()));
        }
        if (LibraryTable.named(migration.table()).isPresent()) {
            // The library's rows are keyed by UUIDs: any other bound could only fail in the database.
            for (String key : java.util.Arrays.asList(
                    command.scope().fromKey(), command.scope().toKey())) {
                if (key != null && !LibraryTable.isKey(key)) {
                    throw new InvalidCommandException(
                            List.of("scope: the keys of " + migration.table() + " are UUIDs, got " + key));
                }
            }
        }
        if (!command.again()) {
            Optional<MigrationRun> covering = covering(migration.name(), command.scope());
            if (covering.isPresent()) {
                return new Started.AlreadyCovered(covering.get());
            }
        }
        MigrationRun run = new MigrationRun(
                ids.next(),
                migration.name(),
                migration.table(),
                command.dryRun(),
                command.batchSize(),
                ledger.count(migration.table(), command.scope()),
                clock.instant(),
                null,
                command.scope(),
                RunControl.RUNNING,
                command.targetBatchTime() == null ? null : new BatchPace(command.targetBatchTime()),
                0);
        ledger.createRun(run);
        int batches = ledger.seed(run);
        log.info("Planned {} run {}: {} documents in {} batches", run.name(), run.id(), run.estimatedTotal(), batches);
        return new Started.Planned(run, batches);
    }

    @Override
    public Optional<RunReport> work(Work command, Consumer<Progress> progress) {
        CommandValidator.valid(command);
        Optional<MigrationRun> found = ledger.findRun(command.runId());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MigrationRun run = found.get();
        DocumentMigration migration = migrations.get(run.name());
        if (migration == null) {
            throw new IllegalStateException("run " + run.id() + " is of " + run.name() + ", which this build lacks");
        }
        // Seeding again is idempotent, and plans what an interrupted planning left out.
        ledger.seed(run);
        try (JobSignals steering = signals.get()) {
            work(run, migration, command, progress, steering);
        }
        run = ledger.findRun(run.id()).orElseThrow();
        RunReport report = report(run);
        if (report.done() && run.finishedAt() == null) {
            ledger.finish(run.id(), clock.instant());
            report = report(ledger.findRun(run.id()).orElseThrow());
        }
        return Optional.of(report);
    }

    /** Claims and does batches until none is left, the run is cancelled, or the thread is interrupted. */
    private void work(
            MigrationRun run,
            DocumentMigration migration,
            Work command,
            Consumer<Progress> progress,
            JobSignals steering) {
        BatchStats mine = BatchStats.NONE;
        int done = 0;
        boolean waiting = false;
        while (true) {
            Optional<MigrationBatch> claimed = ledger.claim(run.id(), command.workerId(), LEASE, clock.instant());
            if (claimed.isEmpty()) {
                // Nothing to claim: the run is done, cancelled, or paused; only a pause is worth waiting out.
                run = ledger.findRun(run.id()).orElseThrow();
                if (run.control() != RunControl.PAUSED) {
                    return;
                }
                if (!waiting) {
                    waiting = true;
                    log.info("Run {} is paused; waiting for it to be resumed", run.id());
                    progress.accept(new Progress(run, null, mine, done));
                }
                if (!await(steering, STEERING_POLL)) {
                    return;
                }
                continue;
            }
            waiting = false;
            MigrationBatch batch = claimed.get();
            Optional<MigrationBatch> after;
            try {
                after = ledger.processAll(batch, command.workerId(), run.dryRun(), migration::decideAll, clock);
            } catch (RuntimeException e) {
                log.warn("Batch {} of run {} failed: {}", batch.seq(), run.id(), e.toString());
                after = ledger.fail(
                        run.id(), batch.seq(), command.workerId(), String.valueOf(e.getMessage()), clock.instant());
            }
            after.ifPresent(finished -> metrics.migrationBatch(migration.name(), finished));
            if (after.isPresent() && after.get().state() == BatchState.COMPLETED) {
                MigrationBatch completed = after.get();
                mine = mine.plus(completed.stats());
                if (run.adaptive()) {
                    run = ledger.updateRun(run.id(), paced -> paced.pace()
                                    .after(
                                            paced,
                                            Duration.between(completed.startedAt(), completed.completedAt()),
                                            completed.stats().processed()))
                            .orElse(run);
                }
            }
            progress.accept(new Progress(run, after.orElse(batch), mine, ++done));
            if (!command.pause().isZero() && !pause(run.id(), command.pause(), steering)) {
                return;
            }
        }
    }

    /**
     * Waits {@code pause} between two batches, unless the run is paused or cancelled meanwhile (the next claim then
     * finds out). Returns false when the thread was interrupted.
     */
    private boolean pause(UUID runId, Duration pause, JobSignals steering) {
        // In steps of at most the poll, each followed by a look at the run. The steps add up to the pause by count,
        // not by the clock: a signal for another run may end one early, which only shortens the pause a little.
        Duration left = pause;
        while (left.compareTo(Duration.ZERO) > 0) {
            Duration step = left.compareTo(STEERING_POLL) < 0 ? left : STEERING_POLL;
            if (!await(steering, step)) {
                return false;
            }
            left = left.minus(step);
            if (ledger.findRun(runId)
                    .map(run -> run.control() != RunControl.RUNNING)
                    .orElse(true)) {
                return true;
            }
        }
        return true;
    }

    /** Waits for a steering signal, or {@code timeout}; false, with the interrupt kept, when interrupted. */
    private static boolean await(JobSignals steering, Duration timeout) {
        try {
            steering.awaitSteering(timeout);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Optional<MigrationRun.Steering> steer(UUID runId, MigrationRun.Steer steer) {
        Objects.requireNonNull(steer, "steer");
        List<MigrationRun.Steering> outcome = new ArrayList<>(1);
        Optional<MigrationRun> after = ledger.updateRun(runId, run -> {
            MigrationRun.Steering steering = run.steer(steer);
            outcome.add(steering);
            return steering.run();
        });
        if (after.isEmpty()) {
            return Optional.empty();
        }
        MigrationRun run = after.get();
        log.info("Run {} asked to {}: now {}", runId, steer, run.control().wireName());
        if (run.control() == RunControl.CANCELLED
                && run.finishedAt() == null
                && report(run).done()) {
            // No batch in flight, so no worker will finish it.
            ledger.finish(runId, clock.instant());
        }
        return Optional.of(outcome.get(outcome.size() - 1));
    }

    @Override
    public Optional<List<MigrationRun>> coverage(String name) {
        return migrations.containsKey(name) ? Optional.of(completed(name)) : Optional.empty();
    }

    /**
     * The runs of {@code name} that completed over their scope: finished and real, with the result {@code completed}
     * (a cancelled run's is {@code cancelled}; one with a failed document or batch, {@code partial} or {@code failed};
     * and a finished run that was not cancelled has no batch left to do).
     */
    private List<MigrationRun> completed(String name) {
        return ledger.runsOf(name).stream()
                .filter(run -> run.finishedAt() != null && !run.dryRun())
                .filter(run -> report(run).result().status() == RunResult.Status.COMPLETED)
                .toList();
    }

    private Optional<MigrationRun> covering(String name, RunScope scope) {
        return completed(name).stream()
                .filter(run -> run.scope().contains(scope))
                .findFirst();
    }

    @Override
    public Optional<RunReport> status(UUID runId) {
        return ledger.findRun(runId).map(this::report);
    }

    @Override
    public Optional<List<MigrationBatch>> troubles(UUID runId) {
        return ledger.findRun(runId).map(run -> ledger.batches(runId).stream()
                .filter(batch -> batch.state() == BatchState.RETRY || batch.state() == BatchState.FAILED)
                .toList());
    }

    @Override
    public List<MigrationRun> list(int limit) {
        return ledger.runs(Math.max(1, Math.min(limit, 1000)));
    }

    @Override
    public Optional<Integer> retryFailed(UUID runId) {
        // A cancelled run takes no more batches, so queueing its failed ones would only leave it unfinished.
        return ledger.findRun(runId).map(run -> run.control() == RunControl.CANCELLED ? 0 : ledger.forceRetry(runId));
    }

    private RunReport report(MigrationRun run) {
        List<MigrationBatch> batches = ledger.batches(run.id());
        Map<BatchState, Integer> byState = new EnumMap<>(BatchState.class);
        for (BatchState state : BatchState.values()) {
            byState.put(state, 0);
        }
        BatchStats stats = BatchStats.NONE;
        List<RecordFailure> failures = new ArrayList<>();
        Instant first = null;
        Instant last = null;
        for (MigrationBatch batch : batches) {
            byState.merge(batch.state(), 1, Integer::sum);
            if (batch.state() == BatchState.COMPLETED) {
                stats = stats.plus(batch.stats());
                failures.addAll(batch.failures());
                last = later(last, batch.completedAt());
            }
            if (batch.startedAt() != null && (first == null || batch.startedAt().isBefore(first))) {
                first = batch.startedAt();
            }
        }
        RunResult result = RunResult.of(run.name(), run.dryRun(), stats, failures, byState.get(BatchState.FAILED));
        if (run.control() == RunControl.CANCELLED) {
            result = result.cancelled(byState.get(BatchState.PENDING) + byState.get(BatchState.RETRY));
        }
        double seconds = first == null || last == null
                ? 0
                : Duration.between(first, last).toMillis() / 1000.0;
        double rate = seconds > 0 ? stats.processed() / seconds : 0;
        long remaining = Math.max(0, run.estimatedTotal() - stats.processed());
        return new RunReport(run, byState, stats, result, rate, remaining, first, last);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}
