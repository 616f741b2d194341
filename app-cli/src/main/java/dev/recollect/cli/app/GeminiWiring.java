package dev.recollect.cli.app;

import dev.recollect.adapters.gemini.GeminiModels;
import dev.recollect.cli.support.CliException;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the Gemini model from the environment: GEMINI_API_KEY, and GEMINI_BASE_URL, GEMINI_MODEL and
 * GEMINI_MAX_ATTEMPTS if set.
 */
final class GeminiWiring {
    private GeminiWiring() {}

    /** The variable that sets the attempts of each HTTP call to Gemini, the first included (1 to 10, default 4). */
    static final String MAX_ATTEMPTS = "GEMINI_MAX_ATTEMPTS";

    private static int attempts(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw CliException.invalid(MAX_ATTEMPTS + " must be a whole number from 1 to 10, got \"" + value + "\"");
        }
    }

    static GeminiModels models(Map<String, String> env) {
        GeminiModels.Config config;
        try {
            GeminiModels.Config.Builder builder =
                    GeminiModels.Config.builder(env.get("GEMINI_API_KEY").strip());
            Optional.ofNullable(env.get("GEMINI_BASE_URL"))
                    .filter(url -> !url.isBlank())
                    .ifPresent(builder::baseUrl);
            Optional.ofNullable(env.get("GEMINI_MODEL"))
                    .filter(id -> !id.isBlank())
                    .ifPresent(builder::model);
            Optional.ofNullable(env.get(MAX_ATTEMPTS))
                    .filter(attempts -> !attempts.isBlank())
                    .ifPresent(attempts -> builder.maxAttempts(attempts(attempts)));
            config = builder.build();
        } catch (IllegalArgumentException e) {
            throw CliException.invalid("Gemini settings: " + e.getMessage());
        }
        return GeminiModels.create(config);
    }
}
