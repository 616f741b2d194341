package dev.recollect.cli.migrate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code recollect migrate}: data migrations and backfills in resumable batches. */
@Command(
        name = "migrate",
        description = "Run data migrations in resumable batches, with dry runs, retries, steering and a ledger.",
        mixinStandardHelpOptions = true,
        subcommands = {
            MigrateCommands.ListCommand.class,
            MigrateCommands.RunCommand.class,
            MigrateCommands.WorkCommand.class,
            MigrateCommands.ResumeCommand.class,
            MigrateCommands.StatusCommand.class,
            MigrateCommands.RetryCommand.class,
            SteerCommands.PauseCommand.class,
            SteerCommands.CancelCommand.class,
            SteerCommands.CoverageCommand.class
        })
public final class MigrateCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
