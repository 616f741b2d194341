package dev.recollect.adapters.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigTest {
    private static final GeminiModels.Config DEFAULTS = GeminiModels.Config.defaults("secret-key");

    @Test
    void theDefaultsAreThePublicEndpointAndTheModelIsASetting() {
        assertThat(DEFAULTS.baseUrl()).isEqualTo("https://generativelanguage.googleapis.com");
        assertThat(DEFAULTS.model()).isEqualTo("gemini-2.5-flash");
        assertThat(DEFAULTS.embeddingModel()).isEqualTo("gemini-embedding-001");
        assertThat(DEFAULTS.embeddingDimensions()).isEqualTo(768);
        assertThat(DEFAULTS.maxAttempts()).isEqualTo(4);
        assertThat(DEFAULTS.withModel("models/gemini-3.5-flash").model()).isEqualTo("gemini-3.5-flash");
        assertThat(DEFAULTS.withBaseUrl("http://proxy:8080/").baseUrl()).isEqualTo("http://proxy:8080");
        assertThat(GeminiModels.create(DEFAULTS).embedder()).isNotNull();
    }

    @Test
    void theKeyIsMaskedAndBadSettingsAreNamed() {
        assertThat(DEFAULTS.toString()).contains("apiKey=****").doesNotContain("secret-key");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GeminiModels.Config.defaults(" "))
                .withMessageContaining("apiKey");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DEFAULTS.withBaseUrl("ftp://x"))
                .withMessageContaining("baseUrl");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DEFAULTS.withModel("a b"))
                .withMessageContaining("model");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DEFAULTS.withModel(""))
                .withMessageContaining("model");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DEFAULTS.withMaxAttempts(0))
                .withMessageContaining("maxAttempts");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DEFAULTS.withMaxAttempts(11))
                .withMessageContaining("maxAttempts");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DEFAULTS.withTimeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .withMessageContaining("connectTimeout");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GeminiModels.Config(
                        "k",
                        "http://x",
                        "m",
                        "e",
                        64,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        1))
                .withMessageContaining("embeddingDimensions");
    }

    @Test
    void protobufDurationsParse() {
        assertThat(GeminiFailures.parseDuration("37s")).contains(Duration.ofSeconds(37));
        assertThat(GeminiFailures.parseDuration("2.463586755s")).contains(Duration.ofNanos(2_463_586_755L));
        assertThat(GeminiFailures.parseDuration("10h17m")).isEmpty();
        assertThat(GeminiFailures.parseDuration("")).isEmpty();
    }
}
