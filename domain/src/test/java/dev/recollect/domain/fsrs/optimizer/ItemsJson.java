package dev.recollect.domain.fsrs.optimizer;

import java.util.List;
import java.util.stream.Collectors;

/** Items as the anchor scripts read them: a JSON array of items, each an array of [rating, delta_t] pairs. */
public final class ItemsJson {
    private ItemsJson() {}

    /** {@code items} as JSON. */
    public static String of(List<TrainingItem> items) {
        return items.stream()
                .map(item -> item.reviews().stream()
                        .map(r -> "[" + r.rating() + "," + r.deltaT() + "]")
                        .collect(Collectors.joining(",", "[", "]")))
                .collect(Collectors.joining(",\n", "[", "]\n"));
    }
}
