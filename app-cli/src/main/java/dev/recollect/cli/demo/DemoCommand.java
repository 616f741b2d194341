package dev.recollect.cli.demo;

import dev.recollect.cli.app.App;
import dev.recollect.cli.app.Model;
import dev.recollect.cli.app.offline.OfflineModel;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.jobs.ShowJobCommand;
import dev.recollect.cli.jobs.WorkCommand;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.cli.support.Views;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.usage.PriceTable;
import dev.recollect.ports.Recollect;
import dev.recollect.ports.in.CancelJob;
import dev.recollect.ports.in.CreateJob;
import dev.recollect.ports.in.GetJob;
import dev.recollect.ports.in.GetJobDetails;
import dev.recollect.ports.in.GetNextReview;
import dev.recollect.ports.in.GetStats;
import dev.recollect.ports.in.RecordInteraction;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;

/**
 * {@code recollect demo}: the whole path in one command, on the embedded database. It generates a deck for "NATO
 * phonetic alphabet", lists it, answers three questions (one wrongly) and shows the schedule and the counts, then
 * cancels a second job part-way and shows what it kept.
 */
@Command(
        name = "demo",
        description = "Generate, review and cancel, end to end (offline sample model unless GEMINI_API_KEY is set).",
        mixinStandardHelpOptions = true)
public final class DemoCommand extends AppCommand {
    static final String PROMPT = "NATO phonetic alphabet";
    static final String CANCELLED_PROMPT = "Photosynthesis";

    @Override
    protected int run(App app, Output out) throws Exception {
        Model model = Model.resolve(Model.Provider.AUTO, environment(), true);
        String user = "demo-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                        .withZone(ZoneOffset.UTC)
                        .format(app.clock().instant())
                // Two demos in the same second must not share a learner: the second's titles would be duplicates.
                + "-" + java.util.UUID.randomUUID().toString().substring(0, 4);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("userId", user);
        document.put("model", model.description());
        out.line("Recollect demo");
        out.line("  database: %s", app.description());
        out.line("  model:    %s", model.description());
        if (model.offline()) {
            out.line(
                    "  %s Set GEMINI_API_KEY to generate real content.",
                    OfflineModel.bundled().notice());
        }
        out.line("  learner:  %s", user);

        out.line("");
        out.line("1. A job for \"%s\", processed by a worker:", PROMPT);
        PriceTable prices = app.prices();
        Recollect recollect = app.recollect(model);
        GenerationJob job = create(recollect, user, PROMPT);
        WorkCommand.workUntilIdle(recollect, app.jobSettings(), out, new ArrayList<>());

        out.line("");
        out.line("2. What it generated:");
        document.put("job", ShowJobCommand.print(out, details(recollect, user, job), prices));

        out.line("");
        out.line("3. Three reviews, the second answered wrongly:");
        document.put("reviews", review(recollect, app, out, user));
        var stats = recollect.getStats().stats(new GetStats.Query(user));
        out.line("   %s", Views.statsLine(stats));
        document.put("stats", Views.stats(stats));

        out.line("");
        out.line("4. A job for \"%s\", cancelled after its first concept:", CANCELLED_PROMPT);
        GenerationJob second = create(recollect, user, CANCELLED_PROMPT);
        Recollect cancelling = app.recollect(cancellingAfterFirstConcept(recollect, model, user, second));
        WorkCommand.workUntilIdle(cancelling, app.jobSettings(), out, new ArrayList<>());
        document.put("cancelledJob", ShowJobCommand.print(out, details(recollect, user, second), prices));
        out.document(document);
        out.line("");
        out.line("Done. Try: recollect quiz --user %s", user);
        return ExitCode.OK;
    }

    private static GenerationJob create(Recollect recollect, String user, String prompt) {
        CreateJob.Result result = recollect.createJob().create(new CreateJob.Command(user, prompt, null));
        return result.fold(
                CreateJob.Result.Created::job,
                invalid -> refused(result),
                tooMany -> refused(result),
                limited -> refused(result));
    }

    private static GenerationJob refused(CreateJob.Result result) {
        throw CliException.rejected("the demo could not create its job: " + result);
    }

    private static GetJobDetails.JobDetails details(Recollect recollect, String user, GenerationJob job) {
        return recollect
                .getJobDetails()
                .details(new GetJob.Query(user, job.id().toString()))
                .orElseThrow();
    }

    private static List<Map<String, Object>> review(Recollect recollect, App app, Output out, String user) {
        List<Map<String, Object>> reviews = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            GetNextReview.Result result = recollect.getNextReview().next(new GetNextReview.Query(user));
            if (result.review().isEmpty()) {
                out.line("   Nothing left to review.");
                break;
            }
            GetNextReview.Result.Next next = result.review().get();
            Phrasing phrasing = next.phrasing();
            boolean answerRight = i != 1;
            String answer = answerRight
                    ? phrasing.correctAnswer()
                    : phrasing.options().stream()
                            .filter(o -> !o.equals(phrasing.correctAnswer()))
                            .findFirst()
                            .orElseThrow();
            RecordInteraction.Result.Recorded recorded = recollect
                    .recordInteraction()
                    .record(new RecordInteraction.Command(
                            user, next.concept().id().toString(), phrasing.id().toString(), answer, null, 4000, "demo"))
                    .fold(done -> done, missing -> refused(missing.message()), invalid -> refused(invalid.message()));
            out.line("   Q: %s", phrasing.question());
            out.line(
                    "      answered \"%s\" (%s) -> %s, next review %s",
                    answer,
                    recorded.correct() ? "right" : "wrong",
                    recorded.newState().name().toLowerCase(Locale.ROOT),
                    Views.until(app.clock().instant(), recorded.nextReview()));
            Map<String, Object> review = new LinkedHashMap<>();
            review.put("question", phrasing.question());
            review.put("answer", answer);
            review.put("isCorrect", recorded.correct());
            review.put("newState", recorded.newState().name().toLowerCase(Locale.ROOT));
            review.put("nextReview", recorded.nextReview().toString());
            review.put("scheduledDays", recorded.scheduledDays());
            reviews.add(review);
        }
        return reviews;
    }

    private static RecordInteraction.Result.Recorded refused(String why) {
        throw CliException.rejected("the demo could not record its answer: " + why);
    }

    /** The model, with a generator that cancels {@code job} once the first concept's phrasings are written. */
    private static Model cancellingAfterFirstConcept(Recollect recollect, Model model, String user, GenerationJob job) {
        AtomicBoolean cancelled = new AtomicBoolean();
        return model.afterEachPhrasingCall(() -> {
            if (cancelled.compareAndSet(false, true)) {
                recollect
                        .cancelJob()
                        .cancel(new CancelJob.Command(user, job.id().toString()));
            }
        });
    }
}
