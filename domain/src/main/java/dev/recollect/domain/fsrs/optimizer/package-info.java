/**
 * Training FSRS-6 parameters from review histories, as fsrs-rs 6.5.0 does it (the optimizer behind Anki and
 * {@code @open-spaced-repetition/binding} 0.5.0): items from histories, the outlier filter, pretraining of the initial
 * stabilities, Adam over the recurrence with a gradient computed by hand, and evaluation by log loss and RMSE(bins).
 * Pure and deterministic: no I/O, no clock, one fixed seed.
 */
package dev.recollect.domain.fsrs.optimizer;
