package dev.recollect.ports.out;

/** Turns text into a vector, for similarity search. Optional: a deployment may have none. */
public interface Embedder {
    /**
     * The normalised embedding of {@code text}.
     *
     * @throws LlmException when the provider fails
     */
    float[] embed(String text);
}
