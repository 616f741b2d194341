package dev.recollect.domain.fsrs.optimizer;

import dev.recollect.domain.fsrs.Parameters;

/**
 * fsrs-rs 6.5.0's constants for training: the default parameters, the spread of each that the L2 term divides by,
 * and the bounds every step is clipped to ({@code parameter_clipper.rs}), all in {@code float} as fsrs-rs keeps them.
 */
final class Defaults {
    /** The FSRS-6 defaults: the scheduler's, in float as fsrs-rs holds them. */
    static final float[] WEIGHTS = floats(Parameters.defaults().w());

    /** How far each parameter usually lies from its default: the L2 term's σ. */
    static final float[] SIGMA = {
        6.43f, 9.66f, 17.58f, 27.85f, 0.57f, 0.28f, 0.6f, 0.12f, 0.39f, 0.18f, 0.33f, 0.3f, 0.09f, 0.16f, 0.57f, 0.25f,
        1.03f, 0.31f, 0.32f, 0.14f, 0.27f
    };

    private static final float[] LOW = {
        0.001f, 0.001f, 0.001f, 0.001f, 1f, 0.001f, 0.001f, 0.001f, 0f, 0f, 0.001f, 0.001f, 0.001f, 0.001f, 0f, 0f, 1f,
        0f, 0f, 0.01f, 0.1f
    };

    private static final float[] HIGH = {
        100f, 100f, 100f, 100f, 10f, 4f, 4f, 0.75f, 4.5f, 0.8f, 3.5f, 5f, 0.25f, 0.9f, 4f, 1f, 6f, 2f, 2f, 0.8f, 0.8f
    };

    private Defaults() {}

    private static float[] floats(double[] values) {
        float[] narrow = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            narrow[i] = (float) values[i];
        }
        return narrow;
    }

    /** The defaults, a fresh copy. */
    static float[] weights() {
        return WEIGHTS.clone();
    }

    /**
     * Clips {@code w} in place into the bounds. With more than one relearning step, w17 and w18 are held under a
     * ceiling computed from the pre-clip w11, w13 and w14, so that relearning never shortens what a lapse gave.
     */
    static void clip(float[] w, int relearningSteps, boolean shortTerm) {
        float ceiling = 2f;
        if (relearningSteps > 1) {
            float value = -((float) Math.log(w[11]) + (float) Math.log((float) Math.pow(2f, w[13]) - 1f) + 0.3f * w[14])
                    / relearningSteps;
            // Rust's max and min ignore NaN (a negative pre-clip w11 has no logarithm): the floor then wins.
            float floored = Float.isNaN(value) ? 0.01f : Math.max(0.01f, value);
            ceiling = Math.min(2f, (float) Math.sqrt(floored));
        }
        for (int i = 0; i < w.length; i++) {
            float low = i == 19 && !shortTerm ? 0f : LOW[i];
            float high = i == 17 || i == 18 ? ceiling : HIGH[i];
            w[i] = Recurrence.clamp(w[i], low, high);
        }
    }
}
