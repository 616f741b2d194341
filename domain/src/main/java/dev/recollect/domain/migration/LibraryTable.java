package dev.recollect.domain.migration;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * The library's own tables that a migration can walk, as the ledger presents them: each live row (not deleted) that
 * has no embedding yet is a document keyed by its id, with the fields its embedding text is made of. Their names have
 * a dot, which no imported table's name can have, so a Convex export's own {@code phrasings} never meets these.
 */
public enum LibraryTable {
    /** Phrasings without an embedding: fields {@code question} and {@code explanation} (absent when none). */
    PHRASINGS("library.phrasings"),
    /** Concepts without an embedding: fields {@code title} and {@code description} (absent when none). */
    CONCEPTS("library.concepts");

    private final String tableName;

    LibraryTable(String tableName) {
        this.tableName = tableName;
    }

    /** The name a migration's {@link DocumentMigration#table()} gives. */
    public String tableName() {
        return tableName;
    }

    /** The library table named {@code table}; empty for an imported table. */
    public static Optional<LibraryTable> named(String table) {
        return Arrays.stream(values()).filter(t -> t.tableName.equals(table)).findFirst();
    }

    /**
     * The text a document of this table is embedded by: a phrasing's as generation embeds it
     * ({@link dev.recollect.domain.library.Phrasing#embeddingText(String, String)}), a concept's title, a blank line
     * and its description, in the same shape.
     */
    public String embeddingText(Document document) {
        return switch (this) {
            case PHRASINGS -> dev.recollect.domain.library.Phrasing.embeddingText(
                    text(document, "question"), text(document, "explanation"));
            case CONCEPTS -> dev.recollect.domain.library.Phrasing.embeddingText(
                    text(document, "title"), text(document, "description"));
        };
    }

    private static String text(Document document, String field) {
        Object value = document.get(field);
        return value == null ? null : value.toString();
    }

    /** Whether {@code key} can be a key of this table: its rows are keyed by UUIDs in their canonical text. */
    public static boolean isKey(String key) {
        try {
            return UUID.fromString(key).toString().equals(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
