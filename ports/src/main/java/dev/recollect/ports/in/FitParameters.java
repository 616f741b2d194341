package dev.recollect.ports.in;

import dev.recollect.domain.fsrs.optimizer.Evaluation;
import dev.recollect.domain.fsrs.optimizer.Optimizer;
import dev.recollect.domain.fsrs.optimizer.TrainingItem;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Fits FSRS-6 parameters to review histories as fsrs-rs 6.5.0 (Anki's optimizer) fits them, and scores the defaults
 * and the fit on the same items, for a service that keeps its learners' review logs itself. Build the items with
 * {@link dev.recollect.domain.fsrs.optimizer.Revlog#items} from review log rows.
 */
public interface FitParameters {
    /** The most items one command may carry: about a million reviews, a long life of daily study. */
    int MAX_ITEMS = 2_000_000;

    /**
     * Fits, telling {@code monitor} of each step; the monitor may stop the training, which then gives the defaults.
     *
     * @throws InvalidCommandException when the command is missing or holds no items
     */
    Fit fit(Command command, Optimizer.Monitor monitor);

    /**
     * What to fit.
     *
     * @param items the items, in the order their targets were reviewed (later items weigh more)
     * @param shortTerm whether same-day reviews train w17 to w19
     */
    record Command(@NotNull @Size(min = 1, max = MAX_ITEMS) List<@NotNull TrainingItem> items, boolean shortTerm) {}

    /**
     * What fitting gave.
     *
     * @param result the parameters, and whether they were trained or why not
     * @param before the log loss and RMSE(bins), on the items, of the weights in use before: the defaults unless a
     *     learner's own were
     * @param after the result's, on the same items
     */
    record Fit(Optimizer.Result result, Evaluation before, Evaluation after) {}
}
