package dev.recollect.domain.fsrs.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;

/**
 * Parity with fsrs-rs 6.5.0 through {@code @open-spaced-repetition/binding} 0.5.0, on fsrs-rs's own regression items:
 * the parameters it trains and the figures its {@code evaluate} gives (recorded with the binding, see
 * ../shared/reference/fsrs-optimizer.md §9), and its pretraining's reference values.
 */
class OptimizerParityTest {
    private static final double[] DEFAULTS = Optimizer.widen(Defaults.WEIGHTS);

    /** fsrs-rs's {@code disabled_short_term_regression_items}. */
    static List<TrainingItem> fixtureA() {
        List<TrainingItem> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            items.add(TrainingItem.of(3, 0, i % 7 == 0 ? 1 : 3, 2));
        }
        for (int i = 0; i < 100; i++) {
            items.add(TrainingItem.of(3, 0, i % 5 == 0 ? 1 : 3, 2, i % 6 == 0 ? 1 : 4, (3 * i) % 14 + 1));
        }
        return items;
    }

    /** fsrs-rs's {@code long_sequence_regression_items}. */
    static List<TrainingItem> fixtureB() {
        List<TrainingItem> items = new ArrayList<>(fixtureA().subList(0, 70));
        for (int card = 0; card < 40; card++) {
            List<TrainingReview> reviews = new ArrayList<>(List.of(new TrainingReview(3, 0)));
            for (int k = 1; k <= 64; k++) {
                reviews.add(new TrainingReview((card + k) % 11 == 0 ? 1 : 3, k % 17 + 1));
            }
            items.add(new TrainingItem(reviews));
        }
        return items;
    }

    /** Parameters as the binding printed them, space-separated. */
    private static double[] vector(String first, String rest) {
        return java.util.Arrays.stream((first + rest).trim().split("\\s+"))
                .mapToDouble(Double::parseDouble)
                .toArray();
    }

    private static void assertParameters(Optimizer.Result result, double[] expected) {
        assertThat(result).isInstanceOf(Optimizer.Result.Trained.class);
        double[] actual = result.parameters();
        for (int i = 0; i < 21; i++) {
            assertThat(actual[i]).as("w" + i).isCloseTo(expected[i], within(1e-6 * Math.max(1, Math.abs(expected[i]))));
        }
    }

    private static void assertEvaluation(Evaluation evaluation, double logLoss, double rmse) {
        assertThat(evaluation.logLoss()).isCloseTo(logLoss, within(1e-7));
        assertThat(evaluation.rmseBins()).isCloseTo(rmse, within(1e-7));
    }

    @Example
    void fixtureAWithShortTermOn() {
        Optimizer.Result result = Optimizer.fit(fixtureA(), Optimizer.Options.DEFAULT, Optimizer.Monitor.NONE);

        assertParameters(
                result,
                vector(
                        "0.07285539 0.4443835 0.7926461 2.850845 6.468435 0.7454119 3.0194 0.001 1.776574 0.1686427",
                        " 0.6995797 1.496364 0.066335 0.2922026 1.658248 0.6014 1.8729 0.5425 0.0912 0.0658 0.1"));
        assertEvaluation(Evaluation.of(DEFAULTS, fixtureA()), 0.52351874, 0.10153157);
        assertEvaluation(Evaluation.of(result.parameters(), fixtureA()), 0.48678514, 0.07289828);
    }

    @Example
    void fixtureAWithShortTermOff() {
        Optimizer.Result result =
                Optimizer.fit(fixtureA(), Optimizer.Options.DEFAULT.withShortTerm(false), Optimizer.Monitor.NONE);

        assertParameters(
                result,
                vector(
                        "0.08221985 0.5015023 0.8945287 3.217278 6.469188 0.7447545 3.0194 0.001 1.77617 0.1691905",
                        " 0.6992089 1.496194 0.06634632 0.2918942 1.658008 0.6014 1.8729 0 0 0 0.1"));
    }

    @Example
    void fixtureBWithLongSequences() {
        Optimizer.Result result = Optimizer.fit(fixtureB(), Optimizer.Options.DEFAULT, Optimizer.Monitor.NONE);

        assertParameters(
                result,
                vector(
                        "0.07191758 0.4386633 0.7824429 2.814148 6.411835 0.7898491 3.048336 0.001 1.778381 0.2316369",
                        " 0.7025744 1.503062 0.06792431 0.3269958 1.642997 0.6014 1.8729 0.5425 0.0912 0.0658 0.1"));
        assertEvaluation(Evaluation.of(DEFAULTS, fixtureB()), 0.44847989, 0.15387350);
        assertEvaluation(Evaluation.of(result.parameters(), fixtureB()), 0.41975373, 0.14199637);
    }

    @Example
    void pretrainingMatchesFsrsRsReferenceValues() {
        List<double[]> points = List.of(
                new double[] {1, 0.86666667, 435},
                new double[] {2, 0.90721649, 97},
                new double[] {3, 0.73015873, 63},
                new double[] {4, 0.76315789, 38},
                new double[] {5, 0.67857143, 28});
        assertThat(Pretraining.search(points, 0.94302857f, 1)).isCloseTo(0.7355089f, within(1e-6f));
        assertThat(Pretraining.smoothAndFill(new float[] {0.4f, 0, 2.3f, 10.9f}, new int[] {1, 0, 1, 1}))
                .containsExactly(new float[] {0.4f, 1.1227008f, 2.3f, 10.9f}, within(1e-6f));
        assertThat(Pretraining.smoothAndFill(new float[] {0, 0.35f, 0, 0}, new int[] {0, 1, 0, 0}))
                .containsExactly(new float[] {0.05738148f, 0.35f, 0.6242943f, 2.2453482f}, within(1e-6f));
    }

    @Example
    void smallDataKeepsTheDefaultsOrFitsOnlyTheInitialStabilities() {
        List<TrainingItem> longOnes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            longOnes.add(TrainingItem.of(3, 0, 3, 2, 3, 5));
        }
        assertThat(Optimizer.fit(longOnes, Optimizer.Options.DEFAULT, Optimizer.Monitor.NONE))
                .isInstanceOfSatisfying(Optimizer.Result.TooFewReviews.class, r -> {
                    assertThat(r.pretrained()).isFalse();
                    assertThat(r.parameters()).containsExactly(DEFAULTS);
                });
        List<TrainingItem> filteredOut = new ArrayList<>(longOnes);
        for (int i = 0; i < 19; i++) {
            filteredOut.add(TrainingItem.of(3, 0, 3, 2));
        }
        assertThat(Optimizer.fit(filteredOut, Optimizer.Options.DEFAULT, Optimizer.Monitor.NONE)
                        .parameters())
                .containsExactly(DEFAULTS);
        List<TrainingItem> pretrainedOnly = new ArrayList<>(longOnes);
        for (int i = 0; i < 20; i++) {
            pretrainedOnly.add(TrainingItem.of(3, 0, i % 4 == 0 ? 1 : 3, 2));
        }
        Optimizer.Result result = Optimizer.fit(pretrainedOnly, Optimizer.Options.DEFAULT, Optimizer.Monitor.NONE);
        assertThat(result).isInstanceOfSatisfying(Optimizer.Result.TooFewReviews.class, r -> assertThat(r.pretrained())
                .isTrue());
        double[] expected = DEFAULTS.clone();
        System.arraycopy(new double[] {0.03517945, 0.2145780, 0.3827424, 1.376578}, 0, expected, 0, 4);
        assertThat(result.parameters()).containsExactly(expected, within(1e-6));
    }

    /**
     * Four batches (2,006 items from a seeded synthetic learner), so that fsrs-rs's batch order (ChaCha12 and rand's
     * shuffle) decides the result: the binding's parameters, recorded with benchmarks/fsrs/binding-fit.mjs, short-term
     * on and off.
     */
    @Example
    void severalBatchesInFsrsRsOrder() {
        List<TrainingItem> items = new SyntheticLearner(Optimizer.defaults(), 1).items(500, 6);
        assertThat(items).hasSize(2006);

        assertParameters(
                Optimizer.fit(items, Optimizer.Options.DEFAULT, Optimizer.Monitor.NONE),
                vector(
                        "0.2838471531867981 0.9336733222007751 2.3156380653381348 6.12841272354126 6.507193565368652"
                                + " 0.7996211051940918 3.0434985160827637 0.018033398315310478 1.8251953125",
                        " 0.1581782102584839 0.7545989155769348 1.4921094179153442 0.06710705906152725"
                                + " 0.28738147020339966 1.6541317701339722 0.5610508322715759 1.7712405920028687"
                                + " 0.522506594657898 0.10389441251754761 0.046551190316677094 0.15151150524616241"));
        assertParameters(
                Optimizer.fit(items, Optimizer.Options.DEFAULT.withShortTerm(false), Optimizer.Monitor.NONE),
                vector(
                        "0.3193417489528656 0.9168462157249451 2.4211490154266357 6.334969520568848 6.51381254196167"
                                + " 0.8000025153160095 3.044757843017578 0.018183525651693344 1.8256497383117676",
                        " 0.15897643566131592 0.7554177641868591 1.4965038299560547 0.06644231826066971"
                                + " 0.2917085587978363 1.660117745399475 0.562890887260437 1.7668160200119019 0 0 0"
                                + " 0.16298578679561615"));
    }

    /**
     * Every training setting away from its default at once, recorded with the binding the same way: batches of 32
     * (about 60 of them, so the shuffle runs deep), seed 42, items of at most 5 reviews, two relearning steps (which
     * cap w17 and w18), learning rate 0.03, gamma 0.5, 3 epochs.
     */
    @Example
    void everySettingAsTheBindingTakesIt() {
        List<TrainingItem> items = new SyntheticLearner(Optimizer.defaults(), 1).items(500, 6);
        Optimizer.Options options = new Optimizer.Options(true, 2, 3, 32, 42, 0.03, 5, 0.5);

        assertParameters(
                Optimizer.fit(items, options, Optimizer.Monitor.NONE),
                vector(
                        "0.3564215898513794 0.9419853091239929 2.5686159133911133 6.165769100189209 6.49039363861084"
                                + " 0.7853584289550781 3.1118361949920654 0.008329500444233418 1.8002996444702148",
                        " 0.13394635915756226 0.7420893311500549 1.5079988241195679 0.03364608436822891"
                                + " 0.2944405972957611 1.6729671955108643 0.493023157119751 1.7985560894012451"
                                + " 0.5329050421714783 0.07735544443130493 0.07198596745729446 0.12427457422018051"));
    }
}
