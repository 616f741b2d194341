package dev.recollect.cli.fsrs;

import picocli.CommandLine.Command;

/** {@code recollect fsrs}: FSRS tools. */
@Command(
        name = "fsrs",
        description = "FSRS-6 tools: scheduling with the numbers of ts-fsrs 5.4, and the optimizer of fsrs-rs 6.5.",
        mixinStandardHelpOptions = true,
        subcommands = {ReplayCommand.class, OptimizeCommand.class, EvaluateCommand.class, ParametersCommand.class})
public final class FsrsCommand {}
