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
import dev.recollect.ports.in.CancelJob;
import dev.recollect.ports.in.CreateJob;
import dev.recollect.ports.in.GetJob;
import dev.recollect.ports.in.GetNextReview;
import dev.recollect.ports.in.GetStats;
import dev.recollect.ports.in.RecordInteraction;
import dev.recollect.ports.out.PhrasingGenerator;
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
        GenerationJob job = create(app, user, PROMPT);
        WorkCommand.work(app, model, out, true, new ArrayList<>());
        job = reload(app, user, job);

        out.line("");
        out.line("2. What it generated:");
        document.put("job", ShowJobCommand.print(app, out, job));

        out.line("");
        out.line("3. Three reviews, the second answered wrongly:");
        document.put("reviews", review(app, out, user));
        var stats = app.reviews().stats(new GetStats.Query(user));
        out.line("   %s", Views.statsLine(stats));
        document.put("stats", Views.stats(stats));

        out.line("");
        out.line("4. A job for \"%s\", cancelled after its first concept:", CANCELLED_PROMPT);
        GenerationJob second = create(app, user, CANCELLED_PROMPT);
        WorkCommand.work(app, cancellingAfterFirstConcept(app, model, user, second), out, true, new ArrayList<>());
        second = reload(app, user, second);
        document.put("cancelledJob", ShowJobCommand.print(app, out, second));
        out.document(document);
        out.line("");
        out.line("Done. Try: recollect quiz --user %s", user);
        return ExitCode.OK;
    }

    private static GenerationJob create(App app, String user, String prompt) {
        CreateJob.Result result = app.jobs().create(new CreateJob.Command(user, prompt, null));
        return result.fold(
                CreateJob.Result.Created::job,
                invalid -> refused(result),
                tooMany -> refused(result),
                limited -> refused(result));
    }

    private static GenerationJob refused(CreateJob.Result result) {
        throw CliException.rejected("the demo could not create its job: " + result);
    }

    private static GenerationJob reload(App app, String user, GenerationJob job) {
        return app.jobs().get(new GetJob.Query(user, job.id().toString())).orElseThrow();
    }

    private static List<Map<String, Object>> review(App app, Output out, String user) {
        List<Map<String, Object>> reviews = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            GetNextReview.Result result = app.reviews().next(new GetNextReview.Query(user));
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
            var recorded = (RecordInteraction.Result.Recorded) app.reviews()
                    .record(new RecordInteraction.Command(
                            user,
                            next.concept().id().toString(),
                            phrasing.id().toString(),
                            answer,
                            answerRight,
                            null,
                            4000,
                            "demo"));
            out.line("   Q: %s", phrasing.question());
            out.line(
                    "      answered \"%s\" (%s) -> %s, next review %s",
                    answer,
                    answerRight ? "right" : "wrong",
                    recorded.newState().name().toLowerCase(Locale.ROOT),
                    Views.until(app.clock().instant(), recorded.nextReview()));
            Map<String, Object> review = new LinkedHashMap<>();
            review.put("question", phrasing.question());
            review.put("answer", answer);
            review.put("isCorrect", answerRight);
            review.put("newState", recorded.newState().name().toLowerCase(Locale.ROOT));
            review.put("nextReview", recorded.nextReview().toString());
            review.put("scheduledDays", recorded.scheduledDays());
            reviews.add(review);
        }
        return reviews;
    }

    /** The model, with a generator that cancels {@code job} once the first concept's phrasings are written. */
    private static Model cancellingAfterFirstConcept(App app, Model model, String user, GenerationJob job) {
        AtomicBoolean cancelled = new AtomicBoolean();
        PhrasingGenerator generator = (request, sink, calls) -> {
            model.generator().generate(request, sink, calls);
            if (cancelled.compareAndSet(false, true)) {
                app.jobs().cancel(new CancelJob.Command(user, job.id().toString()));
            }
        };
        return new Model(model.synthesizer(), generator, model.embedder(), model.description(), model.offline());
    }
}
