package dev.recollect.cli.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A stand-in for Gemini on a {@code MockWebServer}: every concept call proposes "Tidal forces" and "Spring tides",
 * every phrasing call streams four true/false phrasings of the concept asked for (all answered "True"), every
 * embedding is 768 times 0.5. Concept calls report 100 prompt and 50 output tokens; phrasing calls 200 prompt, 300
 * output and 40 thinking tokens.
 */
public final class FakeGemini extends Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The concepts every concept call proposes, in order. */
    public static final List<String> CONCEPTS = List.of("Tidal forces", "Spring tides");

    /** How many phrasings each phrasing call streams. */
    public static final int PHRASINGS_PER_CONCEPT = 4;

    private final boolean breakPhrasings;

    /** A stand-in that answers every call well. */
    public FakeGemini() {
        this(false);
    }

    private FakeGemini(boolean breakPhrasings) {
        this.breakPhrasings = breakPhrasings;
    }

    /**
     * A stand-in whose phrasing calls answer malformed JSON that says it is complete: one phrasing, then the text cut
     * mid-object and closed with {@code }}]}, finish reason STOP.
     */
    public static FakeGemini breakingPhrasings() {
        return new FakeGemini(true);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath() == null ? "" : request.getPath();
        try {
            if (path.contains(":generateContent")) {
                return new MockResponse()
                        .setBody(withUsage(
                                text(Map.of("concepts", concepts())),
                                "{\"promptTokenCount\":100,\"candidatesTokenCount\":50,\"totalTokenCount\":150}"));
            }
            if (path.contains(":batchEmbedContents")) {
                int texts = JSON.readTree(request.getBody().readUtf8())
                        .get("requests")
                        .size();
                String one = "{\"values\":[" + "0.5,".repeat(767) + "0.5]}";
                return new MockResponse()
                        .setBody("{\"embeddings\":[" + String.join(",", java.util.Collections.nCopies(texts, one))
                                + "]}");
            }
            if (path.contains(":embedContent")) {
                return new MockResponse().setBody("{\"embedding\":{\"values\":[" + "0.5,".repeat(767) + "0.5]}}");
            }
            if (path.contains(":streamGenerateContent")) {
                String concept = request.getBody().readUtf8().contains(CONCEPTS.get(1)) ? "spring" : "tidal";
                if (breakPhrasings) {
                    String whole = JSON.writeValueAsString(Map.of("phrasings", phrasings(concept)));
                    String broken = whole.substring(0, whole.indexOf("Question 1")) + "}}]";
                    return new MockResponse()
                            .setHeader("Content-Type", "text/event-stream")
                            .setBody("data: " + text(broken) + "\r\n\r\n");
                }
                return new MockResponse()
                        .setHeader("Content-Type", "text/event-stream")
                        .setChunkedBody(
                                "data: "
                                        + withUsage(
                                                text(Map.of("phrasings", phrasings(concept))),
                                                "{\"promptTokenCount\":200,\"candidatesTokenCount\":300,"
                                                        + "\"thoughtsTokenCount\":40,\"totalTokenCount\":540}")
                                        + "\r\n\r\n",
                                17);
            }
            return new MockResponse().setResponseCode(404);
        } catch (JsonProcessingException e) {
            return new MockResponse().setResponseCode(500);
        }
    }

    private static List<Map<String, String>> concepts() {
        return List.of(
                Map.of("title", CONCEPTS.get(0), "description", "The moon pulls the oceans.", "whyItMatters", "Tides."),
                Map.of("title", CONCEPTS.get(1), "description", "Sun and moon align.", "whyItMatters", "Big tides."));
    }

    private static List<Map<String, Object>> phrasings(String concept) {
        List<Map<String, Object>> phrasings = new ArrayList<>();
        for (int i = 0; i < PHRASINGS_PER_CONCEPT; i++) {
            phrasings.add(Map.of(
                    "question", "Question " + i + " about " + concept + " tides, in full?",
                    "explanation", "Because the moon and the sun pull on the water.",
                    "type", "true-false",
                    "options", List.of("True", "False"),
                    "correctAnswer", "True"));
        }
        return phrasings;
    }

    /** A response whose one candidate's text is {@code document} as JSON. */
    private static String text(Object document) throws JsonProcessingException {
        return text(JSON.writeValueAsString(document));
    }

    /** A response whose one candidate's text is {@code text}, finished with STOP. */
    private static String text(String text) throws JsonProcessingException {
        return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":" + JSON.writeValueAsString(text)
                + "}]},\"finishReason\":\"STOP\"}]}";
    }

    /** {@code response} with a {@code usageMetadata} of {@code usage}. */
    private static String withUsage(String response, String usage) {
        return response.substring(0, response.length() - 1) + ",\"usageMetadata\":" + usage + "}";
    }
}
