package dev.recollect.ports.service;

import dev.recollect.domain.fsrs.optimizer.Evaluation;
import dev.recollect.domain.fsrs.optimizer.Optimizer;
import dev.recollect.domain.fsrs.optimizer.TrainingItem;
import dev.recollect.ports.in.FitParameters;
import java.util.List;
import java.util.Objects;

/** {@link FitParameters} over the domain's optimizer: no store, no model, nothing but the items given. */
public final class ParameterFitting implements FitParameters {
    @Override
    public Fit fit(Command command, Optimizer.Monitor monitor) {
        CommandValidator.valid(command);
        return fit(
                command.items(),
                Optimizer.Options.DEFAULT.withShortTerm(command.shortTerm()),
                Optimizer.defaults(),
                monitor);
    }

    /** Fits {@code items} with {@code options}, scoring {@code current} as the figures before. */
    static Fit fit(List<TrainingItem> items, Optimizer.Options options, double[] current, Optimizer.Monitor monitor) {
        Objects.requireNonNull(monitor, "monitor");
        Optimizer.Result result = Optimizer.fit(items, options, monitor);
        return new Fit(result, Evaluation.of(current, items), Evaluation.of(result.parameters(), items));
    }
}
