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
     * The text a document of this table is embedded by, as generation embeds it: a phrasing's question, a blank line
     * and its explanation ({@code Phrasing.embeddingText}); a concept's title, a blank line and its description.
     */
    public String embeddingText(Document document) {
        String[] fields =
                switch (this) {
                    case PHRASINGS -> new String[] {"question", "explanation"};
                    case CONCEPTS -> new String[] {"title", "description"};
                };
        Object head = document.get(fields[0]);
        Object tail = document.get(fields[1]);
        return (head == null ? "" : head.toString()) + "\n\n" + (tail == null ? "" : tail.toString());
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
