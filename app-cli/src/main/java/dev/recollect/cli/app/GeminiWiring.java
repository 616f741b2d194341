package dev.recollect.cli.app;

import dev.recollect.adapters.gemini.GeminiModels;
import dev.recollect.cli.support.CliException;
import java.util.Map;
import java.util.Optional;

/** Builds the Gemini model from the environment: GEMINI_API_KEY, and GEMINI_BASE_URL and GEMINI_MODEL if set. */
final class GeminiWiring {
    private GeminiWiring() {}

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
            config = builder.build();
        } catch (IllegalArgumentException e) {
            throw CliException.invalid("Gemini settings: " + e.getMessage());
        }
        return GeminiModels.create(config);
    }
}
