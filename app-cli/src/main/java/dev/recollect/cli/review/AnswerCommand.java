package dev.recollect.cli.review;

import dev.recollect.cli.app.App;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.cli.support.Views;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.ports.in.RecordInteraction;
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
        Phrasing target = phrasing(app, user, phrasing);
        AnswerJudge.Judged judged = AnswerJudge.judge(target, answer);
        Map<String, Object> document = record(app, out, user, concept, target, judged, rating, session, timeMs);
        out.document(document);
        return ExitCode.OK;
    }

    /** The user's phrasing, or exit code 3: the same answer for a missing one and another user's. */
    static Phrasing phrasing(App app, String user, String phrasingId) {
        PhrasingId id;
        try {
            id = PhrasingId.parse(phrasingId);
        } catch (DomainException e) {
            throw CliException.invalid("--phrasing: " + e.getMessage());
        }
        return app.persistence()
                .phrasings()
                .find(id)
                .filter(p -> p.userId().value().equals(user))
                .orElseThrow(() -> CliException.notFound("Concept or phrasing not found or unauthorized"));
    }

    /** Records a judged answer, prints the verdict and the schedule, and returns the JSON document. */
    static Map<String, Object> record(
            App app,
            Output out,
            String user,
            String conceptId,
            Phrasing phrasing,
            AnswerJudge.Judged judged,
            Integer rating,
            String session,
            Integer timeMs) {
        RecordInteraction.Result result = app.reviews()
                .record(new RecordInteraction.Command(
                        user,
                        conceptId,
                        phrasing.id().toString(),
                        judged.answer(),
                        judged.correct(),
                        rating,
                        timeMs,
                        session));
        if (result instanceof RecordInteraction.Result.NotFound notFound) {
            throw CliException.notFound(notFound.message());
        }
        RecordInteraction.Result.Recorded recorded = (RecordInteraction.Result.Recorded) result;
        out.line(judged.correct() ? "Right." : "Wrong: the answer is " + phrasing.correctAnswer() + ".");
        if (phrasing.explanation() != null) {
            out.line("  %s", phrasing.explanation());
        }
        out.line(
                "  Next review %s (%s, %s).",
                Views.until(app.clock().instant(), recorded.nextReview()),
                recorded.nextReview(),
                recorded.newState().name().toLowerCase(Locale.ROOT));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("interactionId", recorded.interactionId().toString());
        document.put("isCorrect", judged.correct());
        document.put("correctAnswer", phrasing.correctAnswer());
        document.put("nextReview", recorded.nextReview().toString());
        document.put("scheduledDays", recorded.scheduledDays());
        document.put("newState", recorded.newState().name().toLowerCase(Locale.ROOT));
        document.put("retrievability", recorded.retrievability());
        return document;
    }
}
