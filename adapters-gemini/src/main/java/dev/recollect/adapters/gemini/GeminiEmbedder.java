package dev.recollect.adapters.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.ports.out.Embedder;
import dev.recollect.ports.out.LlmCall;
import dev.recollect.ports.out.LlmException;

/**
 * Embeddings with {@code embedContent}. gemini-embedding-001 normalises only its full 3072-dimension output, so the
 * shorter vectors asked for here are normalised before they are returned.
 */
final class GeminiEmbedder implements Embedder {
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
        JsonNode values = response.path("embedding").path("values");
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
