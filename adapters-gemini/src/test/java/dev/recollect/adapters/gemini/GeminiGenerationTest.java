package dev.recollect.adapters.gemini;

import static dev.recollect.adapters.gemini.GeminiServer.fixture;
import static dev.recollect.adapters.gemini.GeminiServer.json;
import static dev.recollect.adapters.gemini.GeminiServer.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.domain.generation.ConceptIdea;
import dev.recollect.domain.generation.GeneratedPhrasing;
import dev.recollect.ports.out.LlmException;
import dev.recollect.ports.out.PhrasingGenerator;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Concept synthesis and streamed phrasings against a MockWebServer: requests, parsing, and what responses mean. */
class GeminiGenerationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final GeminiServer gemini = new GeminiServer();

    @AfterEach
    void stop() throws Exception {
        gemini.close();
    }

    private List<GeneratedPhrasing> generate(List<String> existing, int count) {
        List<GeneratedPhrasing> received = new ArrayList<>();
        gemini.models
                .phrasingGenerator()
                .generate(
                        new PhrasingGenerator.Request("Code words for J to R", "Juliett to Romeo.", existing, count),
                        received::add,
                        gemini.calls::add);
        return received;
    }

    @Test
    void aConceptRequestCarriesTheKeyInItsHeaderAndAskForStructuredJson() throws Exception {
        gemini.enqueue(json(200, fixture("concepts-success.json")));

        List<ConceptIdea> ideas = gemini.concepts("The NATO phonetic alphabet");

        RecordedRequest request = gemini.server.takeRequest();
        assertThat(request.getPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(request.getHeader("x-goog-api-key")).isEqualTo(GeminiServer.KEY);
        assertThat(request.getRequestUrl().toString()).doesNotContain("key=");
        JsonNode body = JSON.readTree(request.getBody().readUtf8());
        JsonNode config = body.get("generationConfig");
        assertThat(config.get("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(config.at("/responseJsonSchema/properties/concepts/items/required"))
                .extracting(JsonNode::asText)
                .containsExactly("title", "description", "whyItMatters");
        assertThat(config.at("/responseJsonSchema/properties/concepts/maxItems").asInt())
                .isEqualTo(6);
        assertThat(config.at("/thinkingConfig/thinkingBudget").asInt()).isZero();
        assertThat(body.toString()).doesNotContain("$schema", "responseSchema\"");
        assertThat(body.at("/contents/0/parts/0/text").asText()).contains("The NATO phonetic alphabet", "3 to 6");
        assertThat(body.at("/systemInstruction/parts/0/text").asText()).contains("atomic concepts");
        // The thought part is skipped, and the concept without a title is dropped by the DTO constraints.
        assertThat(ideas)
                .extracting(ConceptIdea::title)
                .containsExactly("Code words for A to I", "Why \"Alfa\" has an f");
        assertThat(ideas.get(1).description()).contains("—");
    }

    @Test
    void phrasingsStreamFromTheRecordedEventsWithTheExistingQuestionsListed() throws Exception {
        gemini.enqueue(sse(fixture("phrasings-stream.sse"), 64));

        List<GeneratedPhrasing> received = generate(List.of("Which code word stands for the letter K?"), 4);

        RecordedRequest request = gemini.server.takeRequest();
        assertThat(request.getPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        JsonNode body = JSON.readTree(request.getBody().readUtf8());
        String prompt = body.at("/contents/0/parts/0/text").asText();
        assertThat(prompt)
                .contains(
                        "Code words for J to R",
                        "Write 4 questions",
                        "Alternate multiple-choice",
                        "- Which code word stands for the letter K?");
        assertThat(body.at("/generationConfig/responseJsonSchema/properties/phrasings/items/properties/type/enum"))
                .extracting(JsonNode::asText)
                .containsExactly("multiple-choice", "true-false");
        assertThat(received)
                .extracting(GeneratedPhrasing::question)
                .containsExactlyElementsOf(GeminiServer.RECORDED_QUESTIONS);
        assertThat(received.get(0).explanation()).isEqualTo("Q is \"Quebec\" — pronounced keh-BECK.");
        assertThat(received.get(2).explanation()).contains("a backslash \\ does not");
        assertThat(received.get(0).options()).containsExactly("Queen", "Quebec", "Quito");
    }

    @Test
    void eachPhrasingReachesTheSinkBeforeTheStreamEnds() {
        String first = "{\"phrasings\":[{\"question\":\"Which code word stands for the letter Q?\",\"explanation\":"
                + "\"Q is Quebec.\",\"type\":\"multiple-choice\",\"options\":[\"Queen\",\"Quebec\",\"Quito\"],"
                + "\"correctAnswer\":\"Quebec\"},";
        // The stream dies after the first object: it must already be in the sink, and is kept.
        gemini.enqueue(sse(
                GeminiServer.event(first, null)
                        + "data: {\"error\":{\"code\":503,\"message\":\"high demand\",\"status\":\"UNAVAILABLE\"}}\r\n\r\n",
                1024));
        List<GeneratedPhrasing> received = new ArrayList<>();

        assertThatThrownBy(() -> gemini.codeWords(received::add))
                .isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).providerFailure())
                        .isInstanceOf(ProviderFailure.Unreachable.class))
                .hasMessageContaining("HTTP 503 UNAVAILABLE: high demand");
        assertThat(received).hasSize(1);
        // Items had gone out, so the stream was not restarted.
        assertThat(gemini.server.getRequestCount()).isEqualTo(1);
        assertThat(gemini.sleeper.waits()).isEmpty();
    }

    @Test
    void aStreamThatFailsBeforeItsFirstItemIsRetried() {
        gemini.enqueue(
                sse("data: {\"error\":{\"code\":500,\"status\":\"INTERNAL\",\"message\":\"oops\"}}\r\n\r\n", 64));
        gemini.enqueue(sse(fixture("phrasings-stream.sse"), 4096));

        assertThat(generate(List.of(), 4)).hasSize(3);
        assertThat(gemini.server.getRequestCount()).isEqualTo(2);
        assertThat(gemini.sleeper.waits()).hasSize(1);
    }

    @Test
    void theSinkCanStopTheStream() {
        gemini.enqueue(sse(fixture("phrasings-stream.sse"), 4096));
        List<GeneratedPhrasing> received = new ArrayList<>();
        gemini.codeWords(p -> {
            received.add(p);
            return false;
        });
        assertThat(received).hasSize(1);
    }

    @Test
    void aStreamCutAtTheTokenLimitKeepsTheItemsBeforeTheCut() {
        String text = fixture("phrasings.json");
        String cut = text.substring(0, text.indexOf("In the NATO alphabet, M") + 10);
        gemini.enqueue(sse(GeminiServer.event(cut, "MAX_TOKENS"), 4096));
        List<GeneratedPhrasing> received = new ArrayList<>();

        assertThatThrownBy(() -> gemini.codeWords(received::add))
                .satisfies(e ->
                        assertThat(((LlmException) e).providerFailure()).isInstanceOf(ProviderFailure.Truncated.class));
        assertThat(received).hasSize(1);
    }

    @Test
    void aMalformedAnswerThatSaysStopIsInvalidOutput_itsClosedPhrasingsHandedOverButNotTakenForTheWhole() {
        String text = fixture("phrasings.json");
        String broken = text.substring(0, text.indexOf("In the NATO alphabet, M") + 10) + "}}]";
        gemini.enqueue(sse(GeminiServer.event(broken, "STOP"), 4096));
        List<GeneratedPhrasing> received = new ArrayList<>();

        assertFailure(
                () -> gemini.codeWords(received::add), ProviderFailure.InvalidOutput.class, "not well-formed JSON");
        assertThat(received).as("saved as they streamed, and kept").hasSize(1);
    }

    @Test
    void aMalformedConceptAnswerThatSaysStopIsInvalidOutput_notItsFirstConcept() {
        String broken = "{\"concepts\":[{\"title\":\"Letters A to F\",\"description\":\"Alfa to Foxtrot.\","
                + "\"whyItMatters\":\"The start.\"},{\"title\":\"Lett}}]";
        gemini.enqueue(json(200, answer(broken)));

        assertFailure(() -> gemini.concepts("x"), ProviderFailure.InvalidOutput.class, "not well-formed JSON");
    }

    @Test
    void aWellFormedAnswerWithoutItsArrayIsInvalidOutput_andAFencedOneIsRead() {
        gemini.enqueue(json(200, answer("{\"ideas\":[]}")));
        assertFailure(() -> gemini.concepts("x"), ProviderFailure.InvalidOutput.class, "no \"concepts\" array");
        gemini.enqueue(sse(GeminiServer.event("{\"phrasings\": {}}", "STOP"), 4096));
        assertFailure(() -> generate(List.of(), 4), ProviderFailure.InvalidOutput.class, "no \"phrasings\" array");
        gemini.enqueue(sse(GeminiServer.event("```json\n" + fixture("phrasings.json") + "\n```", "STOP"), 4096));
        assertThat(generate(List.of(), 4)).hasSize(3);
    }

    /** A {@code generateContent} answer whose one candidate's text is {@code text}, finished with STOP. */
    private static String answer(String text) {
        return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":" + GeminiServer.quote(text)
                + "}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}]}";
    }

    @Test
    void blockedPromptsAndOutputsAreContentBlocked() {
        gemini.enqueue(json(200, fixture("prompt-blocked.json")));
        assertFailure(() -> gemini.concepts("x"), ProviderFailure.ContentBlocked.class, "blocked the prompt: SAFETY");
        gemini.enqueue(sse("data: " + fixture("prompt-blocked.json").replace("\n", "") + "\r\n\r\n", 4096));
        assertFailure(() -> generate(List.of(), 4), ProviderFailure.ContentBlocked.class, "blocked the prompt");
        gemini.enqueue(json(200, fixture("output-blocked.json")));
        assertFailure(() -> gemini.concepts("x"), ProviderFailure.ContentBlocked.class, "blocked the output: SAFETY");
        gemini.enqueue(sse(GeminiServer.event("{\"phrasings\":[", "RECITATION"), 4096));
        assertFailure(() -> generate(List.of(), 4), ProviderFailure.ContentBlocked.class, "RECITATION");
        assertThat(gemini.server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void unusableAnswersAreInvalidOutput() {
        gemini.enqueue(json(200, "{\"candidates\":[]}"));
        assertFailure(() -> gemini.concepts("x"), ProviderFailure.InvalidOutput.class, "no candidates");
        String noConcepts = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"{\\\"concepts\\\":[]}\"}]},"
                + "\"finishReason\":\"SOMETHING_NEW\"}]}";
        gemini.enqueue(json(200, noConcepts));
        assertFailure(
                () -> gemini.concepts("x"),
                ProviderFailure.InvalidOutput.class,
                "no valid concept (finish reason SOMETHING_NEW)");
    }

    @Test
    void malformedJsonIsInvalidOutputAndRetried() {
        for (int i = 0; i < 4; i++) {
            gemini.enqueue(json(200, "{\"candidates\": [ oops"));
        }
        assertFailure(() -> gemini.concepts("x"), ProviderFailure.InvalidOutput.class, "malformed JSON");
        assertThat(gemini.server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void anUnknownFinishReasonIsTolerated() {
        String text = fixture("concepts-success.json").replace("\"STOP\"", "\"SOMETHING_NEW\"");
        gemini.enqueue(json(200, text));
        assertThat(gemini.concepts("x")).hasSize(2);
        gemini.enqueue(sse(fixture("phrasings-stream.sse").replace("\"STOP\"", "\"OTHER\""), 4096));
        assertThat(generate(List.of(), 4)).hasSize(3);
    }

    static void assertFailure(Runnable call, Class<? extends ProviderFailure> type, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOf(LlmException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((LlmException) e).providerFailure()).isInstanceOf(type));
    }
}
