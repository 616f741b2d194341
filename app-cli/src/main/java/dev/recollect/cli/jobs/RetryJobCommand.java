package dev.recollect.cli.jobs;

import dev.recollect.cli.app.App;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.cli.support.Views;
import dev.recollect.ports.in.RetryJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recollect jobs retry}: queues a failed job again; it resumes from what it saved. */
@Command(
        name = "retry",
        description = "Queue a failed job again; it resumes from what it saved. It counts toward the active cap and"
                + " the rate limit like a new job.",
        mixinStandardHelpOptions = true)
public final class RetryJobCommand extends JobCommand {
    @Mixin
    JobArguments job;

    @Option(names = "--force", description = "Retry a job that failed for a reason a retry would not change.")
    boolean force;

    @Option(names = "--ip", description = "The requester's IP address literal, limited like the user.")
    String ip;

    @Override
    protected int run(App app, Output out) {
        return app.recollect()
                .retryJob()
                .retry(new RetryJob.Command(job.user, job.jobId, force, ip))
                .fold(
                        retried -> {
                            out.document(Views.job(retried.job()));
                            out.line(
                                    "Queued job %s again (retry %d); a worker resumes it from its %d saved phrasings.",
                                    retried.job().id(),
                                    retried.job().retries(),
                                    retried.job().questionsSaved());
                            return ExitCode.OK;
                        },
                        notFound -> {
                            throw CliException.notFound(notFound.message() + ": " + job.jobId);
                        },
                        notRetryable -> {
                            throw CliException.invalid(
                                    notRetryable.message().replace("force the retry", "pass --force"));
                        },
                        tooMany -> CreateJobCommand.rejected(out, tooMany.message(), null),
                        limited -> CreateJobCommand.rejected(out, limited.message(), limited.retryAfterSeconds()));
    }
}
