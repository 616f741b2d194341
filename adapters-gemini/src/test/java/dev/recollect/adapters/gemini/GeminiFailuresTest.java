package dev.recollect.adapters.gemini;

import static dev.recollect.adapters.gemini.GeminiGenerationTest.assertFailure;
import static dev.recollect.adapters.gemini.GeminiServer.fixture;
import static dev.recollect.adapters.gemini.GeminiServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.ports.out.LlmException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** Every error in the table, the retries it gets, timeouts, and a key that never leaks. */
class GeminiFailuresTest {
    private final GeminiServer gemini = new GeminiServer();

    @AfterEach
    void stop() throws Exception {
        gemini.close();
    }

    private void synthesize() {
        gemini.concepts("The NATO phonetic alphabet");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "400, error-400-api-key-invalid.json, AuthenticationFailed, 1, HTTP 400 INVALID_ARGUMENT: API key not valid",
        "401, error-401.json, AuthenticationFailed, 1, HTTP 401 UNAUTHENTICATED",
        "403, error-403.json, AuthenticationFailed, 1, HTTP 403 PERMISSION_DENIED: Method doesn't allow",
        "400, error-400-invalid-argument.json, Misconfigured, 1, HTTP 400 INVALID_ARGUMENT: Invalid JSON payload",
        "404, error-404.json, Misconfigured, 1, HTTP 404 NOT_FOUND: models/gemini-0.9-nope is not found",
        "429, error-429-daily.json, QuotaExhausted, 1, HTTP 429 RESOURCE_EXHAUSTED",
        "408, error-504.json, Unreachable, 4, HTTP 408 DEADLINE_EXCEEDED",
        "500, error-500.json, Unreachable, 4, HTTP 500 INTERNAL: An internal error",
        "503, error-503.json, Unreachable, 4, HTTP 503 UNAVAILABLE: This model is currently experiencing high demand",
        "504, error-504.json, Unreachable, 4, HTTP 504 DEADLINE_EXCEEDED",
        "429, error-429.json, RateLimited, 4, HTTP 429 RESOURCE_EXHAUSTED: You exceeded your current quota",
    })
    void eachErrorBecomesItsTypedFailureAfterItsRetries(
            int status, String body, String failure, int requests, String message) throws Exception {
        for (int i = 0; i < requests; i++) {
            gemini.enqueue(json(status, fixture(body)));
        }
        Class<?> type = Class.forName(ProviderFailure.class.getName() + "$" + failure);

        assertThatThrownBy(this::synthesize)
                .isInstanceOf(LlmException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((LlmException) e).providerFailure()).isInstanceOf(type));
        assertThat(gemini.server.getRequestCount()).isEqualTo(requests);
        assertThat(gemini.sleeper.waits()).hasSize(requests - 1);
    }

    @Test
    void a429IsRetriedAfterItsRetryDelayAndThenSucceeds() {
        gemini.enqueue(json(429, fixture("error-429.json")));
        gemini.enqueue(json(200, fixture("concepts-success.json")));

        synthesize();

        assertThat(gemini.sleeper.waits()).containsExactly(Duration.ofSeconds(37));
        assertThat(gemini.server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aDailyQuotaKeepsItsDelayAndFailsAtOnce() {
        gemini.enqueue(json(429, fixture("error-429-daily.json")));
        assertThatThrownBy(this::synthesize).satisfies(e -> assertThat(((LlmException) e).providerFailure())
                .isEqualTo(new ProviderFailure.QuotaExhausted(
                        ((LlmException) e).providerFailure().detail(), Optional.of(Duration.ofMillis(37_025_720)))));
        String zero = fixture("error-429.json").replace("\"37s\"", "\"20s\"").replace("\"10\"", "\"0\"");
        gemini.enqueue(json(429, zero));
        assertFailure(this::synthesize, ProviderFailure.QuotaExhausted.class, "RESOURCE_EXHAUSTED");
        assertThat(gemini.sleeper.waits()).isEmpty();
    }

    @Test
    void transientFailuresBackOffExponentiallyWithJitter() {
        for (int i = 0; i < 4; i++) {
            gemini.enqueue(json(503, fixture("error-503.json")));
        }
        assertFailure(this::synthesize, ProviderFailure.Unreachable.class, "UNAVAILABLE");
        List<Duration> waits = gemini.sleeper.waits();
        assertThat(waits).hasSize(3);
        for (int i = 0; i < waits.size(); i++) {
            assertThat(waits.get(i)).isBetween(Duration.ZERO, Duration.ofSeconds(1L << i));
        }
    }

    @Test
    void bodiesThatAreNotTheEnvelopeFallBackToTheStatus() {
        gemini.enqueue(json(404, ""));
        assertFailure(this::synthesize, ProviderFailure.Misconfigured.class, "HTTP 404 : (no message)");
        gemini.enqueue(
                json(403, "[{\"error\":{\"code\":403,\"status\":\"PERMISSION_DENIED\",\"message\":\"leaked\"}}]"));
        assertFailure(this::synthesize, ProviderFailure.AuthenticationFailed.class, "PERMISSION_DENIED: leaked");
        gemini.enqueue(json(418, "<html>teapot</html>"));
        assertFailure(this::synthesize, ProviderFailure.Misconfigured.class, "HTTP 418");
    }

    @Test
    void aSuccessWhoseBodyIsAnErrorIsThatError() {
        gemini.enqueue(json(200, "{\"error\":{\"code\":403,\"status\":\"PERMISSION_DENIED\",\"message\":\"no\"}}"));
        assertFailure(this::synthesize, ProviderFailure.AuthenticationFailed.class, "PERMISSION_DENIED: no");
        assertThat(gemini.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void connectionResetsAreRetriedThenReportedAsUnreachable() {
        gemini.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
        gemini.enqueue(json(200, fixture("concepts-success.json")));
        synthesize();
        assertThat(gemini.server.getRequestCount()).isEqualTo(2);
        for (int i = 0; i < 4; i++) {
            gemini.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        }
        assertFailure(this::synthesize, ProviderFailure.Unreachable.class, "Gemini connection failed");
    }

    @Test
    void aSilentServerTimesOut() throws Exception {
        try (GeminiServer slow =
                new GeminiServer(c -> c.timeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMillis(300))
                        .maxAttempts(1))) {
            slow.enqueue(json(200, fixture("concepts-success.json"))
                    .setHeadersDelay(2, java.util.concurrent.TimeUnit.SECONDS));
            assertFailure(() -> slow.concepts("x"), ProviderFailure.Unreachable.class, "Gemini timed out");
            slow.enqueue(GeminiServer.sse(GeminiServer.event("{\"phrasings\":[", null), 4096)
                    .setBodyDelay(2, java.util.concurrent.TimeUnit.SECONDS));
            assertFailure(() -> slow.codeWords(p -> true), ProviderFailure.Unreachable.class, "timed out");
        }
    }

    @Test
    void theKeyNeverReachesALogOrAMessage() {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.recollect.adapters.gemini");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        logger.addAppender(captured);
        Level before = logger.getLevel();
        logger.setLevel(Level.TRACE);
        try {
            String echoed = fixture("error-400-api-key-invalid.json")
                    .replace("API key not valid.", "API key " + GeminiServer.KEY + " not valid.");
            gemini.enqueue(json(400, echoed));
            assertThatThrownBy(this::synthesize).satisfies(e -> assertThat(e.getMessage())
                    .doesNotContain(GeminiServer.KEY)
                    .contains("API key **** not valid"));
            String leaky = fixture("error-503.json").replace("high demand", "high demand for " + GeminiServer.KEY);
            for (int i = 0; i < 4; i++) {
                gemini.enqueue(json(503, leaky));
            }
            assertThatThrownBy(this::synthesize)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(GeminiServer.KEY));
            assertThat(captured.list).isNotEmpty();
            assertThat(captured.list)
                    .allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(GeminiServer.KEY));
            assertThat(gemini.config.toString())
                    .doesNotContain(GeminiServer.KEY)
                    .contains("apiKey=****");
        } finally {
            logger.detachAppender(captured);
            logger.setLevel(before);
        }
    }
}
