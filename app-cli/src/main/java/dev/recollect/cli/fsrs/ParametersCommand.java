package dev.recollect.cli.fsrs;

import dev.recollect.cli.app.App;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.domain.review.LearnerParameters;
import dev.recollect.ports.in.GetLearnerParameters;
import dev.recollect.ports.in.ResetLearnerParameters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recollect fsrs parameters}: the FSRS weights a learner's answers are scheduled with; {@code --reset}. */
@Command(
        name = "parameters",
        description = {
            "Shows the FSRS-6 parameters saved for a learner by `fsrs optimize --user U --save`, or says that the"
                    + " deployment's schedule them; --reset deletes the learner's."
        },
        mixinStandardHelpOptions = true)
public final class ParametersCommand extends AppCommand {
    @Option(names = "--user", required = true, paramLabel = "USER", description = "The learner.")
    String user;

    @Option(names = "--reset", description = "Delete the learner's parameters: the deployment's schedule them again.")
    boolean reset;

    @Override
    protected int run(App app, Output out) {
        Optional<LearnerParameters> saved =
                app.recollect().getLearnerParameters().get(new GetLearnerParameters.Query(user));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("user", user);
        document.put("source", saved.isPresent() ? "learner" : "deployment");
        saved.ifPresent(p -> {
            document.put("parameters", p.weights());
            document.put("fitted_at", p.fittedAt().toString());
            document.put("reviews", p.reviews());
            document.put("fit", FitView.metrics(p.evaluation()));
        });
        if (reset) {
            boolean deleted = app.recollect().resetLearnerParameters().reset(new ResetLearnerParameters.Command(user));
            document.put("reset", deleted);
        }
        out.document(document);
        if (saved.isEmpty()) {
            out.line("%s has no parameters of their own: the deployment's schedule their answers.", user);
        } else {
            LearnerParameters p = saved.get();
            out.line(
                    "%s's parameters, fitted %s to %d answers (log loss %.6f, RMSE(bins) %.6f):",
                    user,
                    p.fittedAt(),
                    p.reviews(),
                    p.evaluation().logLoss(),
                    p.evaluation().rmseBins());
            out.line(EvaluateCommand.format(p.weights()));
            if (reset) {
                out.line("Reset: the deployment's parameters schedule %s's answers from now on.", user);
            }
        }
        return ExitCode.OK;
    }
}
