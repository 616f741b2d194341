package dev.recollect.cli.migrate;

import dev.recollect.adapters.jdbi.server.SharedPostgres;
import dev.recollect.cli.app.App;
import dev.recollect.cli.app.MetricsLog;
import dev.recollect.cli.app.Model;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.command.MetricsOption;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.domain.migration.BatchPace;
import dev.recollect.domain.migration.BatchStats;
import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.migration.MigrationRun;
import dev.recollect.domain.migration.RunControl;
import dev.recollect.ports.Recollect;
import dev.recollect.ports.in.RunMigrations;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code migrate} subcommands. */
final class MigrateCommands {
    private MigrateCommands() {}

    /**
     * The use cases, with Gemini's models when {@code GEMINI_API_KEY} is set, so that the embedding backfill
     * ({@code embed-missing-*}), which needs an embedder, is offered; the other migrations need no model.
     */
    static Recollect recollect(App app, Map<String, String> env, MetricsLog metrics) {
        String key = env.get("GEMINI_API_KEY");
        Model model = key == null || key.isBlank() ? null : Model.resolve(Model.Provider.GEMINI, env, false);
        return app.recollect(model, metrics);
    }

    static UUID runId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw CliException.invalid("RUN: not a run id: " + text);
        }
    }

    /**
     * The exit code of a run: 1 when it failed (nothing applied, or a batch gave up), 5 when it was cancelled, else 0
     * (see the report).
     */
    static int exitCode(RunMigrations.RunReport report) {
        if (!report.done()) {
            return ExitCode.OK;
        }
        return switch (report.result().status()) {
            case FAILED -> ExitCode.UNEXPECTED;
            case CANCELLED -> ExitCode.CANCELLED;
            case COMPLETED, PARTIAL -> ExitCode.OK;
        };
    }

    /**
     * Works on a run with progress: a bar with rate and ETA on a terminal, a line per batch otherwise; returns the
     * exit code.
     */
    static int work(
            App app,
            Map<String, String> env,
            Output out,
            UUID run,
            String worker,
            Duration pause,
            MetricsOption metricsOption) {
        // Closing the log publishes the last, partial interval, so even a short run logs its figures.
        try (MetricsLog metrics = metricsOption.open()) {
            return work(recollect(app, env, metrics).runMigrations(), out, run, worker, pause);
        }
    }

    private static int work(RunMigrations runner, Output out, UUID run, String worker, Duration pause) {
        RunMigrations.RunReport start =
                runner.status(run).orElseThrow(() -> CliException.notFound("No migration run " + run));
        boolean interactive = System.console() != null && !out.json();
        String id =
                worker != null ? worker : ManagementFactory.getRuntimeMXBean().getName();
        RunMigrations.RunReport end;
        try (ProgressBar bar = interactive ? bar(out, start) : null) {
            end = runner.work(new RunMigrations.Work(run, id, pause), progress -> {
                        BatchStats mine = progress.workerStats();
                        if (progress.waitingForResume()) {
                            out.err()
                                    .printf(
                                            Locale.ROOT,
                                            "%nRun %s is paused; waiting for `recollect migrate resume %s`.%n",
                                            run,
                                            run);
                            out.err().flush();
                        } else if (bar != null) {
                            bar.stepTo(mine.processed());
                            bar.setExtraMessage(mine.errors() + " errors");
                        } else {
                            out.err()
                                    .printf(
                                            Locale.ROOT,
                                            "batch %d %s: this worker has processed %d, updated %d, %d errors%n",
                                            progress.batch().seq(),
                                            progress.batch().state().wireName(),
                                            mine.processed(),
                                            mine.updated(),
                                            mine.errors());
                            out.err().flush();
                        }
                    })
                    .orElseThrow();
        }
        out.document(MigrationViews.report(end));
        out.line(MigrationViews.line(end));
        out.line(end.result().message());
        end.result().failures().stream().limit(20).forEach(f -> out.line("  %s: %s", f.recordId(), f.error()));
        if (!end.done()) {
            out.line(
                    "Batches remain (waiting to retry, or held by other workers): `recollect migrate resume %s`.", run);
        }
        if (end.run().control() == RunControl.CANCELLED) {
            out.line(
                    "The run was cancelled; plan a new one with `recollect migrate run %s`.",
                    end.run().name());
        }
        return exitCode(end);
    }

    private static ProgressBar bar(Output out, RunMigrations.RunReport start) {
        return new ProgressBarBuilder()
                .setTaskName(start.run().name())
                .setInitialMax(Math.max(1, start.run().estimatedTotal()))
                .setStyle(ProgressBarStyle.ASCII)
                .showSpeed()
                .setUnit(" docs", 1)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    out.err().print('\r' + line);
                    out.err().flush();
                }))
                .build();
    }

    /** {@code migrate list}. */
    @Command(name = "list", description = "List the migrations and the recent runs.", mixinStandardHelpOptions = true)
    static final class ListCommand extends AppCommand {
        @Override
        protected int run(App app, Output out) {
            RunMigrations runner =
                    recollect(app, environment(), MetricsLog.off()).runMigrations();
            Map<String, Object> document = new LinkedHashMap<>();
            document.put(
                    "migrations",
                    runner.available().stream()
                            .map(m -> Map.of("name", m.name(), "table", m.table(), "description", m.description()))
                            .toList());
            List<MigrationRun> runs = runner.list(20);
            document.put("runs", runs.stream().map(MigrationViews::run).toList());
            out.document(document);
            out.line("Migrations:");
            for (DocumentMigration m : runner.available()) {
                out.line("  %-34s %-14s %s", m.name(), m.table(), m.description());
            }
            out.line("Recent runs:");
            runs.forEach(r -> runner.status(r.id()).ifPresent(report -> out.line("  " + MigrationViews.line(report))));
            return ExitCode.OK;
        }
    }

    /** {@code migrate run NAME}. */
    @Command(name = "run", description = "Plan a run of a migration and work on it.", mixinStandardHelpOptions = true)
    static final class RunCommand extends AppCommand {
        /** A run works until its batches are done: {@code db stop} refuses to pull the server from under it. */
        @Override
        protected SharedPostgres.Role role() {
            return SharedPostgres.Role.WORKER;
        }

        @Parameters(paramLabel = "NAME", description = "The migration (see `migrate list`).")
        String name;

        @Option(names = "--dry-run", description = "Make the same decisions and counts, and write nothing to the data.")
        boolean dryRun;

        @Option(
                names = "--batch-size",
                defaultValue = "1000",
                description = "Documents per batch (1 to 10000); with --target-batch-ms, of the first batch.")
        int batchSize;

        @Option(
                names = "--target-batch-ms",
                paramLabel = "MS",
                description =
                        "Size each batch to take about MS milliseconds (10 to 60000), from the pace of the ones before.")
        Long targetBatchMs;

        @Mixin
        ScopeOptions scope;

        @Option(
                names = "--again",
                description = "Run over a part that a completed run of the migration already covered.")
        boolean again;

        @Option(
                names = "--pause-ms",
                defaultValue = "0",
                description = "A pause between batches, to spare the database.")
        long pauseMs;

        @Mixin
        MetricsOption metricsOption;

        @Option(names = "--plan-only", description = "Plan the run and stop: workers take it up with `migrate work`.")
        boolean planOnly;

        @Override
        protected int run(App app, Output out) {
            if (pauseMs < 0) {
                throw CliException.invalid("--pause-ms must be >= 0, got " + pauseMs);
            }
            if (batchSize < MigrationRun.MIN_BATCH || batchSize > MigrationRun.MAX_BATCH) {
                throw CliException.invalid("--batch-size must be 1 to 10000, got " + batchSize);
            }
            Duration target = null;
            if (targetBatchMs != null) {
                if (targetBatchMs < BatchPace.MIN_TARGET.toMillis()
                        || targetBatchMs > BatchPace.MAX_TARGET.toMillis()) {
                    throw CliException.invalid("--target-batch-ms must be 10 to 60000, got " + targetBatchMs);
                }
                target = Duration.ofMillis(targetBatchMs);
            }
            RunMigrations.Started.Planned planned = recollect(app, environment(), MetricsLog.off())
                    .runMigrations()
                    .start(new RunMigrations.Start(name, dryRun, batchSize, scope.scope(), target, again))
                    .fold(
                            Function.identity(),
                            unknown -> {
                                throw CliException.notFound("No migration named " + name + "; known: "
                                        + String.join(", ", unknown.known()));
                            },
                            covered -> {
                                throw CliException.rejected("Run "
                                        + covered.by().id() + " already completed "
                                        + name + " over " + covered.by().scope().describe()
                                        + "; --again runs it once more");
                            });
            MigrationRun run = planned.run();
            out.err()
                    .println("Planned run " + run.id() + ": " + run.estimatedTotal() + " documents of "
                            + run.scope().describe()
                            + (run.adaptive()
                                    ? " in batches sized to "
                                            + run.pace().target().toMillis() + " ms each"
                                    : " in " + planned.batches() + " batches")
                            + (dryRun ? " (dry run)" : ""));
            if (planOnly) {
                out.document(MigrationViews.run(planned.run()));
                out.line("%s", planned.run().id());
                return ExitCode.OK;
            }
            return work(app, environment(), out, planned.run().id(), null, Duration.ofMillis(pauseMs), metricsOption);
        }
    }

    /** {@code migrate work RUN}: one more worker on a run. */
    @Command(name = "work", description = "Work on a run next to other workers.", mixinStandardHelpOptions = true)
    static class WorkCommand extends AppCommand {
        /** A migration worker: {@code db stop} refuses to pull the server from under it. */
        @Override
        protected SharedPostgres.Role role() {
            return SharedPostgres.Role.WORKER;
        }

        @Parameters(paramLabel = "RUN", description = "The run's id.")
        String run;

        @Option(names = "--worker-id", description = "The id written into the ledger; default host and process id.")
        String workerId;

        @Option(names = "--pause-ms", defaultValue = "0", description = "A pause between batches.")
        long pauseMs;

        @Mixin
        MetricsOption metricsOption;

        @Override
        protected int run(App app, Output out) {
            if (pauseMs < 0) {
                throw CliException.invalid("--pause-ms must be >= 0, got " + pauseMs);
            }
            return work(app, environment(), out, runId(run), workerId, Duration.ofMillis(pauseMs), metricsOption);
        }
    }

    /** {@code migrate resume RUN}: lifts a pause, and works on the run as {@code work} does. */
    @Command(
            name = "resume",
            description = "Resume a paused or interrupted run, and work on it.",
            mixinStandardHelpOptions = true)
    static final class ResumeCommand extends WorkCommand {
        @Option(
                names = "--no-work",
                description = "Only lift the pause: the workers waiting on the run carry on, and this command ends.")
        boolean noWork;

        @Override
        protected int run(App app, Output out) {
            UUID id = runId(run);
            RunMigrations runner = app.recollect().runMigrations();
            MigrationRun current = runner.status(id)
                    .orElseThrow(() -> CliException.notFound("No migration run " + id))
                    .run();
            if (current.control() != RunControl.RUNNING || noWork) {
                // A finished run is refused, and so is a cancelled one: the refusal says why.
                SteerCommands.steer(app, out, id, MigrationRun.Steer.RESUME, noWork);
            }
            return noWork ? ExitCode.OK : super.run(app, out);
        }
    }

    /** {@code migrate status [RUN]}. */
    @Command(
            name = "status",
            description = "A run's counts by status, totals, errors and rate.",
            mixinStandardHelpOptions = true)
    static final class StatusCommand extends AppCommand {
        @Parameters(paramLabel = "RUN", arity = "0..1", description = "The run's id; default the newest run.")
        String run;

        @Override
        protected int run(App app, Output out) {
            RunMigrations runner = app.recollect().runMigrations();
            UUID id = run != null
                    ? runId(run)
                    : runner.list(1).stream()
                            .findFirst()
                            .map(MigrationRun::id)
                            .orElseThrow(() -> CliException.notFound("No migration run yet"));
            RunMigrations.RunReport report =
                    runner.status(id).orElseThrow(() -> CliException.notFound("No migration run " + id));
            List<MigrationBatch> troubles = runner.troubles(id).orElse(List.of());
            Map<String, Object> document = MigrationViews.report(report);
            document.put(
                    "troubles", troubles.stream().map(MigrationViews::trouble).toList());
            out.document(document);
            out.line(MigrationViews.line(report));
            out.line(report.result().message());
            if (!troubles.isEmpty()) {
                out.line("Batches that need attention:");
                troubles.forEach(batch -> out.line(MigrationViews.troubleLine(batch)));
            }
            out.line(
                    "%.1f documents/s; about %d documents left",
                    report.documentsPerSecond(), report.remainingEstimate());
            return ExitCode.OK;
        }
    }

    /** {@code migrate retry RUN --force}: queues failed batches again. */
    @Command(name = "retry", description = "Queue a run's failed batches again.", mixinStandardHelpOptions = true)
    static final class RetryCommand extends AppCommand {
        @Parameters(paramLabel = "RUN", description = "The run's id.")
        String run;

        @Option(
                names = "--force-retry",
                required = true,
                description = "Required: batches failed five times are retried.")
        boolean force;

        @Override
        protected int run(App app, Output out) {
            UUID id = runId(run);
            int queued = app.recollect()
                    .runMigrations()
                    .retryFailed(id)
                    .orElseThrow(() -> CliException.notFound("No migration run " + id));
            out.document(Map.of("queued", queued));
            out.line("Queued %d failed batches again; run `recollect migrate work %s`.", queued, id);
            return ExitCode.OK;
        }
    }
}
