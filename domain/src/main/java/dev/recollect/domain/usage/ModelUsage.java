package dev.recollect.domain.usage;

import java.util.Objects;

/**
 * Tokens used on one model.
 *
 * @param model the model's id
 * @param usage what was used on it
 */
public record ModelUsage(String model, TokenUsage usage) {
    /** Requires both. */
    public ModelUsage {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
    }
}
