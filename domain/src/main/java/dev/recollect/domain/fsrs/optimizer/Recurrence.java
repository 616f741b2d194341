package dev.recollect.domain.fsrs.optimizer;

/**
 * The FSRS-6 memory recurrence as fsrs-rs 6.5.0 trains it ({@code analytic.rs}): forward in {@code float}, rounded
 * after every operation in fsrs-rs's order, and its gradient by hand, in reverse over the steps, in {@code double}
 * from the cached {@code float} values. No autodiff: 21 parameters and a scalar recurrence.
 *
 * <p>One instance caches one item's steps; it is not thread-safe, and is reused across items to allocate nothing.
 */
final class Recurrence {
    static final float S_MIN = 0.001f;
    static final float S_MAX = 36500f;
    static final float D_MIN = 1f;
    static final float D_MAX = 10f;
    private static final float P_MIN = 1e-7f;
    private static final float P_MAX = 1 - 1e-7f;
    private static final float LN_09 = (float) Math.log(0.9f);

    private static final int INITIAL = 0;
    private static final int SAME_DAY = 1;
    private static final int LAPSE = 2;
    private static final int LAPSE_FLOOR = 3;
    private static final int SUCCESS = 4;

    private int capacity;
    // Per step: the state it starts from (as received, then clamped), its inputs and intermediates, its result.
    private float[] sIn;
    private float[] dIn;
    private float[] r;
    private float[] sPre;
    private float[] dm;
    private float[] d1;
    private float[] delta;
    private float[] m;
    private float[] aux;
    private float[] e;
    private float[] time;
    private int[] branch;
    // The curve's partial derivatives at the last point asked, kept here so that each step allocates nothing.
    private double dRdS;
    private double dRdW20;

    Recurrence(int capacity) {
        allocate(Math.max(2, capacity));
    }

    private void allocate(int size) {
        capacity = size;
        sIn = new float[size];
        dIn = new float[size];
        r = new float[size];
        sPre = new float[size];
        dm = new float[size];
        d1 = new float[size];
        delta = new float[size];
        m = new float[size];
        aux = new float[size];
        e = new float[size];
        time = new float[size];
        branch = new int[size];
    }

    static float clamp(float x, float lo, float hi) {
        return Math.min(Math.max(x, lo), hi);
    }

    /** The curve's factor for decay {@code -c}: {@code 0.9^(1/c) − 1}, so that R(S, S) = 0.9. */
    static float factor(float c) {
        return (float) Math.exp(LN_09 / c) - 1f;
    }

    /** Retrievability after {@code t} days at stability {@code s}, with curve exponent {@code c} = −w20. */
    static float retrievability(float t, float s, float c, float f) {
        float base = Math.max(t, 0f) / s * f + 1f;
        return (float) Math.pow(base, c);
    }

    /** The initial difficulty after rating {@code g}, before clamping. */
    static float initialDifficulty(float[] w, int g) {
        return w[4] - (float) Math.exp(w[5] * (float) (g - 1)) + 1f;
    }

