package dev.recollect.cli.review;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code recollect review}: the next review, and answers. */
@Command(
        name = "review",
        description = "Pick the next review, or record an answer.",
        mixinStandardHelpOptions = true,
        subcommands = {NextReviewCommand.class, AnswerCommand.class})
public final class ReviewCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
