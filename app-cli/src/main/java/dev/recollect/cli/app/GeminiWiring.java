package dev.recollect.cli.app;

import dev.recollect.cli.CliException;
import java.util.Map;

/** Builds the Gemini model from the environment: GEMINI_API_KEY, GEMINI_BASE_URL and GEMINI_MODEL. */
final class GeminiWiring {
    private GeminiWiring() {}

    static Model model(Map<String, String> env) {
        throw CliException.invalid("the Gemini provider is not built yet (issue #6); use --provider offline");
    }
}
