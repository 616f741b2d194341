package dev.recollect.cli.review;

import dev.recollect.cli.app.App;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.cli.support.Views;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.ports.in.GetNextReview;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recollect review next}: the concept and phrasing to review now. */
@Command(name = "next", description = "Show the next review for a learner.", mixinStandardHelpOptions = true)
public final class NextReviewCommand extends AppCommand {
    @Option(names = "--user", required = true, description = "The learner.")
    String user;

    @Override
    protected int run(App app, Output out) {
        GetNextReview.Result result = app.recollect().getNextReview().next(new GetNextReview.Query(user));
        Map<String, Object> document = new LinkedHashMap<>();
        Optional<GetNextReview.Result.Next> review = result.review();
        if (review.isPresent()) {
            GetNextReview.Result.Next next = review.get();
            document.put("concept", Views.concept(next.concept(), null));
            document.put("phrasing", Views.phrasing(next.phrasing()));
            document.put("retrievability", next.retrievability());
            document.put(
                    "recentInteractions",
                    next.recentInteractions().stream().map(Views::interaction).toList());
            printQuestion(out, next.concept().title(), next.phrasing());
            out.line(
                    "concept %s  phrasing %s",
                    next.concept().id(), next.phrasing().id());
        } else {
            document.put("concept", null);
            out.line("Nothing to review now.");
        }
        document.put("stats", Views.stats(result.stats()));
        out.document(document);
        out.line(Views.statsLine(result.stats()));
        return ExitCode.OK;
    }

    /** Prints a question with its numbered options. */
    static void printQuestion(Output out, String conceptTitle, Phrasing phrasing) {
        out.line("[%s] %s", conceptTitle, phrasing.question());
        for (int i = 0; i < phrasing.options().size(); i++) {
            out.line("  %d. %s", i + 1, phrasing.options().get(i));
        }
    }
}
