package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.recollect.domain.fsrs.optimizer.Evaluation;
import dev.recollect.domain.fsrs.optimizer.Optimizer;
import dev.recollect.domain.fsrs.optimizer.SyntheticLearner;
import dev.recollect.domain.fsrs.optimizer.TrainingItem;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.in.FitParameters;
import dev.recollect.ports.in.InvalidCommandException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.IntRange;

/** Fitting parameters through the embedding API: the domain's optimizer, scored before and after. */
class ParameterFittingProperties {
    private final FitParameters fitting = new ParameterFitting();

    /**
     * For any learner's reviews, the use case gives the optimizer's own result, with the defaults and the result scored
     * on the same items.
     */
    @SeededProperty
    void theUseCaseGivesTheOptimizersFitScoredBeforeAndAfter(
            @ForAll @IntRange(min = 1, max = 40) int seed, @ForAll boolean shortTerm) {
        List<TrainingItem> items = new SyntheticLearner(Optimizer.defaults(), seed).items(40, 5);
        if (items.isEmpty()) {
            return;
        }

        FitParameters.Fit fit = fitting.fit(new FitParameters.Command(items, shortTerm), Optimizer.Monitor.NONE);

        Optimizer.Result direct =
                Optimizer.fit(items, Optimizer.Options.DEFAULT.withShortTerm(shortTerm), Optimizer.Monitor.NONE);
        assertThat(fit.result().parameters()).containsExactly(direct.parameters());
        assertThat(fit.result().getClass()).isEqualTo(direct.getClass());
        assertThat(fit.before()).isEqualTo(Evaluation.of(Optimizer.defaults(), items));
        assertThat(fit.after()).isEqualTo(Evaluation.of(direct.parameters(), items));
    }

    /**
     * The use case checks its command by hand; it refuses exactly what Bean Validation refuses (no command, no items,
     * none, too many, a missing one), in the same words.
     */
    @Example
    void badCommandsAreRefusedInBeanValidationsWords() {
        TrainingItem item = TrainingItem.of(3, 0, 3, 2);
        List<TrainingItem> withAHole = new ArrayList<>(List.of(item, item));
        withAHole.add(null);
        for (FitParameters.Command bad : Arrays.asList(
                null,
                new FitParameters.Command(null, true),
                new FitParameters.Command(List.of(), true),
                new FitParameters.Command(withAHole, false),
                new FitParameters.Command(Collections.nCopies(FitParameters.MAX_ITEMS + 1, item), true))) {
            InvalidCommandException expected =
                    catchThrowableOfType(InvalidCommandException.class, () -> CommandValidator.valid(bad));
            assertThat(expected).as("Bean Validation refuses it").isNotNull();
            assertThatThrownBy(() -> fitting.fit(bad, Optimizer.Monitor.NONE))
                    .isInstanceOf(InvalidCommandException.class)
                    .hasMessage(expected.getMessage());
        }
    }
}
