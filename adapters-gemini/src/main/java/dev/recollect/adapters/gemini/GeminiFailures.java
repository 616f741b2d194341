package dev.recollect.adapters.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.domain.failure.ProviderFailure;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns Gemini's errors into typed failures. The status decides first, then Google's own details: an invalid key
 * comes back as 400 with {@code ErrorInfo.reason = API_KEY_INVALID}, and a 429 carries its {@code RetryInfo}.
 * Messages carry the HTTP status, Google's status and Google's message, with the key masked should it ever appear.
 */
final class GeminiFailures {
    /** A 429 that asks for longer than this is a quota that waiting will not restore soon. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(120);

    private final ObjectMapper json;
    private final String apiKey;

    GeminiFailures(ObjectMapper json, String apiKey) {
        this.json = json;
        this.apiKey = apiKey;
    }

    /** The failure an HTTP error response means; {@code body} may be empty, not JSON, or wrapped in an array. */
    ProviderFailure fromHttp(int httpStatus, String body) {
        JsonNode error = errorNode(body);
        return classify(httpStatus, error);
    }

    /** The failure an {@code error} object inside a 200 stream means: like the HTTP status it names. */
    ProviderFailure fromStreamEvent(JsonNode error) {
        return classify(error.path("code").asInt(500), error);
    }

    /** The failure a transport error means: always transient. */
    ProviderFailure fromIo(IOException e) {
        String what = e instanceof InterruptedIOException ? "timed out" : "connection failed";
        return new ProviderFailure.Unreachable("Gemini " + what + ": " + masked(String.valueOf(e.getMessage())));
    }

    private ProviderFailure classify(int httpStatus, JsonNode error) {
        String detail = masked("HTTP " + httpStatus + " " + error.path("status").asText("") + ": "
                + error.path("message").asText("(no message)"));
        if (httpStatus == 401 || httpStatus == 403 || hasReason(error, "API_KEY_INVALID")) {
            return new ProviderFailure.AuthenticationFailed(detail);
        }
        if (httpStatus == 429) {
            Optional<Duration> delay = retryDelay(error);
            boolean lasting = delay.map(d -> d.compareTo(LONGEST_WAIT) > 0).orElse(false) || isDailyOrZero(error);
            return lasting
                    ? new ProviderFailure.QuotaExhausted(detail, delay)
                    : new ProviderFailure.RateLimited(detail, delay);
        }
        if (httpStatus == 408 || httpStatus >= 500) {
            return new ProviderFailure.Unreachable(detail);
        }
        // 400 INVALID_ARGUMENT and FAILED_PRECONDITION, 404 for an unknown or retired model, and anything else.
        return new ProviderFailure.Misconfigured(detail);
    }

    private JsonNode errorNode(String body) {
        try {
            JsonNode root = json.readTree(body == null ? "" : body);
            if (root != null && root.isArray() && !root.isEmpty()) {
                root = root.get(0);
            }
            JsonNode error = root == null ? null : root.get("error");
            return error != null && error.isObject() ? error : json.createObjectNode();
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static boolean hasReason(JsonNode error, String reason) {
        for (JsonNode detail : error.path("details")) {
            if (reason.equals(detail.path("reason").asText())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Duration> retryDelay(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            if (detail.path("@type").asText().endsWith("google.rpc.RetryInfo")) {
                return parseDuration(detail.path("retryDelay").asText(""));
            }
        }
        return Optional.empty();
    }

    /** A protobuf Duration in JSON: seconds with an optional fraction and an {@code s}, such as {@code "2.46s"}. */
    static Optional<Duration> parseDuration(String text) {
        if (!text.matches("\\d+(\\.\\d{1,9})?s")) {
            return Optional.empty();
        }
        BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1));
        return Optional.of(Duration.ofNanos(seconds.movePointRight(9).longValueExact()));
    }

    private static boolean isDailyOrZero(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            for (JsonNode violation : detail.path("violations")) {
                if (violation.path("quotaId").asText().contains("PerDay")
                        || "0".equals(violation.path("quotaValue").asText())) {
                    return true;
                }
            }
        }
        String message = error.path("message").asText("").toLowerCase(Locale.ROOT);
        return message.contains("limit: 0,") || message.contains("per day");
    }

    /** {@code text} with the API key, should a server or proxy ever echo it, replaced by asterisks. */
    String masked(String text) {
        return text.replace(apiKey, "****");
    }
}
