package dev.recollect.domain.fsrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.DomainException;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** FSRS parameters: what they accept, what they refuse and name, how they clip, and their value semantics. */
class ParametersProperties {
    @Example
    void defaultsAreThoseOfTsFsrs() {
        Parameters defaults = Parameters.defaults();
        assertThat(defaults.w()).hasSize(21).startsWith(0.212, 1.2931).endsWith(0.1542);
        assertThat(defaults.requestRetention()).isEqualTo(0.9);
        assertThat(defaults.maximumInterval()).isEqualTo(36500);
        assertThat(defaults.enableFuzz()).isFalse();
        assertThat(defaults.enableShortTerm()).isTrue();
        assertThat(defaults.learningSteps()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(10));
        assertThat(defaults.relearningSteps()).containsExactly(Duration.ofMinutes(10));
    }

    @Provide
    Arbitrary<double[]> anyWeights() {
        return Arbitraries.doubles().between(-1000, 1000).array(double[].class).ofSize(21);
    }

    /**
     * Clipping puts each weight into its range: between what it makes of the lowest and of the highest weights,
     * unchanged when already inside, and a second clip changes nothing.
     */
    @SeededProperty
    void clippingClampsEachWeightIntoItsRange(
            @ForAll("anyWeights") double[] w,
            @ForAll boolean shortTerm,
            @ForAll @IntRange(min = 0, max = 5) int relearningSteps) {
        double[] low = new double[21];
        Arrays.fill(low, -1e9);
        double[] high = new double[21];
        Arrays.fill(high, 1e9);
        double[] lowest = Parameters.clip(low, 1, shortTerm);
        double[] highest = Parameters.clip(high, 1, shortTerm);
        double[] clipped = Parameters.clip(w, relearningSteps, shortTerm);
        for (int i = 0; i < 21; i++) {
            assertThat(clipped[i]).as("w[%d]", i).isBetween(lowest[i], highest[i]);
            if (relearningSteps <= 1 && w[i] >= lowest[i] && w[i] <= highest[i]) {
                assertThat(clipped[i]).as("w[%d] inside its range", i).isEqualTo(w[i]);
            }
        }
        assertThat(Parameters.clip(clipped, relearningSteps, shortTerm)).containsExactly(clipped);
    }

    /** More relearning steps never raise the ceiling of w17 and w18 (ts-fsrs keeps the steps from stacking up). */
    @SeededProperty
    void moreRelearningStepsNeverRaiseTheW17Ceiling(
            @ForAll("anyWeights") double[] w, @ForAll @IntRange(min = 1, max = 6) int steps) {
        double[] fewer = Parameters.clip(w, steps, true);
        double[] more = Parameters.clip(w, steps + 1, true);
        assertThat(more[17]).isLessThanOrEqualTo(fewer[17]);
        assertThat(more[18]).isLessThanOrEqualTo(fewer[18]);
    }

    @Example
    void theBoundsAndTheCeilingOfTsFsrs() {
        assertThat(Parameters.clip(new double[21], 1, true))
                .startsWith(0.001)
                .contains(0.01, org.assertj.core.data.Index.atIndex(19))
                .contains(0.1, org.assertj.core.data.Index.atIndex(20));
        double[] high = new double[21];
        Arrays.fill(high, 1000);
        assertThat(Parameters.clip(high, 1, false))
                .containsExactly(
                        100, 100, 100, 100, 10, 4, 4, 0.75, 4.5, 0.8, 3.5, 5, 0.25, 0.9, 4, 1, 6, 2, 2, 0.8, 0.8);
        Parameters threeSteps = Parameters.builder()
                .relearningSteps(List.of(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(6)))
                .build();
        assertThat(threeSteps.w()[17]).isEqualTo(0.49027301);
    }

    @Example
    void oneRelearningStepKeepsTheUsualCeiling() {
        double[] w = Parameters.defaults().w();
        w[17] = 1.5;
        w[18] = 1.9;
        Parameters one = Parameters.builder().w(w).build();
        assertThat(one.w()[17]).isEqualTo(1.5);
        assertThat(one.w()[18]).isEqualTo(1.9);
        Parameters two = Parameters.builder()
                .w(w)
                .relearningSteps(List.of(Duration.ofMinutes(10), Duration.ofHours(1)))
                .build();
        assertThat(two.w()[17]).isLessThan(1.5);
    }

