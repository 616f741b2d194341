package dev.recollect.ports.in;

import dev.recollect.domain.migration.Document;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Imports documents from another system (a Convex export, say) into staging, where data migrations read them. A
 * document already imported, by table and id, is skipped, so importing again adds only what is new.
 */
public interface ImportDocuments {
    /** The most documents one command may carry; import larger sets in chunks. */
    int MAX_DOCUMENTS = 10_000;

    /**
     * Imports one chunk, atomically.
     *
     * @return how many documents were new
     */
    int importDocuments(Command command);

    /**
     * A chunk of documents of one table.
     *
     * @param table the source table's name: letters, digits and underscores
     * @param documents the documents, at most {@link #MAX_DOCUMENTS}
     */
    record Command(
            @NotNull @Pattern(regexp = "[A-Za-z0-9_]{1,100}") String table,
            @NotNull @Size(max = MAX_DOCUMENTS) List<@NotNull Document> documents) {}
}
