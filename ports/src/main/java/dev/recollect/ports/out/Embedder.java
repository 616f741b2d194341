package dev.recollect.ports.out;

/** Turns text into a vector, for similarity search. Optional: a deployment may have none. */
public interface Embedder {
    /**
     * The normalised embedding of {@code text}.
     *
     * @throws LlmException when the provider fails
     */
    float[] embed(String text);

    /**
     * The normalised embeddings of {@code texts}, in their order. By default one call each; a provider with a batch
     * call (Gemini's {@code batchEmbedContents}) makes as few calls as it can.
     *
     * @throws LlmException when the provider fails; then none of the embeddings is returned
     */
    default java.util.List<float[]> embedAll(java.util.List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }
}
