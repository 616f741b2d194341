package dev.recollect.adapters.gemini;

import static dev.recollect.adapters.gemini.GeminiGenerationTest.assertFailure;
import static dev.recollect.adapters.gemini.GeminiServer.fixture;
import static dev.recollect.adapters.gemini.GeminiServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.domain.failure.ProviderFailure;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GeminiEmbedderTest {
    private final GeminiServer gemini = new GeminiServer();

    @AfterEach
    void stop() throws Exception {
        gemini.close();
    }

    @Test
    void embeddingsAre768DimensionsAndNormalised() throws Exception {
        gemini.enqueue(json(200, fixture("embedding.json")));

        float[] vector = gemini.models.embedder().orElseThrow().embed("Which code word stands for Q?\n\nQuebec.");

        RecordedRequest request = gemini.server.takeRequest();
        assertThat(request.getPath()).isEqualTo("/v1beta/models/gemini-embedding-001:embedContent");
        assertThat(request.getHeader("x-goog-api-key")).isEqualTo(GeminiServer.KEY);
        JsonNode body = new ObjectMapper().readTree(request.getBody().readUtf8());
        assertThat(body.get("model").asText()).isEqualTo("models/gemini-embedding-001");
        assertThat(body.get("outputDimensionality").asInt()).isEqualTo(768);
        assertThat(body.at("/content/parts/0/text").asText()).startsWith("Which code word");
        assertThat(vector).hasSize(768);
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
        JsonNode raw = new ObjectMapper().readTree(fixture("embedding.json")).at("/embedding/values");
        assertThat(vector[0] / vector[1])
                .isCloseTo((float) (raw.get(0).asDouble() / raw.get(1).asDouble()), within(1e-3f));
    }

    @Test
    void aWrongSizeOrAZeroVectorIsInvalidOutput() {
        gemini.enqueue(json(200, "{\"embedding\":{\"values\":[0.1,0.2]}}"));
        assertFailure(
                () -> gemini.models.embedder().orElseThrow().embed("x"),
                ProviderFailure.InvalidOutput.class,
                "embedding of 2 values, expected 768");
        gemini.enqueue(json(200, "{\"embedding\":{\"values\":[" + "0,".repeat(767) + "0]}}"));
        assertFailure(
                () -> gemini.models.embedder().orElseThrow().embed("x"),
                ProviderFailure.InvalidOutput.class,
                "length 0");
        for (int attempt = 0; attempt < 4; attempt++) {
            gemini.enqueue(json(200, "[]"));
        }
        assertFailure(
                () -> gemini.models.embedder().orElseThrow().embed("x"),
                ProviderFailure.InvalidOutput.class,
                "no JSON object");
    }
}
