package dev.recollect.domain.failure;

import java.util.Locale;

/**
 * Maps a failure to a {@link JobError}: typed provider failures by their type, anything else by the reference app's
 * keyword rules on the lowercased message, in its order (schema, then rate limit, then API key, then network). It
 * never throws.
 *
 * <p>A truncated output maps to {@link ErrorCode#SCHEMA_VALIDATION}, retryable: the learner sees the same thing as
 * for malformed output (an answer that could not be used in full), the items completed before the cut are kept, and
 * a retry usually succeeds. A separate code would break clients that know the reference's closed set.
 */
public final class ErrorClassifier {
    /** The stage of the pipeline that failed, which picks the wording of the schema message. */
    public enum Stage {
        /** Concept synthesis (the reference's Stage A). */
        CONCEPTS,
        /** Phrasing generation (the reference's Stage B). */
        PHRASINGS
    }

    static final String RATE_LIMIT_MESSAGE = "Rate limit reached. Please wait a moment and try again.";
    static final String API_KEY_MESSAGE = "API configuration error. Please contact support.";
    static final String NETWORK_MESSAGE = "Network error. Please check your connection and try again.";
    static final String BLOCKED_MESSAGE =
            "The AI declined to produce this material. Try rephrasing the prompt or choosing another topic.";

    private ErrorClassifier() {}

    /** Classifies {@code failure}, which may be {@code null}, at {@code stage}. */
    public static JobError classify(Throwable failure, Stage stage) {
        try {
            if (failure instanceof ReportsProviderFailure typed && typed.providerFailure() != null) {
                return classify(typed.providerFailure(), stage);
            }
            return byKeywords(failure, stage);
        } catch (RuntimeException unexpected) {
            return new JobError(ErrorCode.UNKNOWN, "An unexpected error occurred.", false);
        }
    }

    /** Classifies a typed provider failure at {@code stage}. */
    public static JobError classify(ProviderFailure failure, Stage stage) {
        return failure.fold(
                rateLimited -> new JobError(ErrorCode.RATE_LIMIT, RATE_LIMIT_MESSAGE, true),
                quotaExhausted -> new JobError(ErrorCode.RATE_LIMIT, RATE_LIMIT_MESSAGE, false),
                authenticationFailed -> new JobError(ErrorCode.API_KEY, API_KEY_MESSAGE, false),
                misconfigured -> new JobError(ErrorCode.CONFIG_ERROR, API_KEY_MESSAGE, false),
                unreachable -> new JobError(ErrorCode.NETWORK, NETWORK_MESSAGE, true),
                // Output that could not be used in full.
                invalidOutput -> new JobError(ErrorCode.SCHEMA_VALIDATION, schemaMessage(stage), true),
                contentBlocked -> new JobError(ErrorCode.CONTENT_BLOCKED, BLOCKED_MESSAGE, false),
                truncated -> new JobError(ErrorCode.SCHEMA_VALIDATION, schemaMessage(stage), true));
    }

    private static JobError byKeywords(Throwable failure, Stage stage) {
        String name = failure == null ? "" : failure.getClass().getName();
        String raw = failure == null || failure.getMessage() == null ? "" : failure.getMessage();
        String message = raw.toLowerCase(Locale.ROOT);
        if (name.contains("NoObjectGenerated")
                || containsAny(message, "schema", "validation", "does not match validator")) {
            return new JobError(ErrorCode.SCHEMA_VALIDATION, schemaMessage(stage), true);
        }
        if (containsAny(message, "rate limit", "429", "quota")) {
            return new JobError(ErrorCode.RATE_LIMIT, RATE_LIMIT_MESSAGE, true);
        }
        if (containsAny(message, "api key", "401", "unauthorized")) {
            return new JobError(ErrorCode.API_KEY, API_KEY_MESSAGE, false);
        }
        if (containsAny(message, "network", "timeout", "etimedout")) {
            return new JobError(ErrorCode.NETWORK, NETWORK_MESSAGE, true);
        }
        return new JobError(ErrorCode.UNKNOWN, raw.isBlank() ? "An unexpected error occurred." : raw, false);
    }

    /** The reference's message for output that did not match the schema, by stage. */
    public static String schemaMessage(Stage stage) {
        return stage == Stage.CONCEPTS
                ? "The AI generated concepts in an unexpected format. Please try again with a slightly different prompt."
                : "The AI generated phrasings in an unexpected format. Please try again shortly.";
    }

    private static boolean containsAny(String message, String... needles) {
        for (String needle : needles) {
            if (message.contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
