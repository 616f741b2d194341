package dev.recollect.domain.fsrs;

import dev.recollect.domain.DomainException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheduler's settings, validated on construction (messages name the field) and then migrated and clipped as
 * ts-fsrs 5.4.2 does: 17-weight (FSRS-4.5) and 19-weight (FSRS-5) vectors are padded to 21 and every weight is
 * clamped into its range, including the w17/w18 ceiling that depends on the number of relearning steps.
 *
 * <p>Stricter than ts-fsrs where it would silently do something else: non-finite weights, a weight vector of another
 * length, a retention of 0 and steps that are not whole minutes are rejected rather than replaced by defaults.
 *
 * <p>Immutable and thread-safe.
 */
public final class Parameters {
    /** The FSRS-6 default weights. */
    private static final double[] DEFAULT_W = {
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629,
        1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542
    };

    private static final double S_MIN = 0.001;
    private static final double INIT_S_MAX = 100;
    private static final double W17_W18_CEILING = 2.0;
    private static final double FSRS5_DEFAULT_DECAY = 0.5;
    private static final Pattern STEP = Pattern.compile("(\\d{1,9})([mhd])");

    private final double[] w;
    private final double requestRetention;
    private final int maximumInterval;
    private final boolean enableFuzz;
    private final boolean enableShortTerm;
    private final int[] learningStepMinutes;
    private final int[] relearningStepMinutes;

    private Parameters(Builder builder) {
        this.learningStepMinutes = minutes("learningSteps", builder.learningSteps);
        this.relearningStepMinutes = minutes("relearningSteps", builder.relearningSteps);
        if (!(builder.requestRetention > 0 && builder.requestRetention <= 1)) {
            throw new DomainException("requestRetention must be in (0, 1], got " + builder.requestRetention);
        }
        if (builder.maximumInterval < 1) {
            throw new DomainException("maximumInterval must be at least 1 day, got " + builder.maximumInterval);
        }
        this.requestRetention = builder.requestRetention;
        this.maximumInterval = builder.maximumInterval;
        this.enableFuzz = builder.enableFuzz;
        this.enableShortTerm = builder.enableShortTerm;
        this.w = migrate(checked(builder.w), relearningStepMinutes.length, enableShortTerm);
    }

    /** ts-fsrs's defaults: the FSRS-6 weights, retention 0.9, 36500 days, no fuzz, short-term on, 1m/10m and 10m. */
    public static Parameters defaults() {
        return builder().build();
    }

    /** A builder that starts from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these parameters (with their effective, already migrated weights). */
    public Builder toBuilder() {
        return builder()
                .w(w)
                .requestRetention(requestRetention)
                .maximumInterval(maximumInterval)
                .enableFuzz(enableFuzz)
                .enableShortTerm(enableShortTerm)
                .learningSteps(durations(learningStepMinutes))
                .relearningSteps(durations(relearningStepMinutes));
    }

    /** The 21 effective weights, after migration and clipping. */
    public double[] w() {
        return w.clone();
    }

    /** The retention the intervals aim for, in (0, 1]. */
    public double requestRetention() {
        return requestRetention;
    }

    /** The longest interval, in days (the interval ordering may exceed it by 1 or 2, as in ts-fsrs). */
    public int maximumInterval() {
        return maximumInterval;
    }

    /** Whether intervals of 3 days or more are fuzzed. */
    public boolean enableFuzz() {
        return enableFuzz;
    }

    /** Whether same-day reviews and learning steps are used (ts-fsrs's BasicScheduler) or not (LongTermScheduler). */
    public boolean enableShortTerm() {
        return enableShortTerm;
    }

    /** The learning steps. */
    public List<Duration> learningSteps() {
        return durations(learningStepMinutes);
    }

    /** The relearning steps. */
    public List<Duration> relearningSteps() {
        return durations(relearningStepMinutes);
    }

    int[] learningStepMinutes() {
        return learningStepMinutes;
    }

    int[] relearningStepMinutes() {
        return relearningStepMinutes;
    }

