package dev.recollect.ports.service;

import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Parameters;
import dev.recollect.domain.fsrs.optimizer.Optimizer;
import dev.recollect.domain.fsrs.optimizer.Revlog;
import dev.recollect.domain.fsrs.optimizer.TrainingItem;
import dev.recollect.domain.review.LearnerParameters;
import dev.recollect.domain.review.PastReview;
import dev.recollect.ports.in.FitLearnerParameters;
import dev.recollect.ports.in.FitParameters;
import dev.recollect.ports.in.GetLearnerParameters;
import dev.recollect.ports.in.InvalidCommandException;
import dev.recollect.ports.in.ResetLearnerParameters;
import dev.recollect.ports.out.LearnerParameterStore;
import dev.recollect.ports.out.ReviewStore;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Each learner's FSRS weights: fitted to the answers the review store holds, saved, read and reset. */
public final class LearnerFitting implements FitLearnerParameters, GetLearnerParameters, ResetLearnerParameters {
    private final ReviewStore reviews;
    private final LearnerParameterStore parameters;
    private final Parameters deployment;
    private final Clock clock;

    /**
     * Learner fitting over the stores.
     *
     * @param deployment the deployment's FSRS settings: its weights are a learner's until they save their own, its
     *     short-term switch and relearning steps shape the training
     */
    public LearnerFitting(ReviewStore reviews, LearnerParameterStore parameters, Parameters deployment, Clock clock) {
        this.reviews = Objects.requireNonNull(reviews, "reviews");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.deployment = Objects.requireNonNull(deployment, "deployment");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public FitLearnerParameters.Result fit(FitLearnerParameters.Command command, Optimizer.Monitor monitor) {
        CommandValidator.valid(command);
        Objects.requireNonNull(monitor, "monitor");
        UserId user = CommandValidator.userId(command.userId());
        ZoneId zone = zone(command.timezone());
        List<PastReview> history = reviews.history(user);
        List<TrainingItem> items = Revlog.items(PastReview.revlog(history), zone, command.nextDayStartsAt());
        if (items.isEmpty()) {
            return new Result.NothingToLearn(history.size());
        }
        Optional<LearnerParameters> previous = parameters.find(user);
        Optimizer.Options options = Optimizer.Options.DEFAULT
                .withShortTerm(command.shortTerm() != null ? command.shortTerm() : deployment.enableShortTerm())
                .withRelearningSteps(deployment.relearningSteps().size());
        FitParameters.Fit fit = ParameterFitting.fit(
                items, options, previous.map(LearnerParameters::weights).orElse(deployment.w()), monitor);
        Saving saving = saving(command.save(), fit);
        if (saving == Saving.SAVED) {
            parameters.save(new LearnerParameters(
                    user, fit.result().parameters(), clock.instant(), history.size(), fit.after()));
        }
        return new Result.Fitted(history.size(), items.size(), fit, previous, saving);
    }

    /**
     * Saves only what the optimizer learnt (a full training, or with too few reviews for one, the pretrained initial
     * stabilities) and only when it beats the weights in use on the learner's own answers.
     */
    private static Saving saving(boolean asked, FitParameters.Fit fit) {
        if (!asked) {
            return Saving.NOT_ASKED;
        }
        if (!fit.result().learnt()) {
            return Saving.NOT_TRAINED;
        }
        return fit.after().betterThan(fit.before()) ? Saving.SAVED : Saving.NOT_BETTER;
    }

    private static ZoneId zone(String timezone) {
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new InvalidCommandException(List.of("timezone: not a time zone: " + timezone));
        }
    }

    @Override
    public Optional<LearnerParameters> get(GetLearnerParameters.Query query) {
        CommandValidator.valid(query);
        return parameters.find(CommandValidator.userId(query.userId()));
    }

    @Override
    public boolean reset(ResetLearnerParameters.Command command) {
        CommandValidator.valid(command);
        return parameters.delete(CommandValidator.userId(command.userId()));
    }
}
