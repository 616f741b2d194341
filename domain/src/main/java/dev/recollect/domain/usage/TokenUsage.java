package dev.recollect.domain.usage;

import dev.recollect.domain.DomainException;

/**
 * Tokens used by one or more LLM calls, as the provider reports them.
 *
 * <p>Gemini reports thinking tokens apart from the candidates; both are billed as output, so {@link #billedOutput()}
 * adds them. {@code total} is the provider's own total, kept as reported rather than recomputed, because it may count
 * things the other fields do not (tool-use prompts, for one).
 *
 * @param calls how many calls reported usage
 * @param prompt input tokens
 * @param output tokens of the answer, without thinking
 * @param thinking tokens spent thinking
 * @param total the provider's total
 */
public record TokenUsage(long calls, long prompt, long output, long thinking, long total) {
    /** No calls and no tokens. */
    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, 0);

    /** Rejects negative counts, which no provider reports. */
    public TokenUsage {
        requireNonNegative("calls", calls);
        requireNonNegative("prompt", prompt);
        requireNonNegative("output", output);
        requireNonNegative("thinking", thinking);
        requireNonNegative("total", total);
    }

    /** The usage one call reported. */
    public static TokenUsage ofCall(long prompt, long output, long thinking, long total) {
        return new TokenUsage(1, prompt, output, thinking, total);
    }

    /** Both usages added up. */
    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(
                Math.addExact(calls, other.calls),
                Math.addExact(prompt, other.prompt),
                Math.addExact(output, other.output),
                Math.addExact(thinking, other.thinking),
                Math.addExact(total, other.total));
    }

    /** The tokens billed at the output price: the answer and the thinking. */
    public long billedOutput() {
        return output + thinking;
    }

    /** Whether no call reported anything. */
    public boolean isNone() {
        return equals(NONE);
    }

    private static void requireNonNegative(String field, long value) {
        if (value < 0) {
            throw new DomainException(field + " tokens must not be negative, was " + value);
        }
    }
}
