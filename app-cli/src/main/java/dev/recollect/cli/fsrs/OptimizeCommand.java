package dev.recollect.cli.fsrs;

import dev.recollect.cli.support.ExitCode;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.fsrs.optimizer.Evaluation;
import dev.recollect.domain.fsrs.optimizer.Optimizer;
import dev.recollect.domain.fsrs.optimizer.TrainingItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recollect fsrs optimize}: fits the 21 FSRS-6 parameters to a review log, as fsrs-rs 6.5.0 does, and prints
 * them with the log loss and RMSE(bins) of the defaults and of the fitted parameters on the same reviews.
 */
@Command(
        name = "optimize",
        description = {
            "Fits the FSRS-6 parameters to review histories, as fsrs-rs 6.5.0 (Anki's optimizer) does.",
            "Input: an Anki-style revlog CSV (--input; columns card_id,review_time,review_rating,review_state,"
                    + "review_duration, review_time in epoch milliseconds), or JSON histories on stdin: an array of"
                    + " cards, each an array of {\"rating\": 1-4, \"delta_t\": days}."
        },
        mixinStandardHelpOptions = true)
public final class OptimizeCommand extends HistoryCommand {
    @Option(
            names = "--short-term",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Train the same-day parameters w17-w19 (default: on; --no-short-term keeps them 0).")
    private boolean shortTerm;

    /** Reads JSON histories from {@code stdin} when no CSV is given. */
    public OptimizeCommand(InputStream stdin) {
        super(stdin);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        List<TrainingItem> items;
        try {
            items = histories.read(stdin);
        } catch (InvalidInputException e) {
            err.println("recollect fsrs optimize: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        Optimizer.Monitor monitor =
                System.console() != null && !histories.json ? new TerminalProgress(err) : Optimizer.Monitor.NONE;
        Optimizer.Result result;
        try {
            result = Optimizer.fit(items, Optimizer.Options.DEFAULT.withShortTerm(shortTerm), monitor);
        } catch (DomainException e) {
            err.println("recollect fsrs optimize: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        Evaluation before = Evaluation.of(Optimizer.defaults(), items);
        Evaluation after = Evaluation.of(result.parameters(), items);
        PrintWriter out = spec.commandLine().getOut();
        if (histories.json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("parameters", result.parameters());
            document.put("items", items.size());
            document.put("outcome", outcome(result));
            result.<Object>fold(trained -> null, few -> document.put("reason", few.reason()), cancelled -> null);
            document.put("before", metrics(before));
            document.put("after", metrics(after));
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
        } else {
            out.println(result.<String>fold(
                    trained -> String.format(
                            "Trained on %d of %d items over %d epochs; kept epoch %d.",
                            trained.items(), items.size(), trained.epochs(), trained.bestEpoch()),
                    few -> few.reason() + ".",
                    cancelled -> "Cancelled: the defaults."));
            out.println("Parameters: " + EvaluateCommand.format(result.parameters()));
            out.printf("Log loss:    %.6f before, %.6f after%n", before.logLoss(), after.logLoss());
            out.printf("RMSE(bins):  %.6f before, %.6f after%n", before.rmseBins(), after.rmseBins());
        }
        out.flush();
        return ExitCode.OK;
    }

    private static String outcome(Optimizer.Result result) {
        return result.<String>fold(
                trained -> "trained",
                few -> few.pretrained() ? "pretrained-only" : "defaults",
                cancelled -> "cancelled");
    }

    static Map<String, Object> metrics(Evaluation evaluation) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("log_loss", evaluation.logLoss());
        metrics.put("rmse_bins", evaluation.rmseBins());
        return metrics;
    }

    /** Training progress on the terminal, as a percentage on one line. */
    private static final class TerminalProgress implements Optimizer.Monitor {
        private final PrintWriter err;
        private int shown = -1;

        TerminalProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void progress(int done, int total) {
            int percent = (int) (100L * done / Math.max(1, total));
            if (percent != shown) {
                shown = percent;
                err.print("\rTraining: " + percent + "%" + (done == total ? System.lineSeparator() : ""));
                err.flush();
            }
        }
    }
}
