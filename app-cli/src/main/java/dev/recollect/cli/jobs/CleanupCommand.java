package dev.recollect.cli.jobs;

import dev.recollect.cli.AppCommand;
import dev.recollect.cli.ExitCode;
import dev.recollect.cli.Output;
import dev.recollect.cli.app.App;
import dev.recollect.ports.out.JobStore;
import picocli.CommandLine.Command;

/** {@code recollect jobs cleanup}: deletes finished jobs past their retention. */
@Command(
        name = "cleanup",
        description = "Delete finished jobs past their retention (completed and cancelled 7 days, failed 30).",
        mixinStandardHelpOptions = true)
public final class CleanupCommand extends AppCommand {
    @Override
    protected int run(App app, Output out) {
        JobStore.CleanupCounts counts = app.jobs().cleanup();
        out.document(java.util.Map.of(
                "completed", counts.completed(), "failed", counts.failed(), "cancelled", counts.cancelled()));
        out.line(
                "Deleted %d jobs: %d completed, %d failed, %d cancelled.",
                counts.total(), counts.completed(), counts.failed(), counts.cancelled());
        return ExitCode.OK;
    }
}