    /**
     * Replays the first {@code steps} reviews; returns the stability after them, every step cached for
     * {@link #backward}.
     */
    float forward(float[] w, int[] ratings, int[] days, int offset, int steps) {
        if (steps > capacity) {
            allocate(Math.max(steps, 2 * capacity));
        }
        float c = -w[20];
        float f = factor(c);
        int g0 = ratings[offset];
        float s = clamp(w[g0 - 1], S_MIN, S_MAX);
        float d0 = initialDifficulty(w, g0);
        dm[0] = d0;
        float d = clamp(d0, D_MIN, D_MAX);
        branch[0] = INITIAL;
        float easyD0 = initialDifficulty(w, 4);
        // Loop invariants, each the same float the loop would compute at every step.
        float growth = (float) Math.exp(w[8]);
        float lapseShrink = (float) Math.exp(w[17] * w[18]);
        for (int i = 1; i < steps; i++) {
            int g = ratings[offset + i];
            float t = days[offset + i];
            sIn[i] = s;
            dIn[i] = d;
            time[i] = t;
            s = clamp(s, S_MIN, S_MAX);
            d = clamp(d, D_MIN, D_MAX);
            float ri = retrievability(t, s, c, f);
            r[i] = ri;
            float next;
            if (t == 0) {
                float mi = (float) Math.exp(w[17] * ((float) (g - 3) + w[18])) * (float) Math.pow(s, -w[19]);
                m[i] = mi;
                next = g >= 2 ? s * Math.max(mi, 1f) : s * mi;
                branch[i] = SAME_DAY;
            } else if (g == 1) {
                float raw = w[11]
                        * (float) Math.pow(d, -w[12])
                        * ((float) Math.pow(s + 1f, w[13]) - 1f)
                        * (float) Math.exp((1f - ri) * w[14]);
                float floor = s / lapseShrink;
                aux[i] = raw;
                m[i] = floor;
                if (floor < raw) {
                    next = floor;
                    branch[i] = LAPSE_FLOOR;
                } else {
                    next = raw;
                    branch[i] = LAPSE;
                }
            } else {
                float hard = g == 2 ? w[15] : 1f;
                float easy = g == 4 ? w[16] : 1f;
                float ei = (float) Math.exp((1f - ri) * w[10]);
                float a = growth * (11f - d) * (float) Math.pow(s, -w[9]);
                float inc = a * (ei - 1f) * hard * easy;
                e[i] = ei;
                aux[i] = inc;
                next = s * (1f + inc);
                branch[i] = SUCCESS;
            }
            sPre[i] = next;
            float di = -w[6] * (float) (g - 3);
            float lin = d + (10f - d) * di / 9f;
            float mean = w[7] * (easyD0 - lin) + lin;
            delta[i] = di;
            d1[i] = lin;
            dm[i] = mean;
            s = clamp(next, S_MIN, S_MAX);
            d = clamp(mean, D_MIN, D_MAX);
        }
        return s;
    }

    /**
     * The stability after the first {@code k} reviews of the last {@link #forward}, for {@code 1 ≤ k <} its steps:
     * what {@code forward} over {@code k} steps returns, since each step depends only on the steps before it.
     */
    float stabilityAfter(int k) {
        return sIn[k];
    }

    /** The loss of predicting {@code p} (clamped to [1e-7, 1−1e-7]) for a target recalled or not. */
    static double loss(float p, boolean recalled, float weight) {
        float clamped = clamp(p, P_MIN, P_MAX);
        return -(double) weight * (recalled ? Math.log(clamped) : Math.log(1 - (double) clamped));
    }

    /**
     * The loss of one item ({@code weight × −[y ln p + (1−y) ln(1−p)]}, p clamped to [1e-7, 1−1e-7]), adding its
     * gradient with respect to {@code w} into {@code grad}.
     */
    double lossAndGradient(float[] w, int[] ratings, int[] days, int offset, int length, float weight, double[] grad) {
        int steps = length - 1;
        float s = forward(w, ratings, days, offset, steps);
        float c = -w[20];
        float f = factor(c);
        float t = days[offset + steps];
        float p = retrievability(t, s, c, f);
        boolean y = ratings[offset + steps] > 1;
        double loss = loss(p, y, weight);
        double dp = p > P_MIN && p < P_MAX ? -(double) weight * (y ? 1 / (double) p : -1 / (1 - (double) p)) : 0;
        // The factor's derivative in the curve's exponent: the same for every step of the item.
        double fPrime = Math.exp(LN_09 / (double) c) * (-LN_09 / ((double) c * c));
        curveGradient(t, s, c, f, p, fPrime);
        double gS = dp * dRdS;
        grad[20] += dp * dRdW20;
        backward(w, ratings, offset, steps, gS, 0, c, f, fPrime, grad);
        return loss;
    }

    /** Sets {@link #dRdS} and {@link #dRdW20}, ∂R/∂S and ∂R/∂w20 at (t, S), for the curve's factor's derivative. */
    private void curveGradient(float t, float s, float c, float f, float rr, double fPrime) {
        double tt = Math.max(t, 0f);
        double b = 1 + f * tt / s;
        dRdS = rr * c / b * (-f * tt / ((double) s * s));
        dRdW20 = -(rr * (Math.log(b) + (c / b) * (tt / s) * fPrime));
    }

