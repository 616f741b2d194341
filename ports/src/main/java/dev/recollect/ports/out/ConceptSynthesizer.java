package dev.recollect.ports.out;

import dev.recollect.domain.generation.ConceptIdea;
import java.util.List;

/** The LLM that proposes concepts for a prompt. */
public interface ConceptSynthesizer {
    /**
     * Proposes three to six atomic concepts for {@code prompt}.
     *
     * @param prompt the learner's prompt
     * @param calls hears about the call (or calls) made, with the tokens they used, even when one fails
     * @throws LlmException when the provider fails
     */
    List<ConceptIdea> synthesize(String prompt, LlmCall.Listener calls);
}
