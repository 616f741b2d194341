package dev.recollect.cli.jobs;

import dev.recollect.cli.app.App;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.cli.support.Views;
import dev.recollect.ports.in.CreateJob;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recollect jobs create}: queues a prompt. */
@Command(name = "create", description = "Queue a generation job for a prompt.", mixinStandardHelpOptions = true)
public final class CreateJobCommand extends JobCommand {
    @Option(names = "--user", required = true, description = "The learner.")
    String user;

    @Option(names = "--prompt", required = true, description = "What to study (3 to 5000 characters).")
    String prompt;

    @Option(
            names = "--ip",
            description =
                    "The requester's IP address literal (IPv4 or IPv6, never a host name), limited like the user.")
    String ip;

    @Override
    protected int run(App app, Output out) {
        return app.recollect()
                .createJob()
                .create(new CreateJob.Command(user, prompt, ip))
                .fold(
                        created -> {
                            out.document(Views.job(created.job()));
                            out.line(
                                    "Created job %s for \"%s\"; run `recollect jobs work` to process it.",
                                    created.job().id(), created.job().prompt());
                            return ExitCode.OK;
                        },
                        invalid -> {
                            throw CliException.invalid("--prompt: " + invalid.message());
                        },
                        tooMany -> rejected(out, tooMany.message(), null),
                        limited -> rejected(out, limited.message(), limited.retryAfterSeconds()));
    }

    /** A job refused by the cap or the rate limit: exit code 4, with the retry-after when there is one. */
    static int rejected(Output out, String message, Long retryAfterSeconds) {
        out.document(
                Map.of("rejected", message, "retryAfterSeconds", retryAfterSeconds == null ? 0 : retryAfterSeconds));
        String retry = retryAfterSeconds == null ? "" : " Retry after " + retryAfterSeconds + " s.";
        throw CliException.rejected(message + retry);
    }
}
