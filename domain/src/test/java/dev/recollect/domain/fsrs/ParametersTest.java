package dev.recollect.domain.fsrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.DomainException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParametersTest {
    @Test
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

    @Test
    void threeRelearningStepsLowerTheW17Ceiling() {
        Parameters parameters = Parameters.builder()
                .relearningSteps(List.of(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(6)))
                .build();
        assertThat(parameters.w()[17]).isEqualTo(0.49027301);
    }

    @Test
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

    @Test
    void stepsUpToTheLargestIntOfMinutesAreAccepted() {
        Duration largest = Duration.ofMinutes(Integer.MAX_VALUE);
        assertThat(Parameters.builder().learningSteps(List.of(largest)).build().learningSteps())
                .containsExactly(largest);
        assertThatThrownBy(() -> Parameters.builder()
                        .learningSteps(List.of(largest.plusMinutes(1)))
                        .build())
                .hasMessageStartingWith("learningSteps[0] ");
    }

    @Test
    void nineteenWeightsArePaddedAndW19RaisedToItsShortTermFloor() {
        double[] w19 = Arrays.copyOf(Parameters.defaults().w(), 19);
        Parameters shortTerm = Parameters.builder().w(w19).build();
        assertThat(shortTerm.w()[19]).isEqualTo(0.01);
        assertThat(shortTerm.w()[20]).isEqualTo(0.5);
        Parameters longTerm = Parameters.builder().w(w19).enableShortTerm(false).build();
        assertThat(longTerm.w()[19]).isEqualTo(0.0);
    }

    @Test
    void weightsAreRejectedByLengthAndFiniteness() {
        assertThatThrownBy(() -> Parameters.builder().w(new double[20]).build())
                .isInstanceOf(DomainException.class)
                .hasMessage("w must have 17, 19 or 21 weights, got 20");
        double[] nan = Parameters.defaults().w();
        nan[7] = Double.NaN;
        assertThatThrownBy(() -> Parameters.builder().w(nan).build())
                .hasMessage("w[7] must be a finite number, got NaN");
        double[] infinite = Parameters.defaults().w();
        infinite[3] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> Parameters.builder().w(infinite).build()).hasMessageStartingWith("w[3] ");
    }

    @Test
    void retentionAndMaximumIntervalAreChecked() {
        for (double bad : new double[] {0, -0.1, 1.0001, Double.NaN}) {
            assertThatThrownBy(() -> Parameters.builder().requestRetention(bad).build())
                    .hasMessageStartingWith("requestRetention must be in (0, 1]");
        }
        assertThat(Parameters.builder().requestRetention(1).build().requestRetention())
                .isEqualTo(1);
        assertThatThrownBy(() -> Parameters.builder().maximumInterval(0).build())
                .hasMessage("maximumInterval must be at least 1 day, got 0");
        assertThat(Parameters.builder().maximumInterval(1).build().maximumInterval())
                .isEqualTo(1);
    }

    @Test
    void stepsMustBeWholeNonNegativeMinutes() {
        assertThatThrownBy(() -> Parameters.builder()
                        .learningSteps(List.of(Duration.ofMinutes(1), Duration.ofSeconds(90)))
                        .build())
                .hasMessage("learningSteps[1] must be a whole number of minutes >= 0, got PT1M30S");
        assertThatThrownBy(() -> Parameters.builder()
                        .relearningSteps(List.of(Duration.ofMinutes(-5)))
                        .build())
                .hasMessageStartingWith("relearningSteps[0] ");
        List<Duration> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> Parameters.builder().learningSteps(withNull).build())
                .hasMessage("learningSteps[0] must be a whole number of minutes >= 0, got null");
        assertThatThrownBy(() -> Parameters.builder()
                        .learningSteps(List.of(Duration.ofNanos(1)))
                        .build())
                .hasMessageStartingWith("learningSteps[0] ");
        assertThat(Parameters.builder()
                        .learningSteps(List.of(Duration.ZERO))
                        .build()
                        .learningSteps())
                .containsExactly(Duration.ZERO);
    }

    @Test
    void stepsParseAsTsFsrsWritesThem() {
        assertThat(Parameters.parseStep("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Parameters.parseStep("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Parameters.parseStep("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Parameters.parseStep("0m")).isEqualTo(Duration.ZERO);
        for (String bad : new String[] {"", "10", "m", "-1m", "1.5m", "10s", "10 m", "1M"}) {
            assertThatThrownBy(() -> Parameters.parseStep(bad))
                    .isInstanceOf(DomainException.class)
                    .hasMessageContaining("\"" + bad + "\"");
        }
        assertThatThrownBy(() -> Parameters.parseStep(null)).hasMessageContaining("\"null\"");
    }

    @Test
    void toBuilderRoundTripsAndValueSemanticsHold() {
        Parameters parameters = Parameters.builder()
                .requestRetention(0.85)
                .maximumInterval(365)
                .enableFuzz(true)
                .enableShortTerm(false)
                .learningSteps(List.of(Duration.ofMinutes(5)))
                .relearningSteps(List.of())
                .build();
        Parameters copy = parameters.toBuilder().build();
        assertThat(copy).isEqualTo(parameters).hasSameHashCodeAs(parameters);
        assertThat(copy.toString()).isEqualTo(parameters.toString()).contains("maximumInterval=365");
        assertThat(parameters).isNotEqualTo(Parameters.defaults()).isNotEqualTo("parameters");
        for (Parameters other : List.of(
                parameters.toBuilder().requestRetention(0.8).build(),
                parameters.toBuilder().maximumInterval(366).build(),
                parameters.toBuilder().enableFuzz(false).build(),
                parameters.toBuilder().enableShortTerm(true).build(),
                parameters.toBuilder().learningSteps(List.of()).build(),
                parameters.toBuilder()
                        .relearningSteps(List.of(Duration.ofMinutes(1)))
                        .build(),
                parameters.toBuilder()
                        .w(Parameters.builder().w(new double[21]).build().w())
                        .build())) {
            assertThat(other).isNotEqualTo(parameters);
        }
        assertThat(parameters.hashCode()).isNotEqualTo(Parameters.defaults().hashCode());
        assertThat(Parameters.builder().maximumInterval(365).build().hashCode())
                .isNotEqualTo(Parameters.defaults().hashCode());
        double[] leaked = parameters.w();
        leaked[0] = 99;
        assertThat(parameters.w()[0]).isNotEqualTo(99);
    }

    @Test
    void clippingClampsEachWeightIntoItsRange() {
        double[] low = new double[21];
        double[] clipped = Parameters.clip(low, 1, true);
        assertThat(clipped[0]).isEqualTo(0.001);
        assertThat(clipped[4]).isEqualTo(1);
        assertThat(clipped[16]).isEqualTo(1);
        assertThat(clipped[19]).isEqualTo(0.01);
        assertThat(clipped[20]).isEqualTo(0.1);
        double[] high = new double[21];
        Arrays.fill(high, 1000);
        double[] capped = Parameters.clip(high, 1, false);
        assertThat(capped)
                .containsExactly(
                        100, 100, 100, 100, 10, 4, 4, 0.75, 4.5, 0.8, 3.5, 5, 0.25, 0.9, 4, 1, 6, 2, 2, 0.8, 0.8);
    }
}
