package dev.recollect.domain.failure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.failure.ErrorClassifier.Stage;
import dev.recollect.domain.testing.DomainArbitraries;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorClassifierProperties {
    /** An adapter's exception that carries a typed failure. */
    static final class TypedFailure extends RuntimeException implements ReportsProviderFailure {
        private static final long serialVersionUID = 1L;
        private final transient ProviderFailure failure;

        TypedFailure(ProviderFailure failure) {
            super("typed: " + (failure == null ? "none" : failure.detail()));
            this.failure = failure;
        }

        @Override
        public ProviderFailure providerFailure() {
            return failure;
        }
    }

    /** An exception whose getMessage itself fails. */
    static final class Hostile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new IllegalStateException("no message for you");
        }
    }

    /** Named like the AI SDK's error. */
    static final class AI_NoObjectGeneratedError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AI_NoObjectGeneratedError() {
            super("nothing useful");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "Output does not match validator, SCHEMA_VALIDATION, true",
        "Schema mismatch AND rate limit, SCHEMA_VALIDATION, true",
        "HTTP 429 Too Many Requests, RATE_LIMIT, true",
        "Quota exceeded and network down, RATE_LIMIT, true",
        "Invalid API Key; network error, API_KEY, false",
        "401 Unauthorized, API_KEY, false",
        "Network is unreachable, NETWORK, true",
        "connect ETIMEDOUT 10.0.0.1:443, NETWORK, true",
        "request timeout, NETWORK, true",
        "the request timed out, UNKNOWN, false",
        "getaddrinfo ENOTFOUND, UNKNOWN, false",
    })
    void untypedFailuresFollowTheReferenceKeywordsInOrder(String message, ErrorCode code, boolean retryable) {
        JobError error = ErrorClassifier.classify(new RuntimeException(message), Stage.CONCEPTS);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.retryable()).isEqualTo(retryable);
        JobError shouted =
                ErrorClassifier.classify(new RuntimeException(message.toUpperCase(Locale.ROOT)), Stage.CONCEPTS);
        assertThat(shouted.code()).isEqualTo(code);
        assertThat(shouted.retryable()).isEqualTo(retryable);
    }

    /**
     * Each code speaks the reference's message for its stage, whatever else the failure said; an unknown failure
     * keeps its own message, and the AI SDK's "no object generated" is a schema failure by its name alone.
     */
    @SeededProperty
    void messagesAreTheReferenceOnes(
            @ForAll("keywords") String keyword, @ForAll Stage stage, @ForAll("noise") String before) {
        JobError error = ErrorClassifier.classify(new RuntimeException(before + keyword + " " + before), stage);
        String expected =
                switch (error.code()) {
                    case SCHEMA_VALIDATION -> stage == Stage.CONCEPTS
                            ? "The AI generated concepts in an unexpected format. Please try again with a slightly"
                                    + " different prompt."
                            : "The AI generated phrasings in an unexpected format. Please try again shortly.";
                    case RATE_LIMIT -> "Rate limit reached. Please wait a moment and try again.";
                    case API_KEY -> "API configuration error. Please contact support.";
                    case NETWORK -> "Network error. Please check your connection and try again.";
                    default -> before + keyword + " " + before;
                };
        assertThat(error.message()).isEqualTo(expected);
        assertThat(ErrorClassifier.classify(new AI_NoObjectGeneratedError(), stage)
                        .code())
                .isEqualTo(ErrorCode.SCHEMA_VALIDATION);
    }

    @Provide
    Arbitrary<String> keywords() {
        return Arbitraries.of(
                "schema",
                "validation",
                "429",
                "rate limit",
                "quota",
                "api key",
                "401",
                "network",
                "timeout",
                "Boom at line 3");
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withCharRange('a', 'f').ofMaxLength(6);
    }

    @Provide
    Arbitrary<ProviderFailure> failures() {
        return DomainArbitraries.providerFailures();
    }

    /**
     * A typed failure is classified by its type, never by its text: carried by any exception, it classifies as
     * itself, and its detail cannot change the outcome.
     */
    @SeededProperty
    void typedFailuresMapByTypeNotByText(@ForAll("failures") ProviderFailure failure, @ForAll Stage stage) {
        JobError direct = ErrorClassifier.classify(failure, stage);
        assertThat(ErrorClassifier.classify(new TypedFailure(failure), stage)).isEqualTo(direct);
        ProviderFailure misleading = withDetail(failure, "429 schema network api key");
        assertThat(ErrorClassifier.classify(misleading, stage)).isEqualTo(direct);
    }

    private static ProviderFailure withDetail(ProviderFailure failure, String detail) {
        return failure.fold(
                r -> new ProviderFailure.RateLimited(detail, r.retryAfter()),
                q -> new ProviderFailure.QuotaExhausted(detail, q.retryAfter()),
                a -> new ProviderFailure.AuthenticationFailed(detail),
                m -> new ProviderFailure.Misconfigured(detail),
                u -> new ProviderFailure.Unreachable(detail),
                i -> new ProviderFailure.InvalidOutput(detail),
                c -> new ProviderFailure.ContentBlocked(detail),
                t -> new ProviderFailure.Truncated(detail));
    }

    @Example
    void typedFailuresMapToTheseCodes() {
        List<ProviderFailure> failures = List.of(
                new ProviderFailure.RateLimited("slow down", Optional.of(Duration.ofSeconds(37))),
                new ProviderFailure.QuotaExhausted("daily quota", Optional.of(Duration.ofHours(10))),
                new ProviderFailure.AuthenticationFailed("bad key"),
                new ProviderFailure.Misconfigured("no such model"),
                new ProviderFailure.Unreachable("reset"),
                new ProviderFailure.InvalidOutput("not json"),
                new ProviderFailure.ContentBlocked("SAFETY"),
                new ProviderFailure.Truncated("MAX_TOKENS"));
        assertThat(failures.stream()
                        .map(f -> ErrorClassifier.classify(f, Stage.PHRASINGS).code()))
                .containsExactly(
                        ErrorCode.RATE_LIMIT,
                        ErrorCode.RATE_LIMIT,
                        ErrorCode.API_KEY,
                        ErrorCode.CONFIG_ERROR,
                        ErrorCode.NETWORK,
                        ErrorCode.SCHEMA_VALIDATION,
                        ErrorCode.CONTENT_BLOCKED,
                        ErrorCode.SCHEMA_VALIDATION);
        assertThat(failures.stream()
                        .map(f -> ErrorClassifier.classify(f, Stage.CONCEPTS).retryable()))
                .containsExactly(true, false, false, false, true, true, false, true);
    }

    @Example
    void everyCodeIsReachable() {
        Set<ErrorCode> reached = EnumSet.noneOf(ErrorCode.class);
        for (String message : List.of("schema", "429", "api key", "network", "boom")) {
            reached.add(ErrorClassifier.classify(new RuntimeException(message), Stage.CONCEPTS)
                    .code());
        }
        reached.add(ErrorClassifier.classify(new ProviderFailure.Misconfigured("x"), Stage.CONCEPTS)
                .code());
        reached.add(ErrorClassifier.classify(new ProviderFailure.ContentBlocked("x"), Stage.CONCEPTS)
                .code());
        assertThat(reached).containsExactlyInAnyOrder(ErrorCode.values());
    }

    @Example
    void oddInputsStillClassify() {
        assertThat(ErrorClassifier.classify((Throwable) null, Stage.CONCEPTS).code())
                .isEqualTo(ErrorCode.UNKNOWN);
        assertThat(ErrorClassifier.classify(new RuntimeException(), Stage.CONCEPTS)
                        .message())
                .isEqualTo("An unexpected error occurred.");
        assertThat(ErrorClassifier.classify(new Hostile(), Stage.CONCEPTS))
                .isEqualTo(new JobError(ErrorCode.UNKNOWN, "An unexpected error occurred.", false));
        // A typed failure without its failure is read by its text, like any exception.
        assertThat(ErrorClassifier.classify(new TypedFailure(null), Stage.CONCEPTS))
                .isEqualTo(new JobError(ErrorCode.UNKNOWN, "typed: none", false));
    }

    @Provide
    Arbitrary<String> messages() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of("schema", "rate limit", "API KEY", "Network", "timeout", "quota", "401")
                        .list()
                        .ofMaxSize(3)
                        .map(words -> String.join(" then ", words)));
    }

    @SeededProperty
    void theOrderHoldsAndTheClassifierNeverThrows(@ForAll("messages") String message) {
        JobError error = ErrorClassifier.classify(new IllegalStateException(message), Stage.PHRASINGS);
        String lower = message.toLowerCase(Locale.ROOT);
        ErrorCode expected = lower.contains("schema") || lower.contains("validation")
                ? ErrorCode.SCHEMA_VALIDATION
                : lower.contains("rate limit") || lower.contains("429") || lower.contains("quota")
                        ? ErrorCode.RATE_LIMIT
                        : lower.contains("api key") || lower.contains("401") || lower.contains("unauthorized")
                                ? ErrorCode.API_KEY
                                : lower.contains("network") || lower.contains("timeout") || lower.contains("etimedout")
                                        ? ErrorCode.NETWORK
                                        : ErrorCode.UNKNOWN;
        assertThat(error.code()).isEqualTo(expected);
    }
}
