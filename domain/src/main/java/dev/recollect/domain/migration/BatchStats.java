package dev.recollect.domain.migration;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a batch (or a whole run) did: every document it looked at is processed, and then exactly one of updated,
 * skipped (by reason) or an error. In a dry run, updated counts the documents that would be updated.
 *
 * @param processed documents looked at
 * @param updated documents written (or that would be, in a dry run)
 * @param skipped documents left alone, by reason
 * @param errors documents that could not be migrated
 */
public record BatchStats(int processed, int updated, Map<String, Integer> skipped, int errors) {
    /** Nothing yet. */
    public static final BatchStats NONE = new BatchStats(0, 0, Map.of(), 0);

    /** Checks the counts and keeps the reasons sorted. */
    public BatchStats {
        Objects.requireNonNull(skipped, "skipped");
        skipped = Map.copyOf(new TreeMap<>(skipped));
        int skippedTotal = skipped.values().stream().mapToInt(Integer::intValue).sum();
        if (processed < 0 || updated < 0 || errors < 0 || processed != updated + skippedTotal + errors) {
            throw new IllegalArgumentException("processed must be updated + skipped + errors, got " + processed + " = "
                    + updated + " + " + skippedTotal + " + " + errors);
        }
    }

    /** These stats with one more document decided as {@code decision}. */
    public BatchStats plus(Decision decision) {
        return decision.fold(
                update -> new BatchStats(processed + 1, updated + 1, skipped, errors),
                promote -> new BatchStats(processed + 1, updated + 1, skipped, errors),
                skip -> {
                    Map<String, Integer> more = new TreeMap<>(skipped);
                    more.merge(skip.reason(), 1, Integer::sum);
                    return new BatchStats(processed + 1, updated, more, errors);
                },
                fail -> new BatchStats(processed + 1, updated, skipped, errors + 1));
    }

    /** These stats and {@code other} together. */
    public BatchStats plus(BatchStats other) {
        Map<String, Integer> both = new TreeMap<>(skipped);
        other.skipped.forEach((reason, n) -> both.merge(reason, n, Integer::sum));
        return new BatchStats(processed + other.processed, updated + other.updated, both, errors + other.errors);
    }

    /** Documents skipped, whatever the reason. */
    public int skippedTotal() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }
}
