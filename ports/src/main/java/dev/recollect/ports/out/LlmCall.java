package dev.recollect.ports.out;

import dev.recollect.domain.usage.TokenUsage;
import java.util.Objects;

/**
 * One call an LLM adapter made, as it saw it: the model, the tokens the provider reported and how many HTTP attempts
 * the call took. Reported whether the call succeeded or failed, because a failed call may still have been billed.
 *
 * @param model the model's id, as priced in a {@link dev.recollect.domain.usage.PriceTable}
 * @param usage the tokens reported over all attempts; {@link TokenUsage#NONE} when the provider reported none
 * @param attempts how many attempts the call took, at least one
 */
public record LlmCall(String model, TokenUsage usage, int attempts) {
    /** Requires a model, a usage and at least one attempt. */
    public LlmCall {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
    }

    /** Hears about every call an adapter makes on a caller's behalf. */
    @FunctionalInterface
    public interface Listener {
        /** A listener that ignores every call. */
        Listener IGNORE = call -> {};

        /** Takes one finished call; must not throw. */
        void called(LlmCall call);
    }
}
