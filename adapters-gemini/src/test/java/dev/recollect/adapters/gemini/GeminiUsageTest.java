package dev.recollect.adapters.gemini;

import static dev.recollect.adapters.gemini.GeminiServer.fixture;
import static dev.recollect.adapters.gemini.GeminiServer.json;
import static dev.recollect.adapters.gemini.GeminiServer.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.usage.TokenUsage;
import dev.recollect.ports.out.LlmCall;
import dev.recollect.ports.out.LlmException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every call reports its model, its attempts and the tokens of {@code usageMetadata}, however it ends. */
class GeminiUsageTest {
    private final GeminiServer gemini = new GeminiServer();

    @AfterEach
    void stop() throws Exception {
        gemini.close();
    }

    @Test
    void aConceptCallReportsItsPromptOutputAndThinkingTokens() {
        gemini.enqueue(json(200, fixture("concepts-success.json")));

        gemini.concepts("NATO");

        assertThat(gemini.calls)
                .containsExactly(new LlmCall("gemini-2.5-flash", TokenUsage.ofCall(120, 96, 12, 228), 1));
    }

    @Test
    void aStreamReportsItsLastEventsTotalsNotTheirSum() {
        gemini.enqueue(sse(fixture("phrasings-stream.sse"), 64));

        gemini.codeWords(p -> true);

        assertThat(gemini.calls)
                .containsExactly(new LlmCall("gemini-2.5-flash", TokenUsage.ofCall(150, 125, 0, 275), 1));
    }

    @Test
    void aStreamTheCallerStopsEarlyReportsWhatItSawSoFar() {
        gemini.enqueue(sse(fixture("phrasings-stream.sse"), 4096));
        List<Object> received = new ArrayList<>();

        gemini.codeWords(p -> received.add(p) && false);

        assertThat(received).hasSize(1);
        // The first item closes in the third event, whose running totals are 150 and 75.
        assertThat(gemini.calls)
                .containsExactly(new LlmCall("gemini-2.5-flash", TokenUsage.ofCall(150, 75, 0, 225), 1));
    }

    @Test
    void retriedAttemptsAreCountedAndEachAttemptsTokensAdded() {
        gemini.enqueue(json(503, fixture("error-503.json")));
        gemini.enqueue(json(200, fixture("output-blocked.json")));

        assertThatThrownBy(() -> gemini.concepts("x")).isInstanceOf(LlmException.class);
        gemini.enqueue(json(503, fixture("error-503.json")));
        // Before its error, this attempt was billed 40 prompt tokens but handed out no item, so it is retried.
        gemini.enqueue(sse(
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"{\\\"phrasings\\\": [\"}]}}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":40,\"totalTokenCount\":40}}\r\n\r\n"
                        + "data: {\"error\":{\"code\":500,\"status\":\"INTERNAL\",\"message\":\"oops\"}}\r\n\r\n",
                64));
        gemini.enqueue(sse(fixture("phrasings-stream.sse"), 4096));
        gemini.codeWords(p -> true);

        assertThat(gemini.calls)
                .containsExactly(
                        // A blocked answer is billed: its 30 prompt tokens are reported with the failure.
                        new LlmCall("gemini-2.5-flash", TokenUsage.ofCall(30, 0, 0, 30), 2),
                        new LlmCall("gemini-2.5-flash", new TokenUsage(2, 190, 125, 0, 315), 3));
    }

    @Test
    void aCallThatNeverGotAnAnswerReportsNoTokens() {
        gemini.enqueue(json(401, fixture("error-401.json")));

        assertThatThrownBy(() -> gemini.concepts("x")).isInstanceOf(LlmException.class);

        assertThat(gemini.calls).containsExactly(new LlmCall("gemini-2.5-flash", TokenUsage.NONE, 1));
    }

    @Test
    void countsThatAreMissingOrNotNumbersAreZero() {
        assertThat(GeminiResponses.usage(Json.mapper().createObjectNode())).isEqualTo(TokenUsage.NONE);
        assertThat(GeminiResponses.usage(read("{\"usageMetadata\":{\"promptTokenCount\":5}}")))
                .isEqualTo(TokenUsage.ofCall(5, 0, 0, 0));
        assertThat(
                        GeminiResponses.usage(
                                read(
                                        "{\"usageMetadata\":{\"promptTokenCount\":-5,\"candidatesTokenCount\":\"x\",\"totalTokenCount\":7}}")))
                .isEqualTo(TokenUsage.ofCall(0, 0, 0, 7));
        assertThat(GeminiResponses.usage(read("{\"usageMetadata\":3}"))).isEqualTo(TokenUsage.NONE);
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
