package dev.recollect.adapters.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.ports.out.Embedder;
import dev.recollect.ports.out.LlmCall;
import dev.recollect.ports.out.LlmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeddings with {@code embedContent}, and {@code batchEmbedContents} for many texts. gemini-embedding-001 normalises only its full 3072-dimension output, so the
 * shorter vectors asked for here are normalised before they are returned.
 */
final class GeminiEmbedder implements Embedder {
    /** Texts per {@code batchEmbedContents} request: the most that LangChain4j sends in one. */
    static final int BATCH = 100;

    private final GeminiTransport transport;
    private final GeminiRequests requests;
    private final GeminiModels.Config config;

    GeminiEmbedder(GeminiTransport transport, GeminiRequests requests, GeminiModels.Config config) {
        this.transport = transport;
        this.requests = requests;
        this.config = config;
    }

    @Override
    public float[] embed(String text) {
        JsonNode response = transport.call(
                config.embeddingModel(),
                "embedContent",
                requests.embedding(config.embeddingModel(), text, config.embeddingDimensions()),
                // embedContent reports no usageMetadata, and the Embedder port has no job to charge it to.
                LlmCall.Listener.IGNORE);
        return normalised(response.path("embedding").path("values"));
    }

    /** One {@code batchEmbedContents} request per {@value #BATCH} texts, each a request of its own in the body. */
    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<String> chunk = texts.subList(from, Math.min(texts.size(), from + BATCH));
            ObjectNode body = requests.embeddings(config.embeddingModel(), chunk, config.embeddingDimensions());
            JsonNode embeddings = transport
                    .call(config.embeddingModel(), "batchEmbedContents", body, LlmCall.Listener.IGNORE)
                    .path("embeddings");
            if (embeddings.size() != chunk.size()) {
                throw new LlmException(new ProviderFailure.InvalidOutput(
                        "Gemini returned " + embeddings.size() + " embeddings for " + chunk.size() + " texts"));
            }
            embeddings.forEach(embedding -> vectors.add(normalised(embedding.path("values"))));
        }
        return vectors;
    }

    /** The values, checked for their number and scaled to length 1. */
    private float[] normalised(JsonNode values) {
        if (values.size() != config.embeddingDimensions()) {
            throw new LlmException(new ProviderFailure.InvalidOutput("Gemini returned an embedding of " + values.size()
                    + " values, expected " + config.embeddingDimensions()));
        }
        double norm = 0;
        for (JsonNode value : values) {
            norm += value.asDouble() * value.asDouble();
        }
        if (!(norm > 0) || Double.isInfinite(norm)) {
            throw new LlmException(new ProviderFailure.InvalidOutput("Gemini returned an embedding of length 0"));
        }
        double length = Math.sqrt(norm);
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (values.get(i).asDouble() / length);
        }
        return vector;
    }
}
