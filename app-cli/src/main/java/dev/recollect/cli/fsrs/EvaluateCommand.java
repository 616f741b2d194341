package dev.recollect.cli.fsrs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.fsrs.optimizer.Evaluation;
import dev.recollect.domain.fsrs.optimizer.TrainingItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recollect fsrs evaluate}: the log loss and RMSE(bins) of given parameters on review histories. */
@Command(
        name = "evaluate",
        description = {
            "Prints the log loss and RMSE(bins) of FSRS-6 parameters on review histories, as fsrs-rs 6.5.0's evaluate.",
            "Input as for `fsrs optimize`: a revlog CSV (--input) or JSON histories on stdin."
        },
        mixinStandardHelpOptions = true)
public final class EvaluateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    HistoryInput histories = new HistoryInput();

    @Option(names = "--json", description = "Print JSON (fields in docs/cli.md).")
    boolean json;

    private final InputStream stdin;

    @Option(
            names = "--parameters",
            required = true,
            paramLabel = "JSON",
            description = "The 21 parameters as a JSON array, as `fsrs optimize` prints them.")
    private String parameters;

    /** Reads JSON histories from {@code stdin} when no CSV is given. */
    public EvaluateCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Evaluation evaluation;
        try {
            double[] w = parse(parameters);
            List<TrainingItem> items = histories.read(stdin);
            evaluation = Evaluation.of(w, items);
        } catch (InvalidInputException e) {
            err.println("recollect fsrs evaluate: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        } catch (DomainException e) {
            err.println("recollect fsrs evaluate: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> metrics = FitView.metrics(evaluation);
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(metrics));
        } else {
            out.printf("Log loss:   %.6f%n", evaluation.logLoss());
            out.printf("RMSE(bins): %.6f%n", evaluation.rmseBins());
        }
        out.flush();
        return ExitCode.OK;
    }

    private static double[] parse(String text) throws InvalidInputException {
        JsonNode array;
        try {
            array = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("--parameters", "not a JSON array: " + e.getOriginalMessage());
        }
        if (array == null || !array.isArray() || array.size() != 21) {
            throw new InvalidInputException("--parameters", "expected a JSON array of the 21 FSRS-6 parameters");
        }
        double[] w = new double[21];
        for (int i = 0; i < 21; i++) {
            JsonNode value = array.get(i);
            if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                throw new InvalidInputException("--parameters[" + i + "]", "must be a finite number");
            }
            w[i] = value.doubleValue();
        }
        return w;
    }

    /** Parameters as a JSON array, each with the digits it needs. */
    static String format(double[] w) {
        return DoubleStream.of(w)
                .mapToObj(v -> String.format(Locale.ROOT, "%.7g", v).replaceAll("\\.?0+$", ""))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
