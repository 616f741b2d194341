package dev.recollect.cli.fsrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.cli.CliRun;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.domain.fsrs.optimizer.Evaluation;
import dev.recollect.domain.fsrs.optimizer.Optimizer;
import dev.recollect.domain.fsrs.optimizer.Revlog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code recollect fsrs optimize} and {@code fsrs evaluate} on revlog CSVs and JSON histories, good and bad. */
class OptimizeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DAY = 86_400_000L;
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    /** A revlog of {@code cards} cards: learned, then reviewed three times at growing intervals, seeded. */
    private static List<String> revlog(int cards) {
        SplittableRandom random = new SplittableRandom(11);
        List<String> lines = new ArrayList<>(List.of("card_id,review_time,review_rating,review_state,review_duration"));
        for (int card = 0; card < cards; card++) {
            long at = T0 + card * 60_000L;
            int first = 1 + random.nextInt(4);
            lines.add(card + "," + at + "," + first + ",0,5000");
            long interval = 1 + random.nextInt(3);
            for (int review = 0; review < 3; review++) {
                at += interval * DAY;
                int rating = random.nextDouble() < 0.85 ? 3 : 1;
                lines.add(card + "," + at + "," + rating + ",2,4000");
                interval = rating == 1 ? 1 : interval * 3;
            }
        }
        return lines;
    }

    private Path csv(List<String> lines) throws IOException {
        Path file = dir.resolve("revlog.csv");
        Files.write(file, lines);
        return file;
    }

    @Test
    void aRevlogIsFittedAndBothFitsAreScored() throws IOException {
        Path file = csv(revlog(400));

        CliRun run = CliRun.of("", "fsrs", "optimize", "--input", file.toString(), "--json");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("outcome").asText()).isEqualTo("trained");
        assertThat(result.get("parameters")).hasSize(21);
        var items = Revlog.items(
                Files.readAllLines(file).stream()
                        .skip(1)
                        .map(line -> line.split(","))
                        .map(f -> new Revlog.Row(
                                f[0], Long.parseLong(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3])))
                        .toList(),
                ZoneId.of("UTC"),
                4);
        assertThat(result.get("items").asInt()).isEqualTo(items.size());
        double[] fitted = new double[21];
        for (int i = 0; i < 21; i++) {
            fitted[i] = result.get("parameters").get(i).asDouble();
        }
        assertThat(result.get("after").get("log_loss").asDouble())
                .isCloseTo(Evaluation.of(fitted, items).logLoss(), within(1e-12))
                .isLessThan(result.get("before").get("log_loss").asDouble());
        assertThat(result.get("before").get("log_loss").asDouble())
                .isCloseTo(Evaluation.of(Optimizer.defaults(), items).logLoss(), within(1e-12));

        CliRun evaluate = CliRun.of(
                "",
                "fsrs",
                "evaluate",
                "--parameters",
                result.get("parameters").toString(),
                "--input",
                file.toString());

        assertThat(evaluate.exitCode()).isZero();
        assertThat(evaluate.out())
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "Log loss:   %.6f",
                        result.get("after").get("log_loss").asDouble()));
    }

    @Test
    void withoutShortTermTheSameDayParametersStayZero_andTextSaysHowItWent() throws IOException {
        Path file = csv(revlog(400));

        CliRun run = CliRun.of("", "fsrs", "optimize", "--input", file.toString(), "--no-short-term");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Trained on ").contains("Parameters: [", "Log loss:", "RMSE(bins):");
        String parameters =
                run.out().substring(run.out().indexOf('[') + 1, run.out().indexOf(']'));
        String[] values = parameters.split(", ");
        assertThat(values).hasSize(21);
        assertThat(List.of(values[17], values[18], values[19])).containsOnly("0");
    }

    @Test
    void tooFewReviewsKeepTheDefaultsAndSaySo() throws IOException {
        Path file = csv(revlog(3));

        CliRun run = CliRun.of("", "fsrs", "optimize", "--input", file.toString(), "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("outcome").asText()).isEqualTo("defaults");
        assertThat(result.get("reason").asText()).contains("fewer than 8");
    }

    @Test
    void jsonHistoriesOnStdinAreTrainedOn() throws IOException {
        StringBuilder cards = new StringBuilder("[");
        for (int card = 0; card < 200; card++) {
            cards.append(card == 0 ? "" : ",")
                    .append("[{\"rating\":3,\"delta_t\":0},{\"rating\":")
                    .append(card % 7 == 0 ? 1 : 3)
                    .append(",\"delta_t\":2},{\"rating\":3,\"delta_t\":")
                    .append(card % 5 + 3)
                    .append("}]");
        }
        cards.append("]");

        CliRun run = CliRun.of(cards.toString(), "fsrs", "optimize", "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(JSON.readTree(run.out()).get("items").asInt()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a missing column | card_id,review_time,review_rating,review_state | line 1: the header lacks the column review_duration",
                "a rating of 0 | card_id,review_time,review_rating,review_state,review_duration;1,1700000000000,0,0,1 | line 2: review_rating must be 1 to 4, got 0",
                "a rating of 5 | card_id,review_time,review_rating,review_state,review_duration;1,1700000000000,3,0,1;1,1700090000000,5,2,1 | line 3: review_rating must be 1 to 4, got 5",
                "unordered times | card_id,review_time,review_rating,review_state,review_duration;1,1700090000000,3,0,1;1,1700000000000,3,2,1 | line 3: card 1 was reviewed at 1700000000000, before its previous row",
                "a time that is not a number | card_id,review_time,review_rating,review_state,review_duration;1,yesterday,3,0,1 | line 2: review_time must be a whole number",
                "a short row | card_id,review_time,review_rating,review_state,review_duration;1,1700000000000 | line 2: the row has no review_rating",
                "only a header | card_id,review_time,review_rating,review_state,review_duration | the file has a header but no reviews",
                "nothing to learn from | card_id,review_time,review_rating,review_state,review_duration;1,1700000000000,3,0,1 | no review came a day or more after"
            })
    void badRevlogsAreRefusedNamingTheLine(String name, String lines, String message) throws IOException {
        Path file = csv(List.of(lines.split(";")));

        CliRun run = CliRun.of("", "fsrs", "optimize", "--input", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("recollect fsrs optimize: ").contains(message);
    }

    @Test
    void anEmptyFileAMissingFileBadSettingsAndBadParametersAreRefused() throws IOException {
        Path empty = csv(List.of());
        assertThat(CliRun.of("", "fsrs", "optimize", "--input", empty.toString())
                        .err())
                .contains("the file is empty");
        assertThat(CliRun.of(
                                "",
                                "fsrs",
                                "optimize",
                                "--input",
                                dir.resolve("none.csv").toString())
                        .err())
                .contains("no such file");
        Path file = csv(revlog(10));
        assertThat(CliRun.of("", "fsrs", "optimize", "--input", file.toString(), "--timezone", "Mars/Olympus")
                        .err())
                .contains("--timezone: not a time zone");
        assertThat(CliRun.of("", "fsrs", "optimize", "--input", file.toString(), "--next-day-starts-at", "24")
                        .err())
                .contains("--next-day-starts-at: an hour from 0 to 23");
        assertThat(CliRun.of("", "fsrs", "evaluate", "--parameters", "[1,2]", "--input", file.toString())
                        .err())
                .contains("--parameters: expected a JSON array of the 21");
        assertThat(CliRun.of("", "fsrs", "optimize", "[").exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(CliRun.of("[[{\"rating\":9,\"delta_t\":0}]]", "fsrs", "optimize")
                        .err())
                .contains("[0][0]: rating must be 1 to 4");
    }
}
