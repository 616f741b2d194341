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
     * Turn the document into rows of the library: a concept and its phrasing (written only if absent, so a batch done
     * twice adds nothing). The store also carries over the document's interactions and recounts the owner's stats.
     *
     * @param concept the concept, with the document's FSRS state
     * @param phrasing its phrasing, with the document's counters
     */
    record Promote(dev.recollect.domain.library.Concept concept, dev.recollect.domain.library.Phrasing phrasing)
            implements Decision {
        /** Checks that the phrasing is the concept's. */
        public Promote {
            Objects.requireNonNull(concept, "concept");
            Objects.requireNonNull(phrasing, "phrasing");
            if (!phrasing.conceptId().equals(concept.id())) {
                throw new IllegalArgumentException("the phrasing must be the concept's");
            }
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
