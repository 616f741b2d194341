package dev.recollect.ports.in;

import dev.recollect.domain.library.Lifecycle;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.function.Function;

/** Archives, unarchives, deletes or restores a concept or a phrasing, keeping the learner's counters exact. */
public interface ChangeLifecycle {
    /** Applies the change, or says that the item is not the user's. */
    Result change(Command command);

    /** What kind of item. */
    enum Item {
        /** A concept; its counters change with it. */
        CONCEPT,
        /** A phrasing; its concept's phrasing count changes with it. */
        PHRASING
    }

    /**
     * A change.
     *
     * @param userId the learner
     * @param item the kind of item
     * @param id the item's id, as text
     * @param change the change
     */
    record Command(@NotBlank String userId, @NotNull Item item, @NotBlank String id, @NotNull Lifecycle change) {}

    /** The outcome. */
    sealed interface Result {
        /**
         * The value of the function for this outcome; every variant has its own, so a new variant breaks
         * the build wherever one is handled.
         *
         * @param applied for {@link Applied}
         * @param notFound for {@link NotFound}
         */
        <R> R fold(Function<Applied, R> applied, Function<NotFound, R> notFound);

        /**
         * Done, or already in effect (which changes nothing, not even a timestamp).
         *
         * @param active whether the item is active afterwards
         */
        record Applied(boolean active) implements Result {
            @Override
            public <R> R fold(Function<Applied, R> applied, Function<NotFound, R> notFound) {
                return applied.apply(this);
            }
        }

        /** No such item for this learner. */
        record NotFound() implements Result {
            @Override
            public <R> R fold(Function<Applied, R> applied, Function<NotFound, R> notFound) {
                return notFound.apply(this);
            }

            /** The message. */
            public String message() {
                return "Item not found or unauthorized";
            }
        }
    }
}
