package dev.recollect.cli.fsrs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.fsrs.Parameters;
import dev.recollect.domain.fsrs.Rating;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One replay document: parameters, a start time and the reviews, checked field by field so that an error names the
 * element that is wrong.
 *
 * @param parameters the scheduler's parameters
 * @param start when the new card was created
 * @param reviews the reviews, in time order
 */
record ReplayRequest(Parameters parameters, Instant start, List<Review> reviews) {
    /** One review of the document. */
    record Review(Rating rating, Instant at) {}

    /** The most reviews one document may replay: decades of daily reviews, and a bound on the work one input asks. */
    static final int MAX_REVIEWS = 100_000;

    /** The parameters a document may set; any other key is refused, so that a misspelt one is not ignored. */
    private static final java.util.Set<String> PARAMETERS = java.util.Set.of(
            "w",
            "request_retention",
            "maximum_interval",
            "enable_fuzz",
            "enable_short_term",
            "learning_steps",
            "relearning_steps");

    static ReplayRequest parse(JsonNode document, String path) throws InvalidInputException {
        if (document == null || !document.isObject()) {
            throw new InvalidInputException(path, "must be an object with params, start and reviews");
        }
        Parameters parameters = parameters(document.get("params"), join(path, "params"));
        Instant start = instant(document.get("start"), join(path, "start"));
        JsonNode reviewsNode = document.get("reviews");
        if (reviewsNode == null || !reviewsNode.isArray()) {
            throw new InvalidInputException(join(path, "reviews"), "must be an array of {rating, at}");
        }
        if (reviewsNode.size() > MAX_REVIEWS) {
            throw new InvalidInputException(
                    join(path, "reviews"),
                    "holds " + reviewsNode.size() + " reviews; at most " + MAX_REVIEWS + " per document");
        }
        List<Review> reviews = new ArrayList<>();
        Instant previous = start;
        for (int i = 0; i < reviewsNode.size(); i++) {
            String reviewPath = join(path, "reviews") + "[" + i + "]";
            JsonNode review = reviewsNode.get(i);
            if (!review.isObject()) {
                throw new InvalidInputException(reviewPath, "must be an object {rating, at}");
            }
            JsonNode rating = review.get("rating");
            if (rating == null || !rating.isIntegralNumber() || rating.asInt() < 1 || rating.asInt() > 4) {
                throw new InvalidInputException(
                        reviewPath + ".rating", "must be an integer from 1 to 4, got " + rating);
            }
            Instant at = instant(review.get("at"), reviewPath + ".at");
            if (at.isBefore(previous)) {
                throw new InvalidInputException(
                        reviewPath + ".at",
                        "must not be before " + (i == 0 ? "start" : "reviews[" + (i - 1) + "].at") + " (" + previous
                                + "), got " + at);
            }
            reviews.add(new Review(Rating.ofGrade(rating.asInt()), at));
            previous = at;
        }
        return new ReplayRequest(parameters, start, List.copyOf(reviews));
    }

    private static Parameters parameters(JsonNode params, String path) throws InvalidInputException {
        Parameters.Builder builder = Parameters.builder();
        if (params == null || params.isNull()) {
            return builder.build();
        }
        if (!params.isObject()) {
            throw new InvalidInputException(path, "must be an object");
        }
        for (String key : (Iterable<String>) params::fieldNames) {
            if (!PARAMETERS.contains(key)) {
                throw new InvalidInputException(
                        path + "." + key, "is not a parameter; known are " + new java.util.TreeSet<>(PARAMETERS));
            }
        }
        JsonNode w = params.get("w");
        if (w != null) {
            builder.w(weights(w, path + ".w"));
        }
        JsonNode retention = params.get("request_retention");
        if (retention != null) {
            builder.requestRetention(number(retention, path + ".request_retention"));
        }
        JsonNode maximum = params.get("maximum_interval");
        if (maximum != null) {
            if (!maximum.canConvertToInt() || !maximum.isIntegralNumber()) {
                throw new InvalidInputException(path + ".maximum_interval", "must be a whole number of days");
            }
            builder.maximumInterval(maximum.asInt());
        }
        builder.enableFuzz(bool(params.get("enable_fuzz"), path + ".enable_fuzz", false));
        builder.enableShortTerm(bool(params.get("enable_short_term"), path + ".enable_short_term", true));
        JsonNode learning = params.get("learning_steps");
        if (learning != null) {
            builder.learningSteps(steps(learning, path + ".learning_steps"));
        }
        JsonNode relearning = params.get("relearning_steps");
        if (relearning != null) {
            builder.relearningSteps(steps(relearning, path + ".relearning_steps"));
        }
        try {
            return builder.build();
        } catch (DomainException e) {
            throw new InvalidInputException(path, e.getMessage());
        }
    }

    private static double[] weights(JsonNode w, String path) throws InvalidInputException {
        if (!w.isArray()) {
            throw new InvalidInputException(path, "must be an array of 17, 19 or 21 numbers");
        }
        double[] weights = new double[w.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = number(w.get(i), path + "[" + i + "]");
        }
        return weights;
    }

    private static double number(JsonNode node, String path) throws InvalidInputException {
        if (!node.isNumber()) {
            throw new InvalidInputException(path, "must be a number, got " + node);
        }
        return node.asDouble();
    }

    private static boolean bool(JsonNode node, String path, boolean fallback) throws InvalidInputException {
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new InvalidInputException(path, "must be true or false, got " + node);
        }
        return node.asBoolean();
    }

    private static List<Duration> steps(JsonNode steps, String path) throws InvalidInputException {
        if (!steps.isArray()) {
            throw new InvalidInputException(path, "must be an array of steps like \"10m\"");
        }
        List<Duration> durations = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            try {
                if (!step.isTextual()) {
                    throw new DomainException("a step is a string like \"10m\", got " + step);
                }
                durations.add(Parameters.parseStep(step.asText()));
            } catch (DomainException e) {
                throw new InvalidInputException(path + "[" + i + "]", e.getMessage());
            }
        }
        return durations;
    }

    private static Instant instant(JsonNode node, String path) throws InvalidInputException {
        if (node == null || !node.isTextual()) {
            throw new InvalidInputException(path, "must be an ISO-8601 instant like 2024-01-01T00:00:00.000Z");
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(path, "is not an ISO-8601 instant: \"" + node.asText() + "\"");
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
