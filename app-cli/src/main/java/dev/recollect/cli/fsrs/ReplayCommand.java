package dev.recollect.cli.fsrs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.Scheduler;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code recollect fsrs replay}: reads replay documents on stdin and writes every state of the card on stdout.
 *
 * <p>Input: {@code {"params": {...}, "start": ISO, "reviews": [{"rating": 1-4, "at": ISO}]}}, or an array of them.
 * Output: {@code {"states": [...]}} per document, in the same shape (object or array).
 */
@Command(
        name = "replay",
        description = {
            "Replays reviews of a new card and prints its state after each review (JSON on stdin, JSON on stdout).",
            "Input: {\"params\": {\"w\": [...], \"request_retention\": 0.9, \"maximum_interval\": 36500,"
                    + " \"enable_fuzz\": false, \"enable_short_term\": true, \"learning_steps\": [\"1m\",\"10m\"],"
                    + " \"relearning_steps\": [\"10m\"]}, \"start\": \"2024-01-01T00:00:00.000Z\","
                    + " \"reviews\": [{\"rating\": 3, \"at\": \"...\"}]}, or an array of such documents."
        },
        mixinStandardHelpOptions = true)
public final class ReplayCommand implements Callable<Integer> {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The most documents one input may hold. */
    static final int MAX_DOCUMENTS = 10_000;

    @Spec
    private CommandSpec spec;

    private final InputStream stdin;

    /** Reads its documents from {@code stdin}; {@code RecollectCli} passes the process's standard input. */
    public ReplayCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        JsonNode input;
        try {
            input = JSON.readTree(stdin);
        } catch (JsonProcessingException e) {
            // A limit of the parser (nesting, sizes) reports no location.
            String where = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            err.println("recollect fsrs replay: stdin is not valid JSON: " + e.getOriginalMessage() + where);
            return ExitCode.INVALID_INPUT;
        }
        try {
            JsonNode output = replayAll(input);
            PrintWriter out = spec.commandLine().getOut();
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(output));
            out.flush();
            return ExitCode.OK;
        } catch (InvalidInputException e) {
            err.println("recollect fsrs replay: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
    }

    private static JsonNode replayAll(JsonNode input) throws InvalidInputException {
        if (input == null || input.isMissingNode()) {
            throw new InvalidInputException("", "stdin is empty; expected a JSON object or an array of them");
        }
        if (!input.isArray()) {
            return replay(ReplayRequest.parse(input, ""), "");
        }
        if (input.size() > MAX_DOCUMENTS) {
            throw new InvalidInputException(
                    "", "stdin holds " + input.size() + " documents; at most " + MAX_DOCUMENTS + " in one input");
        }
        ArrayNode results = JSON.createArrayNode();
        for (int i = 0; i < input.size(); i++) {
            String path = "[" + i + "]";
            results.add(replay(ReplayRequest.parse(input.get(i), path), path));
        }
        return results;
    }

    private static ObjectNode replay(ReplayRequest request, String path) throws InvalidInputException {
        Scheduler scheduler = new Scheduler(request.parameters());
        Card card = Card.empty(request.start());
        ArrayNode states = JSON.createArrayNode();
        for (int i = 0; i < request.reviews().size(); i++) {
            ReplayRequest.Review review = request.reviews().get(i);
            double before = scheduler.retrievability(card, review.at());
            try {
                card = scheduler.next(card, review.at(), review.rating()).card();
            } catch (DomainException e) {
                throw new InvalidInputException(
                        path + (path.isEmpty() ? "" : ".") + "reviews[" + i + "]", e.getMessage());
            }
            states.add(state(card, before));
        }
        ObjectNode result = JSON.createObjectNode();
        result.set("states", states);
        return result;
    }

    private static ObjectNode state(Card card, double retrievabilityBefore) {
        ObjectNode state = JSON.createObjectNode();
        state.put("state", card.state().displayName());
        state.put("due", iso(card.due()));
        putNumber(state, "stability", card.stability());
        putNumber(state, "difficulty", card.difficulty());
        state.put("scheduled_days", card.scheduledDays());
        state.put("elapsed_days", card.elapsedDays());
        state.put("reps", card.reps());
        state.put("lapses", card.lapses());
        state.put("learning_steps", card.learningSteps());
        state.put("last_review", card.lastReview() == null ? null : iso(card.lastReview()));
        putNumber(state, "retrievability_before", retrievabilityBefore);
        return state;
    }

    /** Writes whole numbers without a fraction, as JavaScript does ({@code 1}, not {@code 1.0}). */
    private static void putNumber(ObjectNode node, String field, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            node.put(field, (long) value);
        } else {
            node.put(field, value);
        }
    }

    private static String iso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
