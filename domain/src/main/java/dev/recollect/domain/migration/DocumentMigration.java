package dev.recollect.domain.migration;

/**
 * A data migration over the documents of one imported table: the SPI that built-in and embedding services'
 * migrations implement. It declares its key order (documents are visited by ascending {@code _id}, in batches that are
 * ranges of it) and decides per document; the runner does the batching, the ledger, dry runs and retries.
 *
 * <p>A decision must be a pure function of the document, and applying it again to its own output must skip: the
 * runner may do a batch twice after a crash, and that must change nothing.
 */
public interface DocumentMigration {
    /** The name operators run it by, such as {@code remove-question-topic}. */
    String name();

    /** One line on what it does. */
    String description();

    /** The imported table it walks, such as {@code questions}. */
    String table();

    /** What to do with {@code document}. */
    Decision decide(Document document);

    /**
     * What to do with each of a batch's documents, in their order: one decision per document. By default each is
     * decided alone, and a document whose decision throws fails alone. A migration that calls out once per batch (the
     * embedding backfill asks for a batch of embeddings in one request) overrides it; what it throws fails the batch
     * as a whole, which the runner retries with a backoff.
     */
    default java.util.List<Decision> decideAll(java.util.List<Document> documents) {
        return documents.stream().map(this::decideSafely).toList();
    }

    /** {@link #decide}, with what it throws turned into a failure of the document. */
    private Decision decideSafely(Document document) {
        try {
            return decide(document);
        } catch (RuntimeException e) {
            return new Decision.Fail(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A migration named {@code name} over {@code table} that decides with {@code decide}. */
    static DocumentMigration of(
            String name, String description, String table, java.util.function.Function<Document, Decision> decide) {
        java.util.Objects.requireNonNull(decide, "decide");
        return new DocumentMigration() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public String table() {
                return table;
            }

            @Override
            public Decision decide(Document document) {
                return decide.apply(document);
            }
        };
    }
}
