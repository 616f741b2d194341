package dev.recollect.cli.fsrs;

import dev.recollect.cli.app.App;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.fsrs.optimizer.TrainingItem;
import dev.recollect.ports.Recollect;
import dev.recollect.ports.in.FitLearnerParameters;
import dev.recollect.ports.in.FitParameters;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code recollect fsrs optimize}: fits the 21 FSRS-6 parameters to a review log, or to a learner's answers in the
 * database, as fsrs-rs 6.5.0 does, and prints them with the log loss and RMSE(bins) of the parameters in use before and
 * of the fitted ones on the same reviews; {@code --save} makes a learner's fit theirs.
 */
@Command(
        name = "optimize",
        description = {
            "Fits the FSRS-6 parameters to review histories, as fsrs-rs 6.5.0 (Anki's optimizer) does.",
            "Input: an Anki-style revlog CSV (--input; columns card_id,review_time,review_rating,review_state,"
                    + "review_duration, review_time in epoch milliseconds), JSON histories on stdin (an array of"
                    + " cards, each an array of {\"rating\": 1-4, \"delta_t\": days}), or a learner's answers in the"
                    + " database (--user; each concept a card)."
        },
        mixinStandardHelpOptions = true)
public final class OptimizeCommand extends AppCommand {
    @Mixin
    HistoryInput histories = new HistoryInput();

    @Option(
            names = "--short-term",
            negatable = true,
            fallbackValue = "true",
            description = "Train the same-day parameters w17-w19 (default: on for files, the deployment's"
                    + " RECOLLECT_FSRS_SHORT_TERM for --user; --no-short-term keeps them 0).")
    Boolean shortTerm;

    @Option(
            names = "--user",
            paramLabel = "USER",
            description = "Fit the learner's own answers in the database instead of a file.")
    String user;

    @Option(
            names = "--save",
            description = "With --user: save the fit as the learner's parameters, if it beats their current ones;"
                    + " their answers are scheduled with them from then on (undo: fsrs parameters --reset).")
    boolean save;

    private final InputStream stdin;

    /** Reads JSON histories from {@code stdin} when neither a CSV nor a learner is given. */
    public OptimizeCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    protected boolean usesDatabase() {
        return user != null;
    }

    @Override
    protected int runWithoutDatabase(Output out) throws Exception {
        if (save) {
            return refuse(out, "--save saves a learner's parameters: it needs --user");
        }
        List<TrainingItem> items;
        FitParameters.Fit fit;
        try {
            items = histories.read(stdin);
            fit = Recollect.parameterFitting()
                    .fit(new FitParameters.Command(items, shortTerm == null || shortTerm), FitView.progress(out));
        } catch (InvalidInputException | DomainException e) {
            return refuse(out, e.getMessage());
        }
        out.document(FitView.document(fit, items.size()));
        FitView.lines(fit, items.size(), out);
        return ExitCode.OK;
    }

    @Override
    protected int run(App app, Output out) {
        if (histories.input != null) {
            return refuse(out, "--input and --user are two sources: give one");
        }
        try {
            histories.zone();
        } catch (InvalidInputException e) {
            return refuse(out, e.getMessage());
        }
        FitLearnerParameters.Result result = app.recollect()
                .fitLearnerParameters()
                .fit(
                        new FitLearnerParameters.Command(
                                user, shortTerm, histories.timezone, histories.nextDayStartsAt, save),
                        FitView.progress(out));
        return result.fold(fitted -> fitted(fitted, out), nothing -> nothingToLearn(nothing, out));
    }

    private int fitted(FitLearnerParameters.Result.Fitted fitted, Output out) {
        Map<String, Object> document = FitView.document(fitted.fit(), fitted.items());
        document.put("user", user);
        document.put("reviews", fitted.reviews());
        document.put("current", fitted.previous().isPresent() ? "learner" : "deployment");
        document.put("saving", fitted.saving().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        out.document(document);
        out.line(
                "%s: %d answers; the parameters in use before are %s.",
                user,
                fitted.reviews(),
                fitted.previous().isPresent()
                        ? "their own, fitted " + fitted.previous().get().fittedAt()
                        : "the deployment's");
        FitView.lines(fitted.fit(), fitted.items(), out);
        out.line(
                switch (fitted.saving()) {
                    case NOT_ASKED -> "Not saved; --save makes them " + user + "'s.";
                    case SAVED -> "Saved: " + user + "'s answers are scheduled with them from now on.";
                    case NOT_TRAINED -> "Not saved: nothing was learnt, so " + user + " keeps the parameters in use.";
                    case NOT_BETTER -> "Not saved: they do not beat the parameters in use on " + user
                            + "'s answers, which stay.";
                });
        return ExitCode.OK;
    }

    private int nothingToLearn(FitLearnerParameters.Result.NothingToLearn nothing, Output out) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("user", user);
        document.put("reviews", nothing.reviews());
        document.put("outcome", "nothing-to-learn");
        out.document(document);
        out.line(
                "%s: %d answers, none a day or more after the answer before it to the same concept: nothing to learn"
                        + " from; the parameters in use stay.",
                user, nothing.reviews());
        return ExitCode.OK;
    }

    private int refuse(Output out, String message) {
        out.err().println("recollect fsrs optimize: " + message);
        return ExitCode.INVALID_INPUT;
    }
}
