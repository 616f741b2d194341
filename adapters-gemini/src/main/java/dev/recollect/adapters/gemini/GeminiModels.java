package dev.recollect.adapters.gemini;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.ports.out.ConceptSynthesizer;
import dev.recollect.ports.out.Embedder;
import dev.recollect.ports.out.LanguageModels;
import dev.recollect.ports.out.PhrasingGenerator;
import dev.recollect.ports.out.Sleeper;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;

/**
 * The Gemini adapter's entry point: concept synthesis and phrasing generation with structured JSON output, and
 * embeddings, over Gemini's REST API with OkHttp and Jackson. Thread-safe; share one instance.
 */
public final class GeminiModels implements LanguageModels {
    private final GeminiConceptSynthesizer synthesizer;
    private final GeminiPhrasingGenerator generator;
    private final GeminiEmbedder embedder;
    private final String description;

    GeminiModels(Config config, Sleeper sleeper, RandomGenerator jitter) {
        ObjectMapper json = Json.mapper();
        GeminiTransport transport = new GeminiTransport(config, client(config), json, sleeper, jitter);
        GeminiRequests requests = new GeminiRequests(json, config.model());
        this.synthesizer = new GeminiConceptSynthesizer(transport, json, requests, config.model());
        this.generator = new GeminiPhrasingGenerator(transport, json, requests, config.model());
        this.embedder = new GeminiEmbedder(transport, requests, config);
        this.description = "Gemini " + config.model() + " at " + config.baseUrl();
    }

    /** Models over {@code config}, retrying with real sleeps and unseeded jitter. */
    public static GeminiModels create(Config config) {
        return new GeminiModels(Objects.requireNonNull(config, "config"), Sleeper.system(), new SplittableRandom());
    }