    @Example
    void hashesAndTextDifferWithTheirFields() {
        Parameters yearCap = Parameters.builder().maximumInterval(365).build();
        assertThat(yearCap.hashCode()).isNotEqualTo(Parameters.defaults().hashCode());
        assertThat(yearCap.toString()).contains("maximumInterval=365").contains("requestRetention=0.9");
        Parameters everything = Parameters.builder()
                .requestRetention(0.85)
                .maximumInterval(365)
                .enableFuzz(true)
                .enableShortTerm(false)
                .learningSteps(List.of(Duration.ofMinutes(5)))
                .relearningSteps(List.of())
                .build();
        assertThat(everything.hashCode())
                .isNotEqualTo(Parameters.defaults().hashCode())
                .isNotEqualTo(yearCap.hashCode());
        assertThat(everything.toBuilder().enableFuzz(false).build().hashCode()).isNotEqualTo(everything.hashCode());
    }

    /** Only 17, 19 or 21 weights are FSRS weights; any other count is refused with the count. */
    @SeededProperty
    void weightsAreRefusedByCount(@ForAll @IntRange(min = 0, max = 40) int count) {
        if (count == 17 || count == 19 || count == 21) {
            assertThat(Parameters.builder().w(new double[count]).build().w()).hasSize(21);
        } else {
            assertThatThrownBy(() -> Parameters.builder().w(new double[count]).build())
                    .isInstanceOf(DomainException.class)
                    .hasMessage("w must have 17, 19 or 21 weights, got " + count);
        }
    }

    /** A weight that is not a finite number is refused, naming its index. */
    @SeededProperty
    void weightsMustBeFinite(@ForAll @IntRange(min = 0, max = 20) int index, @ForAll("notFinite") double bad) {
        double[] w = Parameters.defaults().w();
        w[index] = bad;
        assertThatThrownBy(() -> Parameters.builder().w(w).build())
                .isInstanceOf(DomainException.class)
                .hasMessage("w[" + index + "] must be a finite number, got " + bad);
    }

