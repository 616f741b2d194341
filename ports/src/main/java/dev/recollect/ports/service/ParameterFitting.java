package dev.recollect.ports.service;

import dev.recollect.domain.fsrs.optimizer.Evaluation;
import dev.recollect.domain.fsrs.optimizer.Optimizer;
import dev.recollect.domain.fsrs.optimizer.TrainingItem;
import dev.recollect.ports.in.FitParameters;
import dev.recollect.ports.in.InvalidCommandException;
import java.util.List;
import java.util.Objects;

/** {@link FitParameters} over the domain's optimizer: no store, no model, nothing but the items given. */
public final class ParameterFitting implements FitParameters {
    @Override
    public Fit fit(Command command, Optimizer.Monitor monitor) {
        checked(command);
        return fit(
                command.items(),
                Optimizer.Options.DEFAULT.withShortTerm(command.shortTerm()),
                Optimizer.defaults(),
                monitor);
    }

    /**
     * The command's constraints, checked by hand and worded as Bean Validation words them: validating it with
     * Hibernate Validator would start the validator (a quarter of a second, more than a fit of a thousand items takes
     * in a command-line run) and then visit every one of up to two million items.
     */
    private static void checked(Command command) {
        if (command == null) {
            throw new InvalidCommandException(List.of("command: must not be null"));
        }
        List<TrainingItem> items = command.items();
        if (items == null) {
            throw new InvalidCommandException(List.of("items: must not be null"));
        }
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new InvalidCommandException(List.of("items: size must be between 1 and " + MAX_ITEMS));
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                throw new InvalidCommandException(List.of("items[" + i + "].<list element>: must not be null"));
            }
        }
    }

    /** Fits {@code items} with {@code options}, scoring {@code current} as the figures before. */
    static Fit fit(List<TrainingItem> items, Optimizer.Options options, double[] current, Optimizer.Monitor monitor) {
        Objects.requireNonNull(monitor, "monitor");
        Optimizer.Result result = Optimizer.fit(items, options, monitor);
        return new Fit(result, Evaluation.of(current, items), Evaluation.of(result.parameters(), items));
    }
}
