package dev.recollect.adapters.jdbi;

import dev.recollect.domain.migration.RunScope;
import org.jdbi.v3.core.statement.Query;

/**
 * A run's scope as conditions on {@code imported_documents}, in the words of {@link RunScope}: keys compared in the
 * column's byte order ({@code COLLATE "C"}), and {@code _creationTime} compared as an exact number where it is one
 * (any other value is outside a range that bounds creation, as it is for the domain).
 */
final class ScopeSql {
    private static final String CREATED =
            "CASE WHEN jsonb_typeof(doc -> '_creationTime') = 'number' THEN (doc ->> '_creationTime')::numeric END";

    private ScopeSql() {}

    /** The conditions on the key, each starting with {@code AND}; empty for an open scope. */
    static String keys(RunScope scope) {
        return (scope.fromKey() == null ? "" : " AND id >= :fromKey")
                + (scope.toKey() == null ? "" : " AND id <= :toKey");
    }

    /** The conditions on the creation time, each starting with {@code AND}; empty when creation is not bounded. */
    static String created(RunScope scope) {
        return (scope.createdFrom() == null ? "" : " AND " + CREATED + " >= :createdFrom")
                + (scope.createdTo() == null ? "" : " AND " + CREATED + " < :createdTo");
    }

    /** Binds the bounds that {@link #keys} named, and no other: JDBI refuses extra bindings. */
    static Query bindKeys(Query query, RunScope scope) {
        if (scope.fromKey() != null) {
            query.bind("fromKey", scope.fromKey());
        }
        if (scope.toKey() != null) {
            query.bind("toKey", scope.toKey());
        }
        return query;
    }

    /** Binds the bounds that {@link #keys} and {@link #created} named, and no other. */
    static Query bind(Query query, RunScope scope) {
        bindKeys(query, scope);
        if (scope.createdFrom() != null) {
            query.bind("createdFrom", scope.createdFrom().toEpochMilli());
        }
        if (scope.createdTo() != null) {
            query.bind("createdTo", scope.createdTo().toEpochMilli());
        }
        return query;
    }
}
