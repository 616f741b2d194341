/**
 * Per-user review counters: sums over the user's active concepts, kept by deltas, floored at zero, and recounted by
 * reconciliation; and what is due, counted at read time.
 */
package dev.recollect.domain.stats;
