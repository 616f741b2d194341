package dev.recollect.domain.fsrs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the conformance vectors that {@code fsrs/generate-vectors.mjs} generated from ts-fsrs 5.4.2. */
final class Vectors {
    private static final JsonNode ROOT = load();

    private Vectors() {}

    static JsonNode root() {
        return ROOT;
    }

    private static JsonNode load() {
        try (InputStream in = Vectors.class.getResourceAsStream("/fsrs/vectors.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parameters a scenario was generated with; the input weights where they were migrated. */
    static Parameters parameters(JsonNode params) {
        JsonNode weights = params.has("w_input") ? params.get("w_input") : params.get("w");
        double[] w = new double[weights.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights.get(i).asDouble();
        }
        return Parameters.builder()
                .w(w)
                .requestRetention(params.get("request_retention").asDouble())
                .maximumInterval(params.get("maximum_interval").asInt())
                .enableFuzz(params.get("enable_fuzz").asBoolean())
                .enableShortTerm(params.get("enable_short_term").asBoolean())
                .learningSteps(steps(params.get("learning_steps")))
                .relearningSteps(steps(params.get("relearning_steps")))
                .build();
    }

    private static List<Duration> steps(JsonNode steps) {
        List<Duration> durations = new ArrayList<>();
        steps.forEach(step -> durations.add(Parameters.parseStep(step.asText())));
        return durations;
    }

    static Card card(JsonNode json) {
        return new Card(
                Instant.parse(json.get("due").asText()),
                json.get("stability").asDouble(),
                json.get("difficulty").asDouble(),
                json.get("elapsed_days").asInt(),
                json.get("scheduled_days").asInt(),
                json.get("learning_steps").asInt(),
                json.get("reps").asInt(),
                json.get("lapses").asInt(),
                state(json.get("state").asText()),
                instant(json.get("last_review")));
    }

    static ReviewLog log(JsonNode json) {
        return new ReviewLog(
                Rating.values()[json.get("rating").asInt()],
                state(json.get("state").asText()),
                Instant.parse(json.get("due").asText()),
                json.get("stability").asDouble(),
                json.get("difficulty").asDouble(),
                json.get("elapsed_days").asInt(),
                json.get("last_elapsed_days").asInt(),
                json.get("scheduled_days").asInt(),
                json.get("learning_steps").asInt(),
                Instant.parse(json.get("review").asText()));
    }

    static State state(String name) {
        return State.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    static Instant instant(JsonNode json) {
        return json == null || json.isNull() ? null : Instant.parse(json.asText());
    }
}
