package dev.recollect.ports.in;

import dev.recollect.domain.stats.Reconciliation;
import jakarta.validation.constraints.NotBlank;

/** Recounts a learner's counters from their concepts, and reports any drift per counter. */
public interface ReconcileStats {
    /** Recounts and stores the counters. */
    Reconciliation reconcile(Command command);

    /**
     * For whom.
     *
     * @param userId the learner
     */
    record Command(@NotBlank String userId) {}
}
