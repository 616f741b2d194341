package dev.recollect.cli.migrate;

import dev.recollect.cli.app.App;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.domain.migration.MigrationRun;
import dev.recollect.domain.migration.RunControl;
import dev.recollect.ports.in.RunMigrations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The {@code migrate} subcommands that steer runs and show what completed runs covered. */
final class SteerCommands {
    private SteerCommands() {}

    /**
     * Steers a run and prints the outcome (and, when {@code document}, the run's report with {@code changed} as the
     * command's JSON): a change or no change goes on, a refusal (a finished or cancelled run) exits 4 with the
     * reason.
     */
    static MigrationRun steer(App app, Output out, UUID id, MigrationRun.Steer steer, boolean document) {
        RunMigrations runner = app.recollect().runMigrations();
        MigrationRun.Steering outcome =
                runner.steer(id, steer).orElseThrow(() -> CliException.notFound("No migration run " + id));
        String said = outcome.fold(
                changed -> null,
                unchanged -> "Run " + id + " was already "
                        + unchanged.run().control().wireName() + ".",
                refused -> {
                    throw CliException.rejected("Run " + id + " cannot be asked to "
                            + steer.name().toLowerCase(java.util.Locale.ROOT) + ": " + refused.reason());
                });
        RunMigrations.RunReport report = runner.status(id).orElseThrow();
        Map<String, Object> view = new LinkedHashMap<>(MigrationViews.report(report));
        view.put("changed", said == null);
        if (document) {
            out.document(view);
        }
        out.line(
                said != null
                        ? said
                        : "Run " + id + " is now " + report.run().control().wireName()
                                + "; workers notice within a second.");
        out.line(MigrationViews.line(report));
        return report.run();
    }

    /** A command that steers one run and prints its report. */
    abstract static class SteerCommand extends AppCommand {
        @Parameters(paramLabel = "RUN", description = "The run's id.")
        String run;

        private final MigrationRun.Steer steer;

        SteerCommand(MigrationRun.Steer steer) {
            this.steer = steer;
        }

        @Override
        protected int run(App app, Output out) {
            MigrationRun steered = steer(app, out, MigrateCommands.runId(run), steer, true);
            if (steered.control() == RunControl.PAUSED) {
                out.line("Resume it with `recollect migrate resume %s`.", run);
            }
            return ExitCode.OK;
        }
    }

    /** {@code migrate pause RUN}. */
    @Command(
            name = "pause",
            description = "Stop handing out a run's batches until it is resumed; batches in flight finish.",
            mixinStandardHelpOptions = true)
    static final class PauseCommand extends SteerCommand {
        PauseCommand() {
            super(MigrationRun.Steer.PAUSE);
        }
    }

    /** {@code migrate cancel RUN}. */
    @Command(
            name = "cancel",
            description = "Stop handing out a run's batches for good; batches in flight finish, what was done stays.",
            mixinStandardHelpOptions = true)
    static final class CancelCommand extends SteerCommand {
        CancelCommand() {
            super(MigrationRun.Steer.CANCEL);
        }
    }

    /** {@code migrate coverage NAME}. */
    @Command(
            name = "coverage",
            description = "The parts of its table that completed runs of a migration covered.",
            mixinStandardHelpOptions = true)
    static final class CoverageCommand extends AppCommand {
        @Parameters(paramLabel = "NAME", description = "The migration (see `migrate list`).")
        String name;

        @Override
        protected int run(App app, Output out) {
            List<MigrationRun> runs = MigrateCommands.recollect(
                            app, environment(), dev.recollect.cli.app.MetricsLog.off())
                    .runMigrations()
                    .coverage(name)
                    .orElseThrow(() -> CliException.notFound("No migration named " + name));
            out.document(Map.of(
                    "name",
                    name,
                    "covered",
                    runs.stream().map(MigrationViews::run).toList()));
            if (runs.isEmpty()) {
                out.line("No run of %s has completed yet.", name);
            }
            runs.forEach(r -> out.line("%s  %s, finished %s", r.id(), r.scope().describe(), r.finishedAt()));
            return ExitCode.OK;
        }
    }
}
