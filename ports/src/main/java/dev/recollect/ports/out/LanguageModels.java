package dev.recollect.ports.out;

import java.util.Optional;

/**
 * The language model behind generation, from one provider: what an embedding service hands to
 * {@code Recollect.builder()}. The Gemini adapter's {@code GeminiModels} is one.
 */
public interface LanguageModels {
    /** Proposes the concepts of a prompt. */
    ConceptSynthesizer conceptSynthesizer();

    /** Writes the phrasings of a concept. */
    PhrasingGenerator phrasingGenerator();

    /** Embeds phrasings, so that near-duplicates can be found; empty when the provider cannot. */
    Optional<Embedder> embedder();

    /** Which provider and model this is, for people (logs, {@code doctor}); never the credentials. */
    String description();
}
