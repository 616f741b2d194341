/** Per-user review counters, changed by deltas and floored at zero. */
package dev.recollect.domain.stats;
