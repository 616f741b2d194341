package dev.recollect.benchmarks;

import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.Rating;
import java.time.Instant;

/**
 * The reference app's FSRS workload, shared with {@code benchmarks/fsrs/ts-fsrs-bench.mjs} so that both sides review
 * the same cards at the same times with the same ratings: one mulberry32 stream draws, per review, a rating (Again
 * 12%, Hard 15%, Good 60%, Easy 13%), a timing (at due 70%, early 15%, late 15%) and a fraction for the timing.
 */
final class ReviewWorkload {
    static final long START_MS = Instant.parse("2025-01-01T08:00:00Z").toEpochMilli();
    static final int SEED = 20_250_101;

    private int state;

    ReviewWorkload(int seed) {
        this.state = seed;
    }

    /** mulberry32, bit for bit as the JavaScript one-liner: a float in [0, 1). */
    double next() {
        state += 0x6D2B79F5;
        int t = state;
        t = (t ^ (t >>> 15)) * (t | 1);
        t ^= t + ((t ^ (t >>> 7)) * (t | 61));
        return ((t ^ (t >>> 14)) & 0xFFFFFFFFL) / 4294967296.0;
    }

    Rating rating() {
        double u = next();
        if (u < 0.12) {
            return Rating.AGAIN;
        }
        if (u < 0.27) {
            return Rating.HARD;
        }
        return u < 0.87 ? Rating.GOOD : Rating.EASY;
    }

    /** When to review {@code card}: at its due time, early (between its last review and due) or late. */
    long reviewTime(Card card) {
        double timing = next();
        double fraction = next();
        long due = card.due().toEpochMilli();
        long last = card.lastReview() == null ? due : card.lastReview().toEpochMilli();
        long interval = Math.max(due - last, 60_000L);
        if (timing < 0.70) {
            return due;
        }
        if (timing < 0.85) {
            return last + (long) Math.floor(fraction * (due - last));
        }
        return due + (long) Math.floor(fraction * interval);
    }
}
