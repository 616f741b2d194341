package dev.recollect.cli.jobs;

import dev.recollect.cli.app.App;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.cli.support.Views;
import dev.recollect.ports.in.CancelJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code recollect jobs cancel}: cancels a pending or processing job; what it generated is kept. */
@Command(name = "cancel", description = "Cancel a job; what it generated is kept.", mixinStandardHelpOptions = true)
public final class CancelJobCommand extends AppCommand {
    @Mixin
    JobArguments job;

    @Override
    protected int run(App app, Output out) {
        return app.recollect()
                .cancelJob()
                .cancel(new CancelJob.Command(job.user, job.jobId))
                .fold(
                        cancelled -> {
                            out.document(Views.job(cancelled.job()));
                            out.line("Cancelled job %s.", cancelled.job().id());
                            return ExitCode.OK;
                        },
                        notFound -> {
                            throw CliException.notFound(notFound.message() + ": " + job.jobId);
                        },
                        notCancellable -> {
                            throw CliException.invalid(notCancellable.message());
                        });
    }
}
