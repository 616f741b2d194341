package dev.recollect.cli.review;

import dev.recollect.cli.app.App;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.cli.support.Views;
import dev.recollect.ports.in.RecordInteraction;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recollect review answer}: records an answer and prints the new schedule. */
@Command(name = "answer", description = "Record an answer to a phrasing.", mixinStandardHelpOptions = true)
public final class AnswerCommand extends AppCommand {
    @Option(names = "--user", required = true, description = "The learner.")
    String user;

    @Option(names = "--concept", required = true, description = "The concept's id.")
    String concept;

    @Option(names = "--phrasing", required = true, description = "The phrasing's id.")
    String phrasing;

    @Option(
            names = "--answer",
            required = true,
            description = "The answer: an option's number or letter, or its text; judged against the right answer.")
    String answer;

    @Option(names = "--rating", description = "Your own rating, 1 (Again) to 4 (Easy), instead of right or wrong.")
    Integer rating;

    @Option(names = "--session", description = "The study session's id.")
    String session;

    @Option(names = "--time-ms", description = "How long the answer took, in milliseconds.")
    Integer timeMs;

    @Override
    protected int run(App app, Output out) {
        RecordInteraction.Result result = app.recollect()
                .recordInteraction()
                .record(new RecordInteraction.Command(user, concept, phrasing, answer, rating, timeMs, session));
        Map<String, Object> document = result.fold(
                recorded -> show(out, app.clock().instant(), recorded),
                notFound -> {
                    throw CliException.notFound(notFound.message());
                },
                invalid -> {
                    throw CliException.invalid("--answer: " + invalid.reason());
                });
        out.document(document);
        return ExitCode.OK;
    }

    /** Prints the verdict and the schedule of a recorded answer, and returns its JSON document; the quiz uses it. */
    static Map<String, Object> show(Output out, Instant now, RecordInteraction.Result.Recorded recorded) {
        out.line(recorded.correct() ? "Right." : "Wrong: the answer is " + recorded.correctAnswer() + ".");
        if (recorded.explanation() != null) {
            out.line("  %s", recorded.explanation());
        }
        out.line(
                "  Next review %s (%s, %s).",
                Views.until(now, recorded.nextReview()),
                recorded.nextReview(),
                recorded.newState().name().toLowerCase(Locale.ROOT));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("interactionId", recorded.interactionId().toString());
        document.put("answer", recorded.answer());
        document.put("isCorrect", recorded.correct());
        document.put("correctAnswer", recorded.correctAnswer());
        document.put("nextReview", recorded.nextReview().toString());
        document.put("scheduledDays", recorded.scheduledDays());
        document.put("newState", recorded.newState().name().toLowerCase(Locale.ROOT));
        document.put("retrievability", recorded.retrievability());
        return document;
    }
}
