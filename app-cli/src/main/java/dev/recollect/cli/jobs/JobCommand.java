package dev.recollect.cli.jobs;

import dev.recollect.cli.command.AppCommand;
import java.util.Map;
import picocli.CommandLine.Mixin;

/** A job command that takes the job settings as options ({@link JobOptions}). */
abstract class JobCommand extends AppCommand {
    @Mixin
    JobOptions options;

    @Override
    protected final Map<String, String> jobOptions() {
        return options.given();
    }
}
