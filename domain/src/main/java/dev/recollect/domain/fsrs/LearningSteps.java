package dev.recollect.domain.fsrs;

/**
 * ts-fsrs's {@code BasicLearningStepsStrategy}: which step a rating leads to, and after how many minutes.
 *
 * <p>Quirks kept on purpose: Hard always averages the <em>first</em> two steps whatever the current step is, and a
 * Review card that lapses uses the relearning step at its current index.
 */
final class LearningSteps {
    /**
     * No step applies: the card graduates to day intervals. A step of zero minutes graduates the card as well, so
     * both are the same packed value.
     */
    static final long NONE = 0;

    private LearningSteps() {}

    /**
     * The step for {@code grade}, packed as {@code minutes << 32 | nextStep}, or {@link #NONE}.
     *
     * @param state the card's state before the review, which selects the step list
     * @param currentStep the card's current step index
     */
    static long lookup(Parameters parameters, State state, int currentStep, int grade) {
        boolean relearning = state == State.RELEARNING || state == State.REVIEW;
        int[] steps = relearning ? parameters.relearningStepMinutes() : parameters.learningStepMinutes();
        int length = steps.length;
        if (currentStep >= length) {
            return NONE;
        }
        if (state == State.REVIEW) {
            return grade == 1 ? pack(steps[Math.max(0, currentStep)], 0) : NONE;
        }
        return switch (grade) {
            case 1 -> pack(steps[0], 0);
            case 2 -> pack(hardMinutes(steps), currentStep);
            case 3 -> currentStep + 1 < length ? pack(steps[currentStep + 1], currentStep + 1) : NONE;
            default -> NONE;
        };
    }

    private static long hardMinutes(int[] steps) {
        if (steps.length == 1) {
            return Math.round(steps[0] * 1.5);
        }
        return Math.round((steps[0] + steps[1]) / 2.0);
    }

    private static long pack(long minutes, int nextStep) {
        return minutes << 32 | nextStep;
    }

    static long minutes(long packed) {
        return packed >>> 32;
    }

    static int nextStep(long packed) {
        return (int) packed;
    }
}
