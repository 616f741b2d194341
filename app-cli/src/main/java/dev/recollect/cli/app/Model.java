package dev.recollect.cli.app;

import dev.recollect.cli.app.offline.OfflineModel;
import dev.recollect.cli.support.CliException;
import dev.recollect.ports.out.ConceptSynthesizer;
import dev.recollect.ports.out.Embedder;
import dev.recollect.ports.out.LanguageModels;
import dev.recollect.ports.out.PhrasingGenerator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The model that generation uses, chosen by {@code --provider} and the environment; {@link App} builds over it. */
public final class Model {
    private final LanguageModels models;
    private final boolean offline;

    private Model(LanguageModels models, boolean offline) {
        this.models = Objects.requireNonNull(models, "models");
        this.offline = offline;
    }

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
            case OFFLINE -> new Model(OfflineModel.bundled(), true);
            case GEMINI -> {
                if (!hasKey) {
                    throw CliException.invalid("--provider gemini needs GEMINI_API_KEY");
                }
                yield new Model(GeminiWiring.models(env), false);
            }
            case AUTO -> {
                if (hasKey) {
                    yield new Model(GeminiWiring.models(env), false);
                }
                if (offlineByDefault) {
                    yield new Model(OfflineModel.bundled(), true);
                }
                throw CliException.invalid("no model configured: set GEMINI_API_KEY, or pass --provider offline to"
                        + " use the bundled sample content");
            }
        };
    }

    /** What it is, for people. */
    public String description() {
        return models.description();
    }

    /** Whether it is the offline sample model. */
    public boolean offline() {
        return offline;
    }

    /** The same model, running {@code hook} after each call that writes a concept's phrasings; for the demo. */
    public Model afterEachPhrasingCall(Runnable hook) {
        Objects.requireNonNull(hook, "hook");
        LanguageModels inner = models;
        PhrasingGenerator generator = (request, sink, calls) -> {
            inner.phrasingGenerator().generate(request, sink, calls);
            hook.run();
        };
        return new Model(
                new LanguageModels() {
                    @Override
                    public ConceptSynthesizer conceptSynthesizer() {
                        return inner.conceptSynthesizer();
                    }

                    @Override
                    public PhrasingGenerator phrasingGenerator() {
                        return generator;
                    }

                    @Override
                    public Optional<Embedder> embedder() {
                        return inner.embedder();
                    }

                    @Override
                    public String description() {
                        return inner.description();
                    }
                },
                offline);
    }

    /** The ports the use cases call. */
    LanguageModels languageModels() {
        return models;
    }
}
