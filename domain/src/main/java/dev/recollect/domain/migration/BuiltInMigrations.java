package dev.recollect.domain.migration;

import java.util.List;
import java.util.Map;

/** The reference app's data migrations, rebuilt on the runner with its bugs fixed (scry-behaviour §7, gap 16). */
public final class BuiltInMigrations {
    private BuiltInMigrations() {}

    /** Every built-in migration. */
    public static List<DocumentMigration> all() {
        return List.of(
                removeField("remove-question-difficulty", "questions", "difficulty"),
                removeField("remove-question-topic", "questions", "topic"),
                new BackfillUserCreatedAt(),
                new BackfillInteractionSessionId(),
                LegacyQuestions.migration());
    }

    /**
     * Removes {@code field} from the documents of {@code table} that have it. Presence is tested, not the value: a key
     * holding {@code null} is removed too, where the reference counted it as migrated.
     */
    public static DocumentMigration removeField(String name, String table, String field) {
        return DocumentMigration.of(
                name,
                "Removes the " + field + " key from imported " + table + " documents.",
                table,
                document -> document.has(field)
                        ? new Decision.Update(document.without(field))
                        : new Decision.Skip("alreadyMigrated"));
    }

    /** Sets users' {@code createdAt} from {@code _creationTime}, else from the import time; skips those that have it. */
    static final class BackfillUserCreatedAt implements DocumentMigration {
        @Override
        public String name() {
            return "backfill-user-created-at";
        }

        @Override
        public String description() {
            return "Sets users' createdAt from _creationTime, else from the import time.";
        }

        @Override
        public String table() {
            return "users";
        }

        @Override
        public Decision decide(Document document) {
            if (document.get("createdAt") != null) {
                return new Decision.Skip("alreadyHadCreatedAt");
            }
            Object creation = document.get("_creationTime");
            if (creation != null && !(creation instanceof Number)) {
                return new Decision.Fail("_creationTime is not a number: " + creation);
            }
            long millis = creation != null
                    ? ((Number) creation).longValue()
                    : document.importedAt().toEpochMilli();
            return new Decision.Update(document.with("createdAt", millis));
        }
    }

    /**
     * Copies interactions' {@code context.sessionId} to the top-level {@code sessionId}; counts those without that
     * context, and skips those already set.
     */
    static final class BackfillInteractionSessionId implements DocumentMigration {
        @Override
        public String name() {
            return "backfill-interaction-session-id";
        }

        @Override
        public String description() {
            return "Copies interactions' context.sessionId to the top-level sessionId.";
        }

        @Override
        public String table() {
            return "interactions";
        }

        @Override
        public Decision decide(Document document) {
            if (document.get("sessionId") != null) {
                return new Decision.Skip("alreadyHadSessionId");
            }
            Object context = document.get("context");
            Object session = context instanceof Map<?, ?> map ? map.get("sessionId") : null;
            if (session == null) {
                return new Decision.Skip("missingSessionContext");
            }
            if (!(session instanceof String text) || text.isBlank()) {
                return new Decision.Fail("context.sessionId is not a non-blank string: " + session);
            }
            return new Decision.Update(document.with("sessionId", text));
        }
    }
}
