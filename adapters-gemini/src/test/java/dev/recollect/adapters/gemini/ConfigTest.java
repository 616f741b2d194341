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
        assertThat(DEFAULTS.toBuilder().model("models/gemini-3.5-flash").build().model())
                .isEqualTo("gemini-3.5-flash");
        assertThat(DEFAULTS.toBuilder().baseUrl("http://proxy:8080/").build().baseUrl())
                .isEqualTo("http://proxy:8080");
        assertThat(GeminiModels.create(DEFAULTS).embedder()).isPresent();
        assertThat(DEFAULTS.toBuilder().build())
                .as("a builder starts from the settings it came from")
                .isEqualTo(DEFAULTS);
        GeminiModels.Config tuned = GeminiModels.Config.builder("k")
                .embeddingModel("text-embedding-005")
                .embeddingDimensions(3072)
                .maxAttempts(2)
                .build();
        assertThat(tuned.embeddingModel()).isEqualTo("text-embedding-005");
        assertThat(tuned.embeddingDimensions()).isEqualTo(3072);
        assertThat(tuned.maxAttempts()).isEqualTo(2);
    }

    @Test
    void theKeyIsMaskedAndBadSettingsAreNamed() {
        assertThat(DEFAULTS.toString()).contains("apiKey=****").doesNotContain("secret-key");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GeminiModels.Config.defaults(" "))
                .withMessageContaining("apiKey");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DEFAULTS.toBuilder().baseUrl("ftp://x").build())
                .withMessageContaining("baseUrl");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DEFAULTS.toBuilder().model("a b").build())
                .withMessageContaining("model");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DEFAULTS.toBuilder().model("").build())
                .withMessageContaining("model");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DEFAULTS.toBuilder().maxAttempts(0).build())
                .withMessageContaining("maxAttempts");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DEFAULTS.toBuilder().maxAttempts(11).build())
                .withMessageContaining("maxAttempts");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DEFAULTS.toBuilder()
                        .timeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1))
                        .build())
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
