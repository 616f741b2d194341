package dev.recollect.adapters.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.domain.usage.TokenUsage;
import dev.recollect.ports.out.LlmException;
import java.util.Set;

/**
 * Reads a {@code GenerateContentResponse} (one response, or one event of a stream): the answer's text without the
 * thought parts, and what a blocked prompt or a finish reason means. Finish reasons are strings, since Google adds
 * new ones; an unknown one is tolerated.
 */
final class GeminiResponses {
    private static final Set<String> BLOCKED = Set.of(
            "SAFETY",
            "RECITATION",
            "PROHIBITED_CONTENT",
            "BLOCKLIST",
            "SPII",
            "LANGUAGE",
            "IMAGE_SAFETY",
            "IMAGE_PROHIBITED_CONTENT",
            "IMAGE_RECITATION");

    private GeminiResponses() {}

    /** Throws when the prompt was blocked: {@code promptFeedback.blockReason}, with no candidates, on HTTP 200. */
    static void checkPrompt(JsonNode response) {
        String reason = response.path("promptFeedback").path("blockReason").asText("");
        if (!reason.isEmpty() && !reason.equals("BLOCK_REASON_UNSPECIFIED")) {
            throw new LlmException(new ProviderFailure.ContentBlocked("Gemini blocked the prompt: " + reason));
        }
    }

    /** The text of the first candidate's parts, thought parts skipped; empty when it has none. */
    static String text(JsonNode response) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : response.path("candidates").path(0).path("content").path("parts")) {
            if (!part.path("thought").asBoolean(false)) {
                text.append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }

    /**
     * The tokens {@code usageMetadata} reports, {@link TokenUsage#NONE} when absent. In a stream every event carries
     * the running totals, so the last event's figures are the call's.
     */
    static TokenUsage usage(JsonNode response) {
        JsonNode usage = response.get("usageMetadata");
        if (usage == null || !usage.isObject()) {
            return TokenUsage.NONE;
        }
        return TokenUsage.ofCall(
                count(usage, "promptTokenCount"),
                count(usage, "candidatesTokenCount"),
                count(usage, "thoughtsTokenCount"),
                count(usage, "totalTokenCount"));
    }

    private static long count(JsonNode usage, String field) {
        // A count Google leaves out is zero; one that is not a non-negative integer is not trusted either.
        long value = usage.path(field).asLong(0);
        return Math.max(0, value);
    }

    /** The first candidate's finish reason, or an empty string when it has none (yet). */
    static String finishReason(JsonNode response) {
        return response.path("candidates").path(0).path("finishReason").asText("");
    }

    /**
     * Throws when {@code reason} means the output is unusable or cut short: blocked output, or the token limit (whose
     * items completed before the cut the caller has already kept).
     */
    static void checkFinish(String reason) {
        if (reason.equals("MAX_TOKENS")) {
            throw new LlmException(new ProviderFailure.Truncated("Gemini stopped at the output token limit"));
        }
        if (BLOCKED.contains(reason)) {
            throw new LlmException(new ProviderFailure.ContentBlocked("Gemini blocked the output: " + reason));
        }
    }

    /**
     * Throws {@link ProviderFailure.InvalidOutput} unless {@code text}, the model's whole answer, is the JSON document
     * asked for: an object whose {@code field} is an array, or a bare array (a markdown fence around it is tolerated).
     * The items that closed before a break in a malformed answer are not the answer: unlike a truncated one (which
     * says so with MAX_TOKENS), a malformed answer cannot tell how much of it is missing, so the call is retried for
     * what is missing instead of passing for complete.
     */
    static void checkWellFormed(ObjectMapper json, String text, String field) {
        String body = text.strip();
        if (body.startsWith("```")) {
            body = body.replaceFirst("^```(json)?", "").replaceFirst("```$", "").strip();
        }
        JsonNode document;
        try {
            document = json.reader()
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(body);
        } catch (JsonProcessingException e) {
            throw new LlmException(new ProviderFailure.InvalidOutput(
                    "Gemini's answer is not well-formed JSON: " + e.getOriginalMessage()));
        }
        JsonNode items = document == null || document.isMissingNode()
                ? null
                : document.isArray() ? document : document.get(field);
        if (items == null || !items.isArray()) {
            throw new LlmException(new ProviderFailure.InvalidOutput("Gemini's answer has no \"" + field + "\" array"));
        }
    }
}
