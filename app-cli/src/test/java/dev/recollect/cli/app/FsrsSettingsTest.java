package dev.recollect.cli.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.domain.fsrs.Parameters;
import dev.recollect.domain.review.Reviewer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FsrsSettingsTest {
    @Test
    void theDefaultsAreTheReferencesSettings() {
        assertThat(FsrsSettings.from(Map.of())).isEqualTo(Reviewer.referenceParameters());
    }

    @Test
    void everySettingCanBeOverridden() {
        Parameters p = FsrsSettings.from(Map.of(
                FsrsSettings.RETENTION, "0.85",
                FsrsSettings.MAXIMUM_INTERVAL, "1000",
                FsrsSettings.FUZZ, "off",
                FsrsSettings.SHORT_TERM, "false",
                FsrsSettings.LEARNING_STEPS, "2m, 15m",
                FsrsSettings.RELEARNING_STEPS, ""));
        assertThat(p.requestRetention()).isEqualTo(0.85);
        assertThat(p.maximumInterval()).isEqualTo(1000);
        assertThat(p.enableFuzz()).isFalse();
        assertThat(p.enableShortTerm()).isFalse();
        assertThat(p.learningSteps()).containsExactly(Duration.ofMinutes(2), Duration.ofMinutes(15));
        assertThat(p.relearningSteps()).isEmpty();
        double[] fitted = Parameters.defaults().w();
        fitted[0] = 0.5;
        String printed = java.util.Arrays.toString(fitted);
        assertThat(FsrsSettings.from(Map.of(FsrsSettings.WEIGHTS, printed)).w()).containsExactly(fitted);
        assertThat(FsrsSettings.from(Map.of(FsrsSettings.WEIGHTS, printed.substring(1, printed.length() - 1)))
                        .w())
                .containsExactly(fitted);
        assertThat(FsrsSettings.from(Map.of(FsrsSettings.FUZZ, "YES")).enableFuzz())
                .isTrue();
        assertThat(FsrsSettings.from(Map.of(FsrsSettings.SHORT_TERM, "1")).enableShortTerm())
                .isTrue();
    }

    @Test
    void aBadValueIsRefusedWithTheVariablesName() {
        for (var bad : List.of(
                Map.of(FsrsSettings.RETENTION, "high"),
                Map.of(FsrsSettings.RETENTION, "1.5"),
                Map.of(FsrsSettings.MAXIMUM_INTERVAL, "0"),
                Map.of(FsrsSettings.FUZZ, "maybe"),
                Map.of(FsrsSettings.LEARNING_STEPS, "1 minute"),
                Map.of(FsrsSettings.WEIGHTS, "[0.2, 1.2]"),
                Map.of(FsrsSettings.WEIGHTS, "0.2, 1.2, NaN" + ", 1".repeat(18)),
                Map.of(FsrsSettings.WEIGHTS, "0.2, x" + ", 1".repeat(19)))) {
            assertThatThrownBy(() -> FsrsSettings.from(bad))
                    .isInstanceOf(CliException.class)
                    .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                    .message()
                    .containsAnyOf(bad.keySet().iterator().next(), "invalid FSRS setting");
        }
    }

    @Test
    void theWorkerNeedsAModelWhileTheDemoFallsBackToTheOfflineOne() {
        assertThat(Model.resolve(Model.Provider.AUTO, Map.of(), true).offline()).isTrue();
        assertThat(Model.resolve(Model.Provider.OFFLINE, Map.of(), false).description())
                .contains("NATO phonetic alphabet");
        assertThatThrownBy(() -> Model.resolve(Model.Provider.AUTO, Map.of(), false))
                .hasMessageContaining("GEMINI_API_KEY");
        assertThatThrownBy(() -> Model.resolve(Model.Provider.GEMINI, Map.of("GEMINI_API_KEY", " "), false))
                .hasMessageContaining("GEMINI_API_KEY");
    }
}
