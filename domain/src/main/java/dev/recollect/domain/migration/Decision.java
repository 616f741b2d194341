package dev.recollect.domain.migration;

import java.util.Objects;

/** What a migration decides for one document. */
public sealed interface Decision {
    /**
     * Write the document as {@code changed}.
     *
     * @param changed the document after the migration
     */
    record Update(Document changed) implements Decision {
        /** Checks the document. */
        public Update {
            Objects.requireNonNull(changed, "changed");
        }
    }

    /**
     * Leave it; the reason is counted in the stats.
     *
     * @param reason why, such as {@code alreadyMigrated}
     */
    record Skip(String reason) implements Decision {
        /** Checks the reason. */
        public Skip {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * It cannot be migrated; the error is reported with the document's id.
     *
     * @param error what is wrong
     */
    record Fail(String error) implements Decision {
        /** Checks the error. */
        public Fail {
            Objects.requireNonNull(error, "error");
        }
    }
}
