package dev.recollect.domain.fsrs;

import dev.recollect.domain.DomainException;

/**
 * The FSRS-6 memory model, operation for operation as ts-fsrs 5.4.2 computes it: the same formulas, evaluated in
 * the same order, rounded to 8 decimals at the same points. Reordering an expression here changes results in the
 * last digit, so the order is part of the contract.
 */
final class MemoryModel {
    static final double S_MIN = Card.MIN_STABILITY;
    static final double S_MAX = 36500;
    private static final double DECIMALS_8 = 1e8;

    private final double[] w;
    private final boolean shortTerm;
    private final int maximumInterval;
    private final double decay;
    private final double factor;
    private final double intervalModifier;
    private final double initialEasyDifficulty;

    MemoryModel(Parameters parameters) {
        this.w = parameters.w();
        this.shortTerm = parameters.enableShortTerm();
        this.maximumInterval = parameters.maximumInterval();
        this.decay = -w[20];
        this.factor = round8(Math.exp(Math.pow(decay, -1) * Math.log(0.9)) - 1);
        this.intervalModifier = round8((Math.pow(parameters.requestRetention(), 1 / decay) - 1) / factor);
        this.initialEasyDifficulty = initialDifficulty(4);
    }

    /** JavaScript's {@code Math.round(x * 1e8) / 1e8}; Java's {@code Math.round} also rounds half up. */
    static double round8(double x) {
        return Math.round(x * DECIMALS_8) / DECIMALS_8;
    }

    /** Probability of recall after {@code elapsedDays} at {@code stability}. */
    double forgettingCurve(double elapsedDays, double stability) {
        return round8(Math.pow(1 + factor * elapsedDays / stability, decay));
    }

    double initialStability(int grade) {
        return Math.max(w[grade - 1], 0.1);
    }

    /** Unclamped, as mean reversion needs it; callers clamp the first difficulty themselves. */
    double initialDifficulty(int grade) {
        return round8(w[4] - Math.exp((grade - 1) * w[5]) + 1);
    }

    /** The interval in whole days before fuzz: at least 1, at most the maximum. */
    int interval(double stability) {
        return (int) Math.min(Math.max(1, Math.round(stability * intervalModifier)), maximumInterval);
    }

    double nextDifficulty(double difficulty, int grade) {
        double deltaD = -w[6] * (grade - 3);
        double nextD = difficulty + round8(deltaD * (10 - difficulty) / 9);
        return Parameters.clamp(round8(w[7] * initialEasyDifficulty + (1 - w[7]) * nextD), 1, 10);
    }

    double recallStability(double d, double s, double r, int grade) {
        double hardPenalty = grade == 2 ? w[15] : 1;
        double easyBonus = grade == 4 ? w[16] : 1;
        return round8(Parameters.clamp(
                s
                        * (1
                                + Math.exp(w[8])
                                        * (11 - d)
                                        * Math.pow(s, -w[9])
                                        * (Math.exp((1 - r) * w[10]) - 1)
                                        * hardPenalty
                                        * easyBonus),
                S_MIN,
                S_MAX));
    }

    double forgetStability(double d, double s, double r) {
        return round8(Parameters.clamp(
                w[11] * Math.pow(d, -w[12]) * (Math.pow(s + 1, w[13]) - 1) * Math.exp((1 - r) * w[14]), S_MIN, S_MAX));
    }

    double shortTermStability(double s, int grade) {
        double sinc = Math.pow(s, -w[19]) * Math.exp(w[17] * (grade - 3 + w[18]));
        double masked = grade >= 2 ? Math.max(sinc, 1) : sinc;
        return round8(Parameters.clamp(s * masked, S_MIN, S_MAX));
    }

    /**
     * ts-fsrs's {@code next_state} stability for a card that has a memory state (difficulty and stability not both
     * 0), {@code t >= 0} days after its last review.
     *
     * @param retrievability the retrievability at {@code t}, which ts-fsrs computes once per review
     */
    double nextStability(double d, double s, int t, int grade, double retrievability) {
        if (d < 1 || s < S_MIN) {
            throw new DomainException("invalid memory state: difficulty " + d + ", stability " + s);
        }
        if (t == 0 && shortTerm) {
            return shortTermStability(s, grade);
        }
        if (grade == 1) {
            double w17 = shortTerm ? w[17] : 0;
            double w18 = shortTerm ? w[18] : 0;
            double floor = s / Math.exp(w17 * w18);
            return Parameters.clamp(round8(floor), S_MIN, forgetStability(d, s, retrievability));
        }
        return recallStability(d, s, retrievability, grade);
    }
}
