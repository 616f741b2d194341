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
    void manyTextsAreEmbeddedWithOneBatchRequestPerHundredInTheirOrder() throws Exception {
        String two = fixture("batch-embedding.json");
        JsonNode raw = new ObjectMapper().readTree(two).get("embeddings");
        // 101 texts: a request of 100, then one of 1, answered with the fixture's first embedding.
        StringBuilder hundred = new StringBuilder("{\"embeddings\":[");
        for (int i = 0; i < 100; i++) {
            hundred.append(i == 0 ? "" : ",").append(raw.get(i % 2));
        }
        gemini.enqueue(json(200, hundred.append("]}").toString()));
        gemini.enqueue(json(200, "{\"embeddings\":[" + raw.get(1) + "]}"));
        java.util.List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < 101; i++) {
            texts.add("Text " + i);
        }

        java.util.List<float[]> vectors = gemini.models.embedder().orElseThrow().embedAll(texts);

        RecordedRequest first = gemini.server.takeRequest();
        assertThat(first.getPath()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        JsonNode body = new ObjectMapper().readTree(first.getBody().readUtf8());
        assertThat(body.get("requests")).hasSize(100);
        assertThat(body.at("/requests/0/model").asText()).isEqualTo("models/gemini-embedding-001");
        assertThat(body.at("/requests/99/content/parts/0/text").asText()).isEqualTo("Text 99");
        assertThat(body.at("/requests/7/outputDimensionality").asInt()).isEqualTo(768);
        JsonNode second = new ObjectMapper()
                .readTree(gemini.server.takeRequest().getBody().readUtf8());
        assertThat(second.at("/requests/0/content/parts/0/text").asText()).isEqualTo("Text 100");
        assertThat(vectors).hasSize(101);
        for (int i : new int[] {0, 1, 100}) {
            JsonNode values = raw.get(i < 100 ? i % 2 : 1).get("values");
            assertThat(vectors.get(i)[0] / vectors.get(i)[1])
                    .as("embedding %d is its text's, normalised", i)
                    .isCloseTo((float) (values.get(0).asDouble() / values.get(1).asDouble()), within(1e-3f));
        }
    }

    @Test
    void aBatchAnswerWithTooFewEmbeddingsIsInvalidOutput() {
        gemini.enqueue(json(200, "{\"embeddings\":[]}"));
        assertFailure(
                () -> gemini.models.embedder().orElseThrow().embedAll(java.util.List.of("a", "b")),
                ProviderFailure.InvalidOutput.class,
                "0 embeddings for 2 texts");
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
