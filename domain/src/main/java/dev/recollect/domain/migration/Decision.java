package dev.recollect.domain.migration;

import java.util.Objects;
import java.util.function.Function;

/** What a migration decides for one document. */
public sealed interface Decision {
    /**
     * The value of the function for this decision; every variant has its own, so a new variant breaks
     * the build wherever one is handled.
     *
     * @param update for {@link Update}
     * @param promote for {@link Promote}
     * @param skip for {@link Skip}
     * @param fail for {@link Fail}
     */
    <R> R fold(
            Function<Update, R> update, Function<Promote, R> promote, Function<Skip, R> skip, Function<Fail, R> fail);

    /**
     * Write the document as {@code changed}.
     *
     * @param changed the document after the migration
     */
    record Update(Document changed) implements Decision {
        @Override
        public <R> R fold(
                Function<Update, R> update,
                Function<Promote, R> promote,
                Function<Skip, R> skip,
                Function<Fail, R> fail) {
            return update.apply(this);
        }

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
        @Override
        public <R> R fold(
                Function<Update, R> update,
                Function<Promote, R> promote,
                Function<Skip, R> skip,
                Function<Fail, R> fail) {
            return promote.apply(this);
        }

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
        @Override
        public <R> R fold(
                Function<Update, R> update,
                Function<Promote, R> promote,
                Function<Skip, R> skip,
                Function<Fail, R> fail) {
            return skip.apply(this);
        }

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
        @Override
        public <R> R fold(
                Function<Update, R> update,
                Function<Promote, R> promote,
                Function<Skip, R> skip,
                Function<Fail, R> fail) {
            return fail.apply(this);
        }

        /** Checks the error. */
        public Fail {
            Objects.requireNonNull(error, "error");
        }
    }
}
