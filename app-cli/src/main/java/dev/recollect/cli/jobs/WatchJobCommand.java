package dev.recollect.cli.jobs;

import dev.recollect.adapters.jdbi.server.SharedPostgres;
import dev.recollect.cli.app.App;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.cli.support.Views;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.ports.in.GetJob;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code recollect jobs watch}: follows a job until it ends, pushed by the database's signals. Its exit code says how
 * the job ended, so that a script can wait on it.
 */
@Command(
        name = "watch",
        description = "Follow a job until it ends: a progress bar on a terminal, a line per change when piped, a JSON"
                + " line per change with --json. Exit code 0 when it completed, 1 when it failed, 5 when it was"
                + " cancelled.",
        mixinStandardHelpOptions = true)
public final class WatchJobCommand extends AppCommand {
    @Mixin
    JobArguments job;

    /** A person is watching: {@code db stop} refuses to pull the server from under them. */
    @Override
    protected SharedPostgres.Role role() {
        return SharedPostgres.Role.INTERACTIVE;
    }

    @Override
    protected int run(App app, Output out) throws InterruptedException {
        boolean terminal = System.console() != null && !out.json();
        Optional<GenerationJob> ended;
        try (WatchDisplay display = new WatchDisplay(out, terminal)) {
            ended = app.recollect().watchJob().follow(new GetJob.Query(job.user, job.jobId), display::show);
        }
        GenerationJob last =
                ended.orElseThrow(() -> CliException.notFound("Job not found or access denied: " + job.jobId));
        return switch (last.status()) {
            case COMPLETED -> {
                out.line("Completed: %d phrasings saved for \"%s\".", last.questionsSaved(), last.prompt());
                yield ExitCode.OK;
            }
            case FAILED -> {
                out.line(
                        "Failed with %s: %s%s",
                        last.error().code(),
                        last.error().message(),
                        last.error().retryable() ? " (`recollect jobs retry` queues it again)" : "");
                yield ExitCode.UNEXPECTED;
            }
            case CANCELLED -> {
                out.line("Cancelled; its %d saved phrasings are kept.", last.questionsSaved());
                yield ExitCode.CANCELLED;
            }
            case PENDING, PROCESSING -> throw new IllegalStateException("a watch ends only with the job");
        };
    }

    /** Where the changes go: a JSON line each, a progress bar, or a line each. */
    private static final class WatchDisplay implements AutoCloseable {
        private final Output out;
        private final JobBar bar;

        WatchDisplay(Output out, boolean terminal) {
            this.out = out;
            this.bar = terminal ? new JobBar(out.err()) : null;
        }

        void show(GenerationJob job) {
            if (out.json()) {
                out.jsonLine(Views.job(job));
            } else if (bar != null) {
                bar.show(job);
            } else {
                out.line(JobProgress.describe(job) + "  " + concepts(job));
                out.flush();
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    static String concepts(GenerationJob job) {
        int total = job.conceptIds().size();
        return (total - job.pendingConceptIds().size()) + "/" + total + " concepts";
    }
}
