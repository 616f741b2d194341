package dev.recollect.cli.jobs;

import dev.recollect.cli.app.App;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.domain.job.CleanupCounts;
import dev.recollect.ports.in.CleanupJobs;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code recollect jobs cleanup}: deletes finished jobs past their retention. */
@Command(
        name = "cleanup",
        description = "Delete finished jobs past their retention (by default completed and cancelled after 7 days,"
                + " failed after 30) and forget rate-limit admissions older than the window.",
        mixinStandardHelpOptions = true)
public final class CleanupCommand extends JobCommand {

    @Override
    protected int run(App app, Output out) {
        CleanupJobs.Result result = app.recollect().cleanupJobs().cleanup();
        CleanupCounts counts = result.jobs();
        out.document(Map.of(
                "completed",
                counts.completed(),
                "failed",
                counts.failed(),
                "cancelled",
                counts.cancelled(),
                "admissions",
                result.admissions()));
        out.line(
                "Deleted %d jobs: %d completed, %d failed, %d cancelled; forgot %d rate-limit admissions.",
                counts.total(), counts.completed(), counts.failed(), counts.cancelled(), result.admissions());
        return ExitCode.OK;
    }
}