    private static OkHttpClient client(Config config) {
        return new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout())
                // The read timeout bounds the silence between two reads, which on a stream is the idle timeout.
                .readTimeout(config.streamIdleTimeout())
                .writeTimeout(config.connectTimeout())
                .retryOnConnectionFailure(false)
                .build();
    }

    /** Proposes concepts for a prompt. */
    @Override
    public ConceptSynthesizer conceptSynthesizer() {
        return synthesizer;
    }

    /** Writes phrasings, handing each to the sink as soon as its JSON object closes in the stream. */
    @Override
    public PhrasingGenerator phrasingGenerator() {
        return generator;
    }

    /** Embeds text with the configured embedding model ({@code gemini-embedding-001}, 768 dimensions), normalised. */
    @Override
    public Optional<Embedder> embedder() {
        return Optional.of(embedder);
    }

    /** The generation model and the API's root; never the key. */
    @Override
    public String description() {
        return description;
    }

    /**
     * The adapter's settings.
     *
     * @param apiKey sent only in the {@code x-goog-api-key} header; never logged, never in a message, masked by
     *     {@link #toString()}
     * @param baseUrl the API's root, for proxies and tests
     * @param model the generation model's id, such as {@code gemini-2.5-flash}; a leading {@code models/} is dropped
     * @param embeddingModel the embedding model's id
     * @param embeddingDimensions the embeddings' size
     * @param connectTimeout the connect (and write) timeout
     * @param callTimeout the whole-call timeout of a request that is not streamed
     * @param streamIdleTimeout the longest silence a stream may keep, first byte included
     * @param maxAttempts attempts per call in all, the first included
     */
    public record Config(
            String apiKey,
            String baseUrl,
            String model,
            String embeddingModel,
            int embeddingDimensions,
            Duration connectTimeout,
            Duration callTimeout,
            Duration streamIdleTimeout,
            int maxAttempts) {
        /** The public endpoint. */
        public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";

        /** The default generation model. */
        public static final String DEFAULT_MODEL = "gemini-2.5-flash";

        /** Checks the settings; the messages name them (and never show the key). */
        public Config {
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey must be set (GEMINI_API_KEY)");
            }
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
                throw new IllegalArgumentException("baseUrl must be an http(s) URL, got " + baseUrl);
            }
            baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            model = bareModel("model", model);
            embeddingModel = bareModel("embeddingModel", embeddingModel);
            if (embeddingDimensions < 128 || embeddingDimensions > 3072) {
                throw new IllegalArgumentException(
                        "embeddingDimensions must be 128 to 3072, got " + embeddingDimensions);
            }
            positive("connectTimeout", connectTimeout);
            positive("callTimeout", callTimeout);
            positive("streamIdleTimeout", streamIdleTimeout);
            if (maxAttempts < 1 || maxAttempts > 10) {
                throw new IllegalArgumentException("maxAttempts must be 1 to 10, got " + maxAttempts);
            }
        }

        /**
         * The defaults with {@code apiKey}: the public endpoint, {@value #DEFAULT_MODEL}, gemini-embedding-001 at 768
         * dimensions, 10 s to connect, 180 s per call, 120 s of stream silence, 4 attempts.
         */
        public static Config defaults(String apiKey) {
            return builder(apiKey).build();
        }

        /** A builder that starts from the defaults with {@code apiKey}; {@link Builder#build()} checks every value. */
        public static Builder builder(String apiKey) {
            return new Builder(apiKey);
        }

        /** A builder that starts from these settings. */
        public Builder toBuilder() {
            return new Builder(apiKey)
                    .baseUrl(baseUrl)
                    .model(model)
                    .embeddingModel(embeddingModel)
                    .embeddingDimensions(embeddingDimensions)
                    .timeouts(connectTimeout, callTimeout, streamIdleTimeout)
                    .maxAttempts(maxAttempts);
        }

        /** Settings to change one by one; not thread-safe, and each {@link #build()} makes a new, checked config. */
        public static final class Builder {
            private final String apiKey;
            private String baseUrl = DEFAULT_BASE_URL;
            private String model = DEFAULT_MODEL;
            private String embeddingModel = "gemini-embedding-001";
            private int embeddingDimensions = 768;
            private Duration connectTimeout = Duration.ofSeconds(10);
            private Duration callTimeout = Duration.ofSeconds(180);
            private Duration streamIdleTimeout = Duration.ofSeconds(120);
            private int maxAttempts = 4;

            private Builder(String apiKey) {
                this.apiKey = apiKey;
            }

            /** The API's root, for proxies and tests. */
            public Builder baseUrl(String url) {
                this.baseUrl = url;
                return this;
            }

            /** The generation model's id. */
            public Builder model(String id) {
                this.model = id;
                return this;
            }

            /** The embedding model's id. */
            public Builder embeddingModel(String id) {
                this.embeddingModel = id;
                return this;
            }

            /** The embeddings' size. */
            public Builder embeddingDimensions(int dimensions) {
                this.embeddingDimensions = dimensions;
                return this;
            }

            /** The connect, whole-call and stream-silence timeouts. */
            public Builder timeouts(Duration connect, Duration call, Duration streamIdle) {
                this.connectTimeout = connect;
                this.callTimeout = call;
                this.streamIdleTimeout = streamIdle;
                return this;
            }

            /** Attempts per call in all, the first included. */
            public Builder maxAttempts(int attempts) {
                this.maxAttempts = attempts;
                return this;
            }

            /** The settings, checked. */
            public Config build() {
                return new Config(
                        apiKey,
                        baseUrl,
                        model,
                        embeddingModel,
                        embeddingDimensions,
                        connectTimeout,
                        callTimeout,
                        streamIdleTimeout,
                        maxAttempts);
            }
        }

        private static String bareModel(String name, String id) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException(name + " must be set");
            }
            String bare = id.strip().startsWith("models/") ? id.strip().substring("models/".length()) : id.strip();
            if (!bare.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException(name + " must be a model id such as gemini-2.5-flash, got " + id);
            }
            return bare;
        }

        private static void positive(String name, Duration duration) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + duration);
            }
        }

        @Override
        public String toString() {
            return "Config[apiKey=****, baseUrl=" + baseUrl + ", model=" + model + ", embeddingModel=" + embeddingModel
                    + ", embeddingDimensions=" + embeddingDimensions + ", connectTimeout=" + connectTimeout
                    + ", callTimeout=" + callTimeout + ", streamIdleTimeout=" + streamIdleTimeout + ", maxAttempts="
                    + maxAttempts + "]";
        }
    }
}
