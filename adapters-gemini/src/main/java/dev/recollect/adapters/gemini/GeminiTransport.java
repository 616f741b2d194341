package dev.recollect.adapters.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recollect.domain.failure.ErrorClassifier;
import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.domain.failure.RetryPolicy;
import dev.recollect.domain.usage.TokenUsage;
import dev.recollect.ports.out.LlmCall;
import dev.recollect.ports.out.LlmException;
import dev.recollect.ports.out.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to Gemini: the key in its header, typed failures, and retries with exponential backoff and jitter (1 s,
 * doubling, at most 60 s) that honour {@code RetryInfo.retryDelay}. Authentication, invalid requests, blocked content
 * and lasting quotas are never retried.
 *
 * <p>A stream is retried only while it has handed nothing to its caller. Once an item has gone out, a failure is
 * thrown as it is (retryable or not), and the job pipeline's own retry asks the model again for only the phrasings
 * still missing, listing the saved ones as existing questions; restarting the same request here would repeat them.
 */
final class GeminiTransport {
    private static final Logger log = LoggerFactory.getLogger(GeminiTransport.class);
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration LONGEST_DELAY = Duration.ofSeconds(60);

    /** Receives the events of a stream. */
    interface StreamListener {
        /** Takes one event (already checked for an {@code error}); returns whether to keep reading. */
        boolean onEvent(JsonNode event);

        /** Whether anything was handed on to the caller yet; a stream that did is never restarted. */
        boolean deliveredAny();

        /** Forgets what an earlier attempt received; called before every attempt. */
        void restart();
    }

    private final GeminiModels.Config config;
    private final OkHttpClient client;
    private final ObjectMapper json;
    private final GeminiFailures failures;
    private final Sleeper sleeper;
    private final RandomGenerator jitter;
    private final RetryPolicy retry;

    GeminiTransport(
            GeminiModels.Config config,
            OkHttpClient client,
            ObjectMapper json,
            Sleeper sleeper,
            RandomGenerator jitter) {
        this.config = config;
        this.client = client;
        this.json = json;
        this.failures = new GeminiFailures(json, config.apiKey());
        this.sleeper = sleeper;
        this.jitter = jitter;
        this.retry = new RetryPolicy(config.maxAttempts(), FIRST_DELAY, LONGEST_DELAY);
    }

    GeminiFailures failures() {
        return failures;
    }

    /**
     * POSTs {@code body} to {@code model}'s {@code method} and returns the parsed response, retrying as needed;
     * {@code calls} hears of the call, its attempts and its tokens, however it ends.
     */
    JsonNode call(String model, String method, ObjectNode body, LlmCall.Listener calls) {
        Tally tally = new Tally();
        try {
            return withRetries(method, tally, () -> once(model, method, body, tally), () -> false);
        } finally {
            tally.settle();
            calls.called(new LlmCall(model, tally.usage, tally.attempts));
        }
    }

    /**
     * Streams {@code model}'s {@code streamGenerateContent} for {@code body} to {@code listener}; {@code calls} hears
     * of the call, its attempts and its tokens, however it ends.
     */
    void stream(String model, ObjectNode body, StreamListener listener, LlmCall.Listener calls) {
        Tally tally = new Tally();
        try {
            withRetries(
                    "streamGenerateContent",
                    tally,
                    () -> {
                        listener.restart();
                        streamOnce(model, body, listener, tally);
                        return null;
                    },
                    listener::deliveredAny);
        } finally {
            tally.settle();
            calls.called(new LlmCall(model, tally.usage, tally.attempts));
        }
    }

    /** What one call's attempts have used: a failed attempt may have been billed too. */
    private static final class Tally {
        private int attempts;
        private TokenUsage usage = TokenUsage.NONE;
        /** What the running attempt has reported so far. */
        private TokenUsage current = TokenUsage.NONE;

