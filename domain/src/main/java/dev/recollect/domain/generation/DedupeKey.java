package dev.recollect.domain.generation;

import java.util.Locale;

/**
 * The one rule by which titles, questions and answers count as the same: trimmed, then lowercased in the root locale.
 * Filters, entities and stores all compare through it, so that a store's unique key agrees with the filters.
 */
public final class DedupeKey {
    private DedupeKey() {}

    /** The key of {@code text}; empty for {@code null}. */
    public static String of(String text) {
        return Text.trim(text).toLowerCase(Locale.ROOT);
    }
}
