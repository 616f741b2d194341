package dev.recollect.domain.migration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A batch's documents with what the migration decided for each, sorted into what a store writes: document changes,
 * promotions, and failures with their ids; plus the stats. Stores only write it, so that every store counts and
 * reports a batch the same way.
 *
 * @param stats what the batch did
 * @param failures the documents that could not be migrated
 * @param changes the documents to update, before and after
 * @param promotions the documents to promote, by their id
 */
public record DecidedBatch(
        BatchStats stats,
        List<RecordFailure> failures,
        List<Change> changes,
        Map<String, Decision.Promote> promotions) {

    /** Copies the collections, keeping their order. */
    public DecidedBatch {
        Objects.requireNonNull(stats, "stats");
        failures = List.copyOf(failures);
        changes = List.copyOf(changes);
        promotions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(promotions));
    }

    /** Decides {@code documents}, in their order, with {@code decide}; it must not throw. */
    public static DecidedBatch of(List<Document> documents, Function<Document, Decision> decide) {
        return decided(documents, documents.stream().map(decide).toList());
    }

    /**
     * Sorts the {@code decisions} made for {@code documents}, one each in the same order.
     *
     * @throws IllegalArgumentException when there is not one decision per document
     */
    public static DecidedBatch decided(List<Document> documents, List<Decision> decisions) {
        if (decisions.size() != documents.size()) {
            throw new IllegalArgumentException(
                    decisions.size() + " decisions for " + documents.size() + " documents: one each is needed");
        }
        BatchStats stats = BatchStats.NONE;
        List<RecordFailure> failures = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        Map<String, Decision.Promote> promotions = new LinkedHashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            Document doc = documents.get(i);
            Decision decision = Objects.requireNonNull(decisions.get(i), "decision");
            stats = stats.plus(decision);
            // Each decision adds to its own list; the fold has no value of its own.
            decision.<Void>fold(
                    update -> {
                        changes.add(new Change(doc, update.changed()));
                        return null;
                    },
                    promote -> {
                        promotions.put(doc.id(), promote);
                        return null;
                    },
                    skip -> null,
                    fail -> {
                        failures.add(new RecordFailure(doc.id(), fail.error()));
                        return null;
                    });
        }
        return new DecidedBatch(stats, failures, changes, promotions);
    }

    /**
     * One document's update.
     *
     * @param before the document as stored
     * @param after the document as the migration wants it
     */
    public record Change(Document before, Document after) {
        /** Checks the documents are one. */
        public Change {
            if (!before.id().equals(after.id())) {
                throw new IllegalArgumentException("an update must keep the document's id " + before.id());
            }
        }

        /** The top-level keys {@code after} no longer has. */
        public List<String> removedKeys() {
            return before.fields().keySet().stream()
                    .filter(key -> !after.fields().containsKey(key))
                    .toList();
        }

        /** The top-level fields of {@code after} that are new or differ from {@code before}'s. */
        public Map<String, Object> setFields() {
            Map<String, Object> set = new LinkedHashMap<>();
            after.fields().forEach((key, value) -> {
                if (!before.fields().containsKey(key)
                        || !Objects.equals(before.fields().get(key), value)) {
                    set.put(key, value);
                }
            });
            return set;
        }
    }
}
