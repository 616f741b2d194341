package dev.recollect.ports.in;

import dev.recollect.domain.library.Lifecycle;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

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
         * Done, or already in effect (which changes nothing, not even a timestamp).
         *
         * @param active whether the item is active afterwards
         */
        record Applied(boolean active) implements Result {}

        /** No such item for this learner. */
        record NotFound() implements Result {
            /** The message. */
            public String message() {
                return "Item not found or unauthorized";
            }
        }
    }
}