    /**
     * Parses a step as ts-fsrs writes it: a whole number and a unit, {@code m}, {@code h} or {@code d}, such as
     * {@code "10m"} or {@code "1d"}.
     */
    public static Duration parseStep(String step) {
        Matcher matcher = STEP.matcher(step == null ? "" : step);
        if (!matcher.matches()) {
            throw new DomainException("a step is a whole number and a unit m, h or d (like 10m), got \"" + step + "\"");
        }
        long value = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(value);
            case "h" -> Duration.ofHours(value);
            default -> Duration.ofDays(value);
        };
    }

    private static double[] checked(double[] weights) {
        if (weights.length != 17 && weights.length != 19 && weights.length != 21) {
            throw new DomainException("w must have 17, 19 or 21 weights, got " + weights.length);
        }
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) {
                throw new DomainException("w[" + i + "] must be a finite number, got " + weights[i]);
            }
        }
        return weights;
    }

    /** ts-fsrs 5.4.2: {@code migrateParameters}, then {@code clipParameters} once more on the 21 weights. */
    static double[] migrate(double[] weights, int relearningSteps, boolean shortTerm) {
        double[] clipped = clip(weights, relearningSteps, shortTerm);
        double[] full = Arrays.copyOf(clipped, 21);
        if (weights.length == 19) {
            full[19] = 0;
            full[20] = FSRS5_DEFAULT_DECAY;
        } else if (weights.length == 17) {
            full[4] = JsNumbers.toFixed8(clipped[5] * 2 + clipped[4]);
            full[5] = JsNumbers.toFixed8(Math.log(clipped[5] * 3 + 1) / 3);
            full[6] = JsNumbers.toFixed8(clipped[6] + 0.5);
            full[20] = FSRS5_DEFAULT_DECAY;
        }
        return clip(full, relearningSteps, shortTerm);
    }

    /** ts-fsrs's {@code clipParameters}: clamps each weight present into its range. */
    static double[] clip(double[] weights, int relearningSteps, boolean shortTerm) {
        double[][] bounds = bounds(shortTerm);
        if (relearningSteps > 1 && weights.length > 17) {
            double w11 = clamp(weights[11], bounds[11][0], bounds[11][1]);
            double w13 = clamp(weights[13], bounds[13][0], bounds[13][1]);
            double w14 = clamp(weights[14], bounds[14][0], bounds[14][1]);
            double value = -(Math.log(w11) + Math.log(Math.pow(2, w13) - 1) + w14 * 0.3) / relearningSteps;
            double ceiling = clamp(MemoryModel.round8(Math.sqrt(Math.max(value, 0))), 0.01, W17_W18_CEILING);
            bounds[17][1] = ceiling;
            bounds[18][1] = ceiling;
        }
        double[] clipped = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            clipped[i] = clamp(weights[i], bounds[i][0], bounds[i][1]);
        }
        return clipped;
    }

    private static double[][] bounds(boolean shortTerm) {
        return new double[][] {
            {S_MIN, INIT_S_MAX},
            {S_MIN, INIT_S_MAX},
            {S_MIN, INIT_S_MAX},
            {S_MIN, INIT_S_MAX},
            {1, 10},
            {0.001, 4},
            {0.001, 4},
            {0.001, 0.75},
            {0, 4.5},
            {0, 0.8},
            {0.001, 3.5},
            {0.001, 5},
            {0.001, 0.25},
            {0.001, 0.9},
            {0, 4},
            {0, 1},
            {1, 6},
            {0, W17_W18_CEILING},
            {0, W17_W18_CEILING},
            {shortTerm ? 0.01 : 0, 0.8},
            {0.1, 0.8}
        };
    }

    static double clamp(double value, double min, double max) {
        return Math.min(Math.max(value, min), max);
    }

    private static int[] minutes(String field, List<Duration> steps) {
        int[] minutes = new int[steps.size()];
        for (int i = 0; i < minutes.length; i++) {
            Duration step = steps.get(i);
            if (step == null
                    || step.isNegative()
                    || step.toSecondsPart() != 0
                    || step.toNanosPart() != 0
                    || step.toMinutes() > Integer.MAX_VALUE) {
                throw new DomainException(field + "[" + i + "] must be a whole number of minutes >= 0, got " + step);
            }
            minutes[i] = (int) step.toMinutes();
        }
        return minutes;
    }

    private static List<Duration> durations(int[] minutes) {
        return Arrays.stream(minutes).mapToObj(Duration::ofMinutes).toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Parameters that
                && Arrays.equals(w, that.w)
                && requestRetention == that.requestRetention
                && maximumInterval == that.maximumInterval
                && enableFuzz == that.enableFuzz
                && enableShortTerm == that.enableShortTerm
                && Arrays.equals(learningStepMinutes, that.learningStepMinutes)
                && Arrays.equals(relearningStepMinutes, that.relearningStepMinutes);
    }

    @Override
    public int hashCode() {
        // Every field that equals() compares, so that parameters differing only in a switch hash apart too.
        return Objects.hash(
                Arrays.hashCode(w),
                requestRetention,
                maximumInterval,
                enableFuzz,
                enableShortTerm,
                Arrays.hashCode(learningStepMinutes),
                Arrays.hashCode(relearningStepMinutes));
    }

    @Override
    public String toString() {
        return "Parameters[w=" + Arrays.toString(w) + ", requestRetention=" + requestRetention + ", maximumInterval="
                + maximumInterval + ", enableFuzz=" + enableFuzz + ", enableShortTerm=" + enableShortTerm
                + ", learningSteps=" + learningSteps() + ", relearningSteps=" + relearningSteps() + "]";
    }

    /** Builds {@link Parameters}; starts from ts-fsrs's defaults. Not thread-safe. */
    public static final class Builder {
        private double[] w = DEFAULT_W.clone();
        private double requestRetention = 0.9;
        private int maximumInterval = 36500;
        private boolean enableFuzz = false;
        private boolean enableShortTerm = true;
        private List<Duration> learningSteps = List.of(Duration.ofMinutes(1), Duration.ofMinutes(10));
        private List<Duration> relearningSteps = List.of(Duration.ofMinutes(10));

        private Builder() {}

        /** 17, 19 or 21 weights; fewer than 21 are migrated as ts-fsrs does. */
        public Builder w(double... weights) {
            this.w = weights.clone();
            return this;
        }

        /** The retention to aim for, in (0, 1]. */
        public Builder requestRetention(double retention) {
            this.requestRetention = retention;
            return this;
        }

        /** The longest interval in days, at least 1. */
        public Builder maximumInterval(int days) {
            this.maximumInterval = days;
            return this;
        }

        /** Whether to fuzz intervals. */
        public Builder enableFuzz(boolean enabled) {
            this.enableFuzz = enabled;
            return this;
        }

        /** Whether to use same-day reviews and learning steps. */
        public Builder enableShortTerm(boolean enabled) {
            this.enableShortTerm = enabled;
            return this;
        }

        /** The learning steps, each a whole number of minutes. */
        public Builder learningSteps(List<Duration> steps) {
            this.learningSteps = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(steps));
            return this;
        }

        /** The relearning steps, each a whole number of minutes. */
        public Builder relearningSteps(List<Duration> steps) {
            this.relearningSteps = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(steps));
            return this;
        }

        /** Validates, migrates and clips. */
        public Parameters build() {
            return new Parameters(this);
        }
    }
}