        /** Starts attempt {@code number}, adding up what the one before it used. */
        void attempt(int number) {
            settle();
            attempts = number;
        }

        /** Adds up what the last attempt used. */
        void settle() {
            usage = usage.plus(current);
            current = TokenUsage.NONE;
        }
    }

    private interface Attempt<T> {
        T run() throws IOException;
    }

    private <T> T withRetries(
            String method, Tally tally, Attempt<T> attempt, java.util.function.BooleanSupplier delivered) {
        for (int number = 1; ; number++) {
            LlmException failure;
            tally.attempt(number);
            try {
                return attempt.run();
            } catch (LlmException e) {
                failure = e;
            } catch (IOException e) {
                failure = new LlmException(failures.fromIo(e), e);
            }
            if (Thread.currentThread().isInterrupted() || delivered.getAsBoolean()) {
                throw failure;
            }
            ProviderFailure typed = failure.providerFailure();
            Optional<Duration> wait = retry.afterFailure(
                            number,
                            ErrorClassifier.classify(typed, ErrorClassifier.Stage.PHRASINGS),
                            typed.retryAfter(),
                            jitter)
                    .fold(retryAfter -> Optional.of(retryAfter.delay()), giveUp -> Optional.empty());
            if (wait.isEmpty()) {
                throw failure;
            }
            log.warn("Gemini {} attempt {} failed ({}); retrying in {}", method, number, typed.detail(), wait.get());
            try {
                sleeper.sleep(wait.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    private Call newCall(String model, String method, ObjectNode body, String query) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Request request = new Request.Builder()
                .url(config.baseUrl() + "/v1beta/models/" + model + ":" + method + query)
                .header("x-goog-api-key", config.apiKey())
                .post(RequestBody.create(text, JSON_TYPE))
                .build();
        return client.newCall(request);
    }

    private JsonNode once(String model, String method, ObjectNode body, Tally tally) throws IOException {
        Call call = newCall(model, method, body, "");
        call.timeout().timeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try (Response response = call.execute()) {
            String text = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new LlmException(failures.fromHttp(response.code(), text));
            }
            JsonNode parsed = parse(text);
            JsonNode error = parsed.get("error");
            if (error != null && error.isObject()) {
                // A 200 whose body is an error (a proxy's, or the API's own) is that error, as in a stream.
                throw new LlmException(failures.fromStreamEvent(error));
            }
            tally.current = GeminiResponses.usage(parsed);
            return parsed;
        }
    }

    private void streamOnce(String model, ObjectNode body, StreamListener listener, Tally tally) throws IOException {
        try (Response response =
                newCall(model, "streamGenerateContent", body, "?alt=sse").execute()) {
            if (!response.isSuccessful()) {
                String text = response.body() == null ? "" : response.body().string();
                throw new LlmException(failures.fromHttp(response.code(), text));
            }
            BufferedSource source = response.body().source();
            String line;
            // Lines, not bytes, are decoded: a multi-byte character split across two reads stays whole.
            while ((line = source.readUtf8Line()) != null) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                String payload = line.substring("data:".length()).strip();
                if (payload.isEmpty() || payload.equals("[DONE]")) {
                    continue;
                }
                JsonNode event = parse(payload);
                JsonNode error = event.get("error");
                if (error != null) {
                    throw new LlmException(failures.fromStreamEvent(error));
                }
                // Each event reports the running totals: the last one seen is what this attempt used.
                TokenUsage used = GeminiResponses.usage(event);
                if (!used.isNone()) {
                    tally.current = used;
                }
                if (!listener.onEvent(event)) {
                    return;
                }
            }
        }
    }

    private JsonNode parse(String text) {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new LlmException(new ProviderFailure.InvalidOutput("Gemini answered with no JSON object"));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new LlmException(
                    new ProviderFailure.InvalidOutput("Gemini answered with malformed JSON: " + e.getOriginalMessage()),
                    e);
        }
    }
}
