/**
 * FSRS-6 scheduling, bit-compatible with ts-fsrs 5.4.x.
 *
 * <p>{@link dev.recollect.domain.fsrs.Scheduler} is the entry point. Every number it produces equals what ts-fsrs
 * 5.4.2 produces for the same card, time, rating and {@link dev.recollect.domain.fsrs.Parameters}, including its
 * 8-decimal rounding, UTC calendar-day counting and seeded fuzz. Times are {@link java.time.Instant}s and are used at
 * millisecond precision, as JavaScript dates are.
 */
package dev.recollect.domain.fsrs;
