package dev.recollect.domain.fsrs.optimizer;

/** Too little data to fit what was asked: pretraining found no first rating, or there is nothing to evaluate. */
final class NotEnoughData extends OptimizerException {
    private static final long serialVersionUID = 1L;

    NotEnoughData(String message) {
        super(message);
    }
}
