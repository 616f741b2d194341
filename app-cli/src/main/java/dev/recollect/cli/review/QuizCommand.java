package dev.recollect.cli.review;

import dev.recollect.adapters.jdbi.server.SharedPostgres;
import dev.recollect.cli.app.App;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.cli.support.Views;
import dev.recollect.ports.Recollect;
import dev.recollect.ports.in.GetNextReview;
import dev.recollect.ports.in.GetStats;
import dev.recollect.ports.in.RecordInteraction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recollect quiz}: an interactive quiz in the terminal. It asks the next review, reads the answer (a number, a
 * letter or the text; {@code q} or end of input stops), says right or wrong with the explanation and the next
 * review, and goes on. Works with answers piped on stdin.
 */
@Command(
        name = "quiz",
        description = "Take a quiz in the terminal (answers on stdin).",
        mixinStandardHelpOptions = true)
public final class QuizCommand extends AppCommand {
    /** A person is answering: {@code db stop} refuses to pull the server from under them. */
    @Override
    protected SharedPostgres.Role role() {
        return SharedPostgres.Role.INTERACTIVE;
    }

    @Option(names = "--user", required = true, description = "The learner.")
    String user;

    @Option(names = "--limit", defaultValue = "10", description = "At most this many questions (1 to 1000).")
    int limit;

    private final InputStream stdin;

    /** A quiz reading answers from {@code stdin}. */
    public QuizCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    protected int run(App app, Output out) throws IOException {
        if (limit < 1 || limit > 1000) {
            throw CliException.invalid("--limit must be 1 to 1000, got " + limit);
        }
        BufferedReader answers = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        String session = "quiz-" + UUID.randomUUID();
        List<Map<String, Object>> asked = new ArrayList<>();
        int right = 0;
        Recollect recollect = app.recollect();
        quiz:
        for (int i = 0; i < limit; i++) {
            GetNextReview.Result result = recollect.getNextReview().next(new GetNextReview.Query(user));
            if (result.review().isEmpty()) {
                out.line("Nothing more to review now. %s", Views.statsLine(result.stats()));
                break;
            }
            GetNextReview.Result.Next next = result.review().get();
            out.line("");
            out.line("Question %d:", i + 1);
            NextReviewCommand.printQuestion(out, next.concept().title(), next.phrasing());
            Instant shown = app.clock().instant();
            while (true) {
                if (!out.json()) {
                    out.out().print("Your answer (number, letter or text; q to stop): ");
                    out.out().flush();
                }
                String line = answers.readLine();
                if (line == null || line.strip().equalsIgnoreCase("q")) {
                    out.line("");
                    break quiz;
                }
                if (line.isBlank()) {
                    out.line("(skipped)");
                    continue quiz;
                }
                int spent = (int) Math.min(
                        Integer.MAX_VALUE,
                        Duration.between(shown, app.clock().instant()).toMillis());
                RecordInteraction.Result answered = recollect
                        .recordInteraction()
                        .record(new RecordInteraction.Command(
                                user,
                                next.concept().id().toString(),
                                next.phrasing().id().toString(),
                                line,
                                null,
                                spent,
                                session));
                Optional<RecordInteraction.Result.Recorded> recorded = answered.fold(
                        Optional::of,
                        notFound -> {
                            throw CliException.notFound(notFound.message());
                        },
                        invalid -> {
                            // Nothing was recorded: the learner answers the same question again.
                            out.line("%s; try again.", invalid.message());
                            return Optional.empty();
                        });
                if (recorded.isPresent()) {
                    Map<String, Object> document =
                            AnswerCommand.show(out, app.clock().instant(), recorded.get());
                    document.put("question", next.phrasing().question());
                    asked.add(document);
                    right += recorded.get().correct() ? 1 : 0;
                    break;
                }
            }
        }
        var stats = recollect.getStats().stats(new GetStats.Query(user));
        out.line("%d of %d right. %s", right, asked.size(), Views.statsLine(stats));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("sessionId", session);
        document.put("answers", asked);
        document.put("right", right);
        document.put("stats", Views.stats(stats));
        out.document(document);
        return ExitCode.OK;
    }
}
