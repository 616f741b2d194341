package dev.recollect.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.optimizer.Evaluation;
import dev.recollect.domain.review.LearnerParameters;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.out.LearnerParameterStore;
import dev.recollect.ports.out.Persistence;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/**
 * What every {@code LearnerParameterStore} must do, as a property against a map: saving replaces a learner's weights
 * whole, deleting says whether there were any, and every learner's are their own. Each try works with learners of its
 * own, so that tries can share one database.
 */
public interface LearnerParameterStoreProperties {
    /** The stores under test; called once per try. */
    Persistence stores();

    /** A save of fitted weights, or a delete, for one of three learners. */
    record Step(int learner, boolean delete, double[] weights, int seconds, int reviews, double logLoss, double rmse) {}

    @Provide
    default Arbitrary<List<Step>> parameterSteps() {
        Arbitrary<double[]> weights = Arbitraries.doubles()
                .between(-1e6, 1e6)
                .withSpecialValue(0.0)
                .withSpecialValue(Double.MIN_VALUE)
                .withSpecialValue(-0.1)
                .array(double[].class)
                .ofSize(21);
        return Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.of(true, false),
                        weights,
                        Arbitraries.integers().between(0, 1_000_000),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE),
                        Arbitraries.doubles().between(0, 10),
                        Arbitraries.doubles().between(0, 1))
                .as(Step::new)
                .list()
                .ofMaxSize(10);
    }

    /**
     * After any saves and deletes, each learner finds exactly the weights, time, count and figures saved last, or
     * nothing after a delete; a delete says whether there was anything to delete.
     */
    @SeededProperty
    default void saveReplacesWholeAndDeleteForgets(@ForAll("parameterSteps") List<Step> steps) {
        LearnerParameterStore store = stores().learnerParameters();
        List<UserId> learners = List.of(Fixtures.newUser(), Fixtures.newUser(), Fixtures.newUser());
        Map<UserId, LearnerParameters> model = new HashMap<>();
        for (Step step : steps) {
            UserId learner = learners.get(step.learner());
            if (step.delete()) {
                assertThat(store.delete(learner)).isEqualTo(model.remove(learner) != null);
            } else {
                LearnerParameters saved = new LearnerParameters(
                        learner,
                        step.weights(),
                        Fixtures.T0.plus(Duration.ofSeconds(step.seconds())),
                        step.reviews(),
                        new Evaluation(step.logLoss(), step.rmse()));
                store.save(saved);
                model.put(learner, saved);
            }
            for (UserId each : learners) {
                assertThat(store.find(each)).isEqualTo(Optional.ofNullable(model.get(each)));
            }
        }
    }
}
