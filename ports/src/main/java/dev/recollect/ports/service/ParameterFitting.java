package dev.recollect.ports.service;

import dev.recollect.domain.fsrs.optimizer.Evaluation;
import dev.recollect.domain.fsrs.optimizer.Optimizer;
import dev.recollect.ports.in.FitParameters;
import java.util.Objects;

/** {@link FitParameters} over the domain's optimizer: no store, no model, nothing but the items given. */
public final class ParameterFitting implements FitParameters {
    @Override
    public Fit fit(Command command, Optimizer.Monitor monitor) {
        CommandValidator.valid(command);
        Objects.requireNonNull(monitor, "monitor");
        Optimizer.Result result =
                Optimizer.fit(command.items(), Optimizer.Options.DEFAULT.withShortTerm(command.shortTerm()), monitor);
        return new Fit(
                result,
                Evaluation.of(Optimizer.defaults(), command.items()),
                Evaluation.of(result.parameters(), command.items()));
    }
}
