package dev.recollect.cli.app;

import dev.recollect.cli.app.offline.OfflineModel;
import dev.recollect.cli.support.CliException;
import dev.recollect.ports.out.ConceptSynthesizer;
import dev.recollect.ports.out.Embedder;
import dev.recollect.ports.out.PhrasingGenerator;
import java.util.Map;
import java.util.Optional;

/**
 * The model that generation uses.
 *
 * @param synthesizer proposes concepts
 * @param generator writes phrasings
 * @param embedder embeds phrasings, when the provider can
 * @param description what it is, for people
 * @param offline whether it is the offline sample model
 */
public record Model(
        ConceptSynthesizer synthesizer,
        PhrasingGenerator generator,
        Optional<Embedder> embedder,
        String description,
        boolean offline) {

    /** Which provider to use. */
    public enum Provider {
        /** Gemini when GEMINI_API_KEY is set; otherwise an error, or the offline model where a command allows it. */
        AUTO,
        /** The bundled offline sample content. */
        OFFLINE,
        /** Gemini; GEMINI_API_KEY is required. */
        GEMINI
    }

    /**
     * The model for {@code provider}.
     *
     * @param offlineByDefault whether {@code AUTO} without a key falls back to the offline model (the demo) rather
     *     than failing (the worker, which must not quietly generate sample content for real prompts)
     */
    public static Model resolve(Provider provider, Map<String, String> env, boolean offlineByDefault) {
        String key = env.get("GEMINI_API_KEY");
        boolean hasKey = key != null && !key.isBlank();
        return switch (provider) {
            case OFFLINE -> sample();
            case GEMINI -> {
                if (!hasKey) {
                    throw CliException.invalid("--provider gemini needs GEMINI_API_KEY");
                }
                yield GeminiWiring.model(env);
            }
            case AUTO -> {
                if (hasKey) {
                    yield GeminiWiring.model(env);
                }
                if (offlineByDefault) {
                    yield sample();
                }
                throw CliException.invalid("no model configured: set GEMINI_API_KEY, or pass --provider offline to"
                        + " use the bundled sample content");
            }
        };
    }

    private static Model sample() {
        OfflineModel model = OfflineModel.bundled();
        return new Model(
                model,
                model,
                Optional.empty(),
                "offline sample model (" + String.join(", ", model.topics()) + ")",
                true);
    }
}
