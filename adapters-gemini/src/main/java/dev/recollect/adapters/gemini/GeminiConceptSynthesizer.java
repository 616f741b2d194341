package dev.recollect.adapters.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.domain.generation.ConceptIdea;
import dev.recollect.ports.out.ConceptSynthesizer;
import dev.recollect.ports.out.LlmCall;
import dev.recollect.ports.out.LlmException;
import java.util.ArrayList;
import java.util.List;

/** Concept synthesis with {@code generateContent} and a {@code {"concepts": [...]}} schema. */
final class GeminiConceptSynthesizer implements ConceptSynthesizer {
    private final GeminiTransport transport;
    private final ObjectMapper json;
    private final GeminiRequests requests;
    private final String model;

    GeminiConceptSynthesizer(GeminiTransport transport, ObjectMapper json, GeminiRequests requests, String model) {
        this.transport = transport;
        this.json = json;
        this.model = model;
        this.requests = requests;
    }

    @Override
    public List<ConceptIdea> synthesize(String prompt, LlmCall.Listener calls) {
        JsonNode response = transport.call(model, "generateContent", requests.concepts(prompt), calls);
        GeminiResponses.checkPrompt(response);
        if (response.path("candidates").isEmpty()) {
            throw new LlmException(new ProviderFailure.InvalidOutput("Gemini returned no candidates"));
        }
        String reason = GeminiResponses.finishReason(response);
        GeminiResponses.checkFinish(reason);
        String text = GeminiResponses.text(response);
        GeminiResponses.checkWellFormed(json, text, "concepts");
        List<ConceptIdea> ideas = new ArrayList<>();
        for (String item : new ItemScanner().feed(text)) {
            Items.read(json, item, Items.ConceptItem.class)
                    .map(Items.ConceptItem::toIdea)
                    .ifPresent(ideas::add);
        }
        if (ideas.isEmpty()) {
            throw new LlmException(
                    new ProviderFailure.InvalidOutput("Gemini's answer held no valid concept (finish reason "
                            + (reason.isEmpty() ? "none" : reason) + ")"));
        }
        return ideas;
    }
}
