package dev.recollect.ports.out;

import dev.recollect.domain.generation.ConceptIdea;
import java.util.List;

/** The LLM that proposes concepts for a prompt. */
public interface ConceptSynthesizer {
    /**
     * Proposes three to six atomic concepts for {@code prompt}.
     *
     * @throws LlmException when the provider fails
     */
    List<ConceptIdea> synthesize(String prompt);
}
