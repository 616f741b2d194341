package dev.recollect.cli.jobs;

import picocli.CommandLine.Command;

/** {@code recollect jobs}: generation jobs. */
@Command(
        name = "jobs",
        description = "Create, list, show, cancel, retry, watch, work on, clean up and report on generation jobs.",
        mixinStandardHelpOptions = true,
        subcommands = {
            CreateJobCommand.class,
            ListJobsCommand.class,
            ShowJobCommand.class,
            CancelJobCommand.class,
            RetryJobCommand.class,
            WatchJobCommand.class,
            WorkCommand.class,
            CleanupCommand.class,
            StatsJobsCommand.class,
            SettingsJobsCommand.class
        })
public final class JobsCommand implements Runnable {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
