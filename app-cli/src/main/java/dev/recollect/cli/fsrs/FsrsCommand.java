package dev.recollect.cli.fsrs;

import picocli.CommandLine.Command;

/** {@code recollect fsrs}: FSRS tools. */
@Command(
        name = "fsrs",
        description = "FSRS-6 tools, with the numbers of ts-fsrs 5.4.",
        mixinStandardHelpOptions = true,
        subcommands = {ReplayCommand.class})
public final class FsrsCommand {}
