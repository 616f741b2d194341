package dev.recollect.adapters.jdbi;

import static dev.recollect.adapters.jdbi.Database.instant;
import static dev.recollect.adapters.jdbi.Database.timestamp;

import dev.recollect.domain.migration.DecidedBatch;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.KeyRange;
import dev.recollect.domain.migration.LibraryTable;
import dev.recollect.domain.migration.RunScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The library tables as the migration ledger walks them ({@link LibraryTable}): the live rows without an embedding,
 * keyed by their UUID's text (whose order is the UUIDs' own, so every range is a scan of the partial index of
 * migration V13), read as documents of the fields their embedding text is made of, and written back by setting the
 * embedding where it is still missing.
 */
final class LibraryRows {
    private LibraryRows() {}

    private static String table(LibraryTable table) {
        return switch (table) {
            case PHRASINGS -> "phrasings";
            case CONCEPTS -> "concepts";
        };
    }

    private static String[] textColumns(LibraryTable table) {
        return switch (table) {
            case PHRASINGS -> new String[] {"question", "explanation"};
            case CONCEPTS -> new String[] {"title", "description"};
        };
    }

    /** The rows of the scope after {@code after} and up to {@code upTo} (each when given), as a FROM and WHERE. */
    private static String rows(LibraryTable table, RunScope scope, String after, String upTo) {
        return " FROM " + table(table) + " WHERE embedding IS NULL AND deleted_at IS NULL"
                + (after == null ? "" : " AND id > CAST(:after AS uuid)")
                + (upTo == null ? "" : " AND id <= CAST(:upTo AS uuid)")
                + (scope.fromKey() == null ? "" : " AND id >= CAST(:fromKey AS uuid)")
                + (scope.toKey() == null ? "" : " AND id <= CAST(:toKey AS uuid)")
                + (scope.createdFrom() == null ? "" : " AND created_at >= :createdFrom")
                + (scope.createdTo() == null ? "" : " AND created_at < :createdTo");
    }

    /** Binds what {@link #rows} named, and nothing else. */
    private static Query bind(Query query, RunScope scope, String after, String upTo) {
        if (after != null) {
            query.bind("after", after);
        }
        if (upTo != null) {
            query.bind("upTo", upTo);
        }
        ScopeSql.bindKeys(query, scope);
        if (scope.createdFrom() != null) {
            query.bind("createdFrom", timestamp(scope.createdFrom()));
        }
        if (scope.createdTo() != null) {
            query.bind("createdTo", timestamp(scope.createdTo()));
        }
        return query;
    }

    static long count(Handle handle, LibraryTable table, RunScope scope) {
        return bind(handle.createQuery("SELECT count(*)" + rows(table, scope, null, null)), scope, null, null)
                .mapTo(Long.class)
                .one();
    }

    /** Every {@code size}-th key after {@code after}, and the last. */
    static List<String> boundaries(Handle handle, LibraryTable table, RunScope scope, String after, int size) {
        List<String> found = new ArrayList<>(bind(
                        handle.createQuery("SELECT id::text FROM (SELECT id, row_number() OVER (ORDER BY id) AS n"
                                + rows(table, scope, after, null) + ") AS k WHERE n % :size = 0 ORDER BY id"),
                        scope,
                        after,
                        null)
                .bind("size", size)
                .mapTo(String.class)
                .list());
        // PostgreSQL 15 has no max(uuid): the last key is the first in descending order.
        String end = bind(
                        handle.createQuery(
                                "SELECT id::text" + rows(table, scope, after, null) + " ORDER BY id DESC LIMIT 1"),
                        scope,
                        after,
                        null)
                .mapTo(String.class)
                .findOne()
                .orElse(null);
        if (end != null && (found.isEmpty() || !found.get(found.size() - 1).equals(end))) {
            found.add(end);
        }
        return found;
    }

    /** The last key of the next {@code size} rows after {@code after}. */
    static Optional<String> nextBoundary(Handle handle, LibraryTable table, RunScope scope, String after, int size) {
        return Optional.ofNullable(bind(
                        handle.createQuery("SELECT id::text FROM (SELECT id" + rows(table, scope, after, null)
                                + " ORDER BY id LIMIT :size) AS batch ORDER BY id DESC LIMIT 1"),
                        scope,
                        after,
                        null)
                .bind("size", size)
                .mapTo(String.class)
                .findOne()
                .orElse(null));
    }

    /** The rows of a batch's range that still lack an embedding, as documents, in key order. */
    static List<Document> documents(Handle handle, LibraryTable table, RunScope scope, KeyRange range) {
        String[] columns = textColumns(table);
        return bind(
                        handle.createQuery("SELECT id::text AS id, " + columns[0] + ", " + columns[1] + ", created_at"
                                + rows(table, scope, range.after(), range.upTo()) + " ORDER BY id"),
                        scope,
                        range.after(),
                        range.upTo())
                .map((rs, ctx) -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    for (String column : columns) {
                        String value = rs.getString(column);
                        if (value != null) {
                            fields.put(column, value);
                        }
                    }
                    return new Document(rs.getString("id"), fields, instant(rs, "created_at"));
                })
                .list();
    }

    /**
     * Sets each changed row's embedding (its {@code embedding} field, a list of numbers) where it is still missing:
     * a row embedded meanwhile by generation keeps its own.
     *
     * @throws IllegalArgumentException when a change has no embedding that a {@code real[]} can hold
     */
    static void writeEmbeddings(Handle handle, LibraryTable table, List<DecidedBatch.Change> changes, Instant now) {
        List<String> ids = new ArrayList<>();
        List<String> vectors = new ArrayList<>();
        for (DecidedBatch.Change change : changes) {
            ids.add(change.after().id());
            vectors.add(realArray(change.after().get("embedding")));
        }
        handle.createUpdate("UPDATE " + table(table) + " AS t SET embedding = CAST(u.vector AS real[]),"
                        + " embedding_generated_at = :now FROM unnest(:ids, :vectors) AS u(id, vector)"
                        + " WHERE t.id = CAST(u.id AS uuid) AND t.embedding IS NULL")
                .bindArray("ids", String.class, ids)
                .bindArray("vectors", String.class, vectors)
                .bind("now", timestamp(now))
                .execute();
    }

    private static String realArray(Object embedding) {
        if (!(embedding instanceof List<?> values) || values.isEmpty()) {
            throw new IllegalArgumentException("an embedding must be a list of numbers, got " + embedding);
        }
        StringBuilder literal = new StringBuilder("{");
        for (Object value : values) {
            if (!(value instanceof Number number) || !Float.isFinite(number.floatValue())) {
                throw new IllegalArgumentException("an embedding's values must be finite numbers, got " + value);
            }
            literal.append(literal.length() > 1 ? "," : "").append(number.floatValue());
        }
        return literal.append('}').toString();
    }
}