    private void backward(
            float[] w,
            int[] ratings,
            int offset,
            int steps,
            double gS,
            double gD,
            float c,
            float f,
            double fPrime,
            double[] grad) {
        double easyExp = Math.exp(3 * (double) w[5]);
        double easyD0 = initialDifficulty(w, 4);
        double growth = Math.exp(w[8]);
        for (int i = steps - 1; i >= 1; i--) {
            int g = ratings[offset + i];
            double gSOut = S_MIN <= sPre[i] && sPre[i] <= S_MAX ? gS : 0;
            double gDOut = gD;
            double s = clamp(sIn[i], S_MIN, S_MAX);
            double d = clamp(dIn[i], D_MIN, D_MAX);
            double ri = r[i];
            double newGS = 0;
            double newGD = 0;
            double gR = 0;
            switch (branch[i]) {
                case SUCCESS -> {
                    double inc = aux[i];
                    double ei = e[i];
                    double hard = g == 2 ? w[15] : 1;
                    double easy = g == 4 ? w[16] : 1;
                    double scale = growth * (11 - d) * Math.pow(s, -w[9]);
                    double a = scale * hard * easy;
                    newGS += gSOut * (1 + inc * (1 - w[9]));
                    newGD += -gSOut * s * inc / (11 - d);
                    gR += -gSOut * s * a * w[10] * ei;
                    grad[8] += gSOut * s * inc;
                    grad[9] += -gSOut * s * inc * Math.log(s);
                    grad[10] += gSOut * s * a * (1 - ri) * ei;
                    double bare = scale * (ei - 1);
                    if (g == 2) {
                        grad[15] += gSOut * s * bare;
                    }
                    if (g == 4) {
                        grad[16] += gSOut * s * bare;
                    }
                }
                case LAPSE -> {
                    double raw = aux[i];
                    double k = w[11] * Math.pow(d, -w[12]) * Math.exp((1 - ri) * w[14]);
                    grad[11] += gSOut * raw / w[11];
                    grad[12] += -gSOut * raw * Math.log(d);
                    grad[13] += gSOut * k * Math.pow(s + 1, w[13]) * Math.log(s + 1);
                    grad[14] += gSOut * raw * (1 - ri);
                    newGS += gSOut * k * w[13] * Math.pow(s + 1, w[13] - 1);
                    newGD += -gSOut * w[12] * raw / d;
                    gR += -gSOut * w[14] * raw;
                }
                case LAPSE_FLOOR -> {
                    double floor = m[i];
                    grad[17] += -gSOut * w[18] * floor;
                    grad[18] += -gSOut * w[17] * floor;
                    newGS += gSOut * floor / s;
                }
                case SAME_DAY -> {
                    double mi = m[i];
                    if (g >= 2 && mi < 1) {
                        newGS += gSOut;
                    } else {
                        newGS += gSOut * mi;
                        newGS += -gSOut * w[19] * mi;
                        grad[17] += gSOut * s * mi * (g - 3 + w[18]);
                        grad[18] += gSOut * s * mi * w[17];
                        grad[19] += -gSOut * s * mi * Math.log(s);
                    }
                }
                default -> throw new IllegalStateException("step " + i + " has no branch");
            }
            if (D_MIN <= dm[i] && dm[i] <= D_MAX) {
                grad[7] += gDOut * (easyD0 - d1[i]);
                grad[4] += gDOut * w[7];
                grad[5] += -3 * gDOut * w[7] * easyExp;
                grad[6] += gDOut * (1 - w[7]) * (10 - d) * (3 - g) / 9;
                newGD += gDOut * (1 - w[7]) * (1 - delta[i] / 9.0);
            }
            if (gR != 0) {
                curveGradient(time[i], (float) s, c, f, r[i], fPrime);
                newGS += gR * dRdS;
                grad[20] += gR * dRdW20;
            }
            // fsrs-rs masks these by the incoming state's bounds too; a step's input is the step before's clamped
            // output, always inside them, so the mask never bites.
            gS = newGS;
            gD = newGD;
        }
        int g0 = ratings[offset];
        grad[g0 - 1] += gS;
        if (D_MIN <= dm[0] && dm[0] <= D_MAX) {
            grad[4] += gD;
            grad[5] += -gD * (g0 - 1) * Math.exp(w[5] * (double) (g0 - 1));
        }
    }
}