    @Provide
    Arbitrary<Double> notFinite() {
        return Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    /** Nineteen weights are padded to 21; w19 is raised to its short-term floor only when short-term is on. */
    @SeededProperty
    void nineteenWeightsArePadded(@ForAll boolean shortTerm) {
        double[] w19 = Arrays.copyOf(Parameters.defaults().w(), 19);
        Parameters parameters =
                Parameters.builder().w(w19).enableShortTerm(shortTerm).build();
        assertThat(parameters.w()).hasSize(21).startsWith(Arrays.copyOf(Parameters.clip(w19, 1, shortTerm), 19));
        assertThat(parameters.w()[19]).isEqualTo(shortTerm ? 0.01 : 0.0);
        assertThat(parameters.w()[20]).isEqualTo(0.5);
    }

    /** Retention is a probability in (0, 1]; anything else is refused. */
    @SeededProperty
    void requestRetentionIsInZeroToOne(@ForAll("retentions") double retention) {
        if (retention > 0 && retention <= 1) {
            assertThat(Parameters.builder().requestRetention(retention).build().requestRetention())
                    .isEqualTo(retention);
        } else {
            assertThatThrownBy(() ->
                            Parameters.builder().requestRetention(retention).build())
                    .isInstanceOf(DomainException.class)
                    .hasMessageStartingWith("requestRetention must be in (0, 1]");
        }
    }

    @Provide
    Arbitrary<Double> retentions() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-2, 2),
                Arbitraries.of(0.0, 1.0, 1.0001, Math.nextUp(1.0), Double.MIN_VALUE, Double.NaN));
    }

    /** The maximum interval is at least a day. */
    @SeededProperty
    void maximumIntervalIsAtLeastADay(@ForAll @IntRange(min = -100, max = 100_000) int days) {
        if (days >= 1) {
            assertThat(Parameters.builder().maximumInterval(days).build().maximumInterval())
                    .isEqualTo(days);
        } else {
            assertThatThrownBy(() -> Parameters.builder().maximumInterval(days).build())
                    .hasMessage("maximumInterval must be at least 1 day, got " + days);
        }
    }

    /**
     * A learning or relearning step is a whole number of minutes, 0 up to the largest int of minutes; any other
     * duration is refused, naming the list and the index.
     */
    @SeededProperty
    void stepsAreWholeNonNegativeMinutes(
            @ForAll @LongRange(min = -100_000, max = 100_000) long seconds,
            @ForAll boolean relearning,
            @ForAll @IntRange(min = 0, max = 3) int index) {
        Duration step = Duration.ofSeconds(seconds);
        List<Duration> steps = new ArrayList<>();
        for (int i = 0; i < index; i++) {
            steps.add(Duration.ofMinutes(i));
        }
        steps.add(step);
        Parameters.Builder builder = relearning
                ? Parameters.builder().relearningSteps(steps)
                : Parameters.builder().learningSteps(steps);
        if (seconds >= 0 && seconds % 60 == 0) {
            Parameters built = builder.build();
            assertThat(relearning ? built.relearningSteps() : built.learningSteps())
                    .containsExactlyElementsOf(steps);
        } else {
            assertThatThrownBy(builder::build)
                    .isInstanceOf(DomainException.class)
                    .hasMessage((relearning ? "relearningSteps[" : "learningSteps[") + index
                            + "] must be a whole number of minutes >= 0, got " + step);
        }
    }

    @Example
    void theLargestStepIsTheLargestIntOfMinutes_andNoStepIsNull() {
        Duration largest = Duration.ofMinutes(Integer.MAX_VALUE);
        assertThat(Parameters.builder().learningSteps(List.of(largest)).build().learningSteps())
                .containsExactly(largest);
        assertThatThrownBy(() -> Parameters.builder()
                        .learningSteps(List.of(largest.plusMinutes(1)))
                        .build())
                .hasMessageStartingWith("learningSteps[0] ");
        List<Duration> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> Parameters.builder().learningSteps(withNull).build())
                .hasMessage("learningSteps[0] must be a whole number of minutes >= 0, got null");
        assertThatThrownBy(() -> Parameters.builder()
                        .learningSteps(List.of(Duration.ofNanos(1)))
                        .build())
                .hasMessageStartingWith("learningSteps[0] ");
    }

    /** Steps parse as ts-fsrs writes them: a whole number and a unit, m, h or d. */
    @SeededProperty
    void stepsParseAsTsFsrsWritesThem(
            @ForAll @IntRange(min = 0, max = 1_000_000) int value, @ForAll("units") String unit) {
        Duration expected =
                switch (unit) {
                    case "m" -> Duration.ofMinutes(value);
                    case "h" -> Duration.ofHours(value);
                    default -> Duration.ofDays(value);
                };
        assertThat(Parameters.parseStep(value + unit)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("m", "h", "d");
    }

    /** Anything else is refused, quoting what was given. */
    @SeededProperty
    void anythingElseIsNotAStep(@ForAll("notSteps") String text) {
        assertThatThrownBy(() -> Parameters.parseStep(text))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("\"" + text + "\"");
    }

    @Provide
    Arbitrary<String> notSteps() {
        return Arbitraries.oneOf(
                        Arbitraries.strings().ofMaxLength(6),
                        Arbitraries.of("", "10", "m", "-1m", "1.5m", "10s", "10 m", "1M", " 1m", "1m "),
                        Arbitraries.just(null))
                .filter(s -> s == null || !s.matches("[0-9]+[mhd]"));
    }

    /**
     * A parameter set is a value: rebuilding it gives an equal one with the same hash and text, changing any field
     * gives an unequal one, and its weights cannot be changed from outside.
     */
    @SeededProperty
    void parametersAreValues(@ForAll("parameters") Parameters parameters) {
        Parameters copy = parameters.toBuilder().build();
        assertThat(copy).isEqualTo(parameters).hasSameHashCodeAs(parameters);
        assertThat(copy.toString()).isEqualTo(parameters.toString());
        for (Parameters other : List.of(
                parameters.toBuilder()
                        .requestRetention(parameters.requestRetention() == 0.5 ? 0.6 : 0.5)
                        .build(),
                parameters.toBuilder()
                        .maximumInterval(parameters.maximumInterval() + 1)
                        .build(),
                parameters.toBuilder().enableFuzz(!parameters.enableFuzz()).build(),
                parameters.toBuilder()
                        .enableShortTerm(!parameters.enableShortTerm())
                        .build(),
                parameters.toBuilder()
                        .learningSteps(plusOne(parameters.learningSteps()))
                        .build(),
                parameters.toBuilder()
                        .relearningSteps(plusOne(parameters.relearningSteps()))
                        .build())) {
            assertThat(other).isNotEqualTo(parameters);
        }
        double[] leaked = parameters.w();
        leaked[0] = 99;
        assertThat(parameters.w()[0]).isNotEqualTo(99);
        assertThat(parameters).isNotEqualTo("parameters");
    }

    @Provide
    Arbitrary<Parameters> parameters() {
        return FsrsArbitraries.parameters();
    }

    private static List<Duration> plusOne(List<Duration> steps) {
        List<Duration> more = new ArrayList<>(steps);
        more.add(Duration.ofMinutes(7));
        return more;
    }

    /** Weights that differ only past clipping are the same parameters; weights that differ inside are not. */
    @SeededProperty
    void weightsCountInEquality(
            @ForAll @IntRange(min = 0, max = 16) int index, @ForAll @DoubleRange(min = 0.01, max = 0.5) double delta) {
        double[] w = Parameters.defaults().w();
        w[index] += w[index] + delta <= Parameters.clip(fill(1e9), 1, true)[index] ? delta : -delta;
        assertThat(Parameters.builder().w(w).build()).isNotEqualTo(Parameters.defaults());
    }

    private static double[] fill(double value) {
        double[] w = new double[21];
        Arrays.fill(w, value);
        return w;
    }
}
