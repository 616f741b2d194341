package dev.recollect.cli.fsrs;

import dev.recollect.cli.support.Output;
import dev.recollect.domain.fsrs.optimizer.Evaluation;
import dev.recollect.domain.fsrs.optimizer.Optimizer;
import dev.recollect.ports.in.FitParameters;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** How {@code fsrs optimize} shows a fit: lines for people, fields of a JSON document for machines. */
final class FitView {
    private FitView() {}

    /** The fit's fields: the parameters, the items, the outcome (and why, if not trained), both evaluations. */
    static Map<String, Object> document(FitParameters.Fit fit, int items) {
        Optimizer.Result result = fit.result();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("parameters", result.parameters());
        document.put("items", items);
        document.put(
                "outcome",
                result.<String>fold(
                        trained -> "trained",
                        few -> few.pretrained() ? "pretrained-only" : "defaults",
                        c -> "cancelled"));
        result.<Object>fold(trained -> null, few -> document.put("reason", few.reason()), cancelled -> null);
        document.put("before", metrics(fit.before()));
        document.put("after", metrics(fit.after()));
        return document;
    }

    /** The fit for people: what was trained, the parameters, and both evaluations. */
    static void lines(FitParameters.Fit fit, int items, Output out) {
        out.line(fit.result()
                .<String>fold(
                        trained -> String.format(
                                "Trained on %d of %d items over %d epochs; kept epoch %d.",
                                trained.items(), items, trained.epochs(), trained.bestEpoch()),
                        few -> few.reason() + ".",
                        cancelled -> "Cancelled: the defaults."));
        out.line("Parameters: " + EvaluateCommand.format(fit.result().parameters()));
        out.line(
                "Log loss:    %.6f before, %.6f after",
                fit.before().logLoss(), fit.after().logLoss());
        out.line(
                "RMSE(bins):  %.6f before, %.6f after",
                fit.before().rmseBins(), fit.after().rmseBins());
    }

    static Map<String, Object> metrics(Evaluation evaluation) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("log_loss", evaluation.logLoss());
        metrics.put("rmse_bins", evaluation.rmseBins());
        return metrics;
    }

    /** Training progress on a terminal, or nothing when the output is not one or is JSON. */
    static Optimizer.Monitor progress(Output out) {
        return System.console() != null && !out.json() ? new TerminalProgress(out.err()) : Optimizer.Monitor.NONE;
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
