package dev.recollect.ports.testing;

import dev.recollect.ports.out.Embedder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An embedder whose vector for a text is its length, its first character and 0.125, so that a test can tell which text
 * an embedding is of; it records each request's texts, and fails while told to.
 */
public final class RecordingEmbedder implements Embedder {
    private final List<List<String>> requests = new CopyOnWriteArrayList<>();
    private volatile RuntimeException failure;

    /** The vector of {@code text}. */
    public static float[] vector(String text) {
        return new float[] {text.length(), text.charAt(0), 0.125f};
    }

    /** Every request fails with {@code failure} from now on; {@code null} to succeed again. */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** The texts of each request so far, in order. */
    public List<List<String>> requests() {
        return List.copyOf(requests);
    }

    @Override
    public float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        requests.add(List.copyOf(texts));
        RuntimeException failing = failure;
        if (failing != null) {
            throw failing;
        }
        return texts.stream().map(RecordingEmbedder::vector).toList();
    }
}
