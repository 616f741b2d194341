package dev.recollect.adapters.gemini;

import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.RecordingSleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

/** A MockWebServer on loopback standing in for Gemini, with the adapter pointed at it and its sleeps recorded. */
final class GeminiServer implements AutoCloseable {
    static final String KEY = "AQ.test-key-7f3a9c-never-print-me";

    /** The questions of {@code phrasings.json} that pass the DTO constraints, in order. */
    static final List<String> RECORDED_QUESTIONS = List.of(
            "Which code word stands for the letter Q?",
            "In the NATO alphabet, M is spoken as Mike.",
            "Which letter does the code word Oscar stand for?");

    final MockWebServer server = new MockWebServer();
    final RecordingSleeper sleeper = new RecordingSleeper(new MutableClock(Instant.parse("2026-11-22T00:00:00Z")));
    final GeminiModels models;
    final GeminiModels.Config config;
    /** Every call the adapter reported, in order. */
    final List<dev.recollect.ports.out.LlmCall> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

    GeminiServer() {
        this(c -> c);
    }

    GeminiServer(java.util.function.UnaryOperator<GeminiModels.Config.Builder> tune) {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config = tune.apply(GeminiModels.Config.builder(KEY)
                        .baseUrl(server.url("/").toString())
                        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .build();
        models = new GeminiModels(config, sleeper, new SplittableRandom(20261122));
    }

    /** A test resource under {@code gemini/}. */
    static String fixture(String name) {
        try (InputStream in = GeminiServer.class.getResourceAsStream("/gemini/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON response. */
    static MockResponse json(int status, String body) {
        return new MockResponse()
                .setResponseCode(status)
                .setHeader("Content-Type", "application/json; charset=UTF-8")
                .setBody(body);
    }

    /** A server-sent event stream, sent in chunks of at most {@code chunk} bytes. */
    static MockResponse sse(String body, int chunk) {
        return new MockResponse().setHeader("Content-Type", "text/event-stream").setChunkedBody(body, chunk);
    }

    /** One SSE event for a {@code GenerateContentResponse} whose text is {@code text}. */
    static String event(String text, String finishReason) {
        String finish = finishReason == null ? "" : ",\"finishReason\":\"" + finishReason + "\"";
        return "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":" + quote(text) + "}],\"role\":\"model\"}"
                + finish + ",\"index\":0}]}\r\n\r\n";
    }

    static String quote(String text) {
        try {
            return Json.mapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks the adapter for four phrasings about "Code words", handing them to {@code sink}; records the call. */
    void codeWords(dev.recollect.ports.out.PhrasingGenerator.Sink sink) {
        models.phrasingGenerator()
                .generate(
                        new dev.recollect.ports.out.PhrasingGenerator.Request("Code words", null, List.of(), 4),
                        sink,
                        calls::add);
    }

    /** Asks the adapter for concepts about {@code prompt}; records the call. */
    List<dev.recollect.domain.generation.ConceptIdea> concepts(String prompt) {
        return models.conceptSynthesizer().synthesize(prompt, calls::add);
    }

    void enqueue(MockResponse response) {
        server.enqueue(response);
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
