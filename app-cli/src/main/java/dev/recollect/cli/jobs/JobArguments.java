package dev.recollect.cli.jobs;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments of a command on one job: its id, and the learner who owns it. */
final class JobArguments {
    @Parameters(paramLabel = "JOB", description = "The job's id.")
    String jobId;

    @Option(names = "--user", required = true, description = "The learner who owns the job.")
    String user;
}
