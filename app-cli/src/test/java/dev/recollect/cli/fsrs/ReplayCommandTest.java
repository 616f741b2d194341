package dev.recollect.cli.fsrs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recollect.cli.CliRun;
import dev.recollect.cli.support.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code recollect fsrs replay}, checked against the ts-fsrs vectors and against bad input. */
class ReplayCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void replaysEveryConformanceScenarioAsTsFsrsDoes() throws IOException {
        JsonNode vectors = vectors();
        ArrayNode input = JSON.createArrayNode();
        ArrayNode expected = JSON.createArrayNode();
        for (String set : new String[] {"scenarios", "fuzz_scenarios"}) {
            for (JsonNode scenario : vectors.get(set)) {
                ObjectNode document = JSON.createObjectNode();
                ObjectNode params = scenario.get("params").deepCopy();
                if (params.has("w_input")) {
                    params.set("w", params.remove("w_input"));
                }
                document.set("params", params);
                document.set("start", scenario.get("start"));
                document.set("reviews", scenario.get("reviews"));
                input.add(document);
                expected.add(scenario.get("expected"));
            }
        }

        CliRun run = CliRun.of(JSON.writeValueAsString(input), "fsrs", "replay");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        JsonNode output = JSON.readTree(run.out());
        assertThat(output).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(output.get(i).get("states")).as("scenario %d", i).isEqualTo(expected.get(i));
        }
    }

    @Test
    void aSingleDocumentGivesASingleResultWithDefaultParameters() throws IOException {
        CliRun run = CliRun.of(
                "{\"start\":\"2024-01-01T00:00:00Z\",\"reviews\":[{\"rating\":3,\"at\":\"2024-01-01T00:00:00Z\"}]}",
                "fsrs",
                "replay");
        assertThat(run.exitCode()).isZero();
        JsonNode state = JSON.readTree(run.out()).get("states").get(0);
        assertThat(state.get("state").asText()).isEqualTo("Learning");
        assertThat(state.get("due").asText()).isEqualTo("2024-01-01T00:10:00.000Z");
        assertThat(state.get("stability").asDouble()).isEqualTo(2.3065);
        assertThat(state.get("retrievability_before").asDouble()).isZero();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{oops | stdin is not valid JSON",
                "'' | stdin is empty",
                "42 | must be an object with params, start and reviews",
                "{\"reviews\":[]} | start: must be an ISO-8601 instant",
                "{\"start\":\"yesterday\",\"reviews\":[]} | start: is not an ISO-8601 instant",
                "{\"start\":\"2024-01-01T00:00:00Z\"} | reviews: must be an array",
                "{\"start\":\"2024-01-01T00:00:00Z\",\"reviews\":[7]} | reviews[0]: must be an object",
                "{\"start\":\"2024-01-01T00:00:00Z\",\"reviews\":[{\"rating\":5,\"at\":\"2024-01-01T00:00:00Z\"}]} | reviews[0].rating: must be an integer from 1 to 4, got 5",
                "{\"start\":\"2024-01-01T00:00:00Z\",\"reviews\":[{\"rating\":3,\"at\":\"2024-01-02T00:00:00Z\"},{\"rating\":3,\"at\":\"2024-01-01T12:00:00Z\"}]} | reviews[1].at: must not be before reviews[0].at",
                "{\"start\":\"2024-01-05T00:00:00Z\",\"reviews\":[{\"rating\":3,\"at\":\"2024-01-01T12:00:00Z\"}]} | reviews[0].at: must not be before start",
                "[{\"start\":\"2024-01-01T00:00:00Z\",\"reviews\":[]},{\"params\":{\"w\":[1,2]},\"start\":\"2024-01-01T00:00:00Z\",\"reviews\":[]}] | [1].params: w must have 17, 19 or 21 weights, got 2",
                "{\"params\":{\"w\":\"many\"},\"start\":\"2024-01-01T00:00:00Z\",\"reviews\":[]} | params.w: must be an array",
                "{\"params\":{\"w\":[1,\"x\"]},\"start\":\"2024-01-01T00:00:00Z\",\"reviews\":[]} | params.w[1]: must be a number",
                "{\"params\":{\"request_retention\":1.5},\"start\":\"2024-01-01T00:00:00Z\",\"reviews\":[]} | params: requestRetention must be in (0, 1]",
                "{\"params\":{\"maximum_interval\":3.5},\"start\":\"2024-01-01T00:00:00Z\",\"reviews\":[]} | params.maximum_interval: must be a whole number",
                "{\"params\":{\"enable_fuzz\":\"yes\"},\"start\":\"2024-01-01T00:00:00Z\",\"reviews\":[]} | params.enable_fuzz: must be true or false",
                "{\"params\":{\"learning_steps\":[\"1m\",\"1s\"]},\"start\":\"2024-01-01T00:00:00Z\",\"reviews\":[]} | params.learning_steps[1]: a step is",
                "{\"params\":{\"relearning_steps\":\"10m\"},\"start\":\"2024-01-01T00:00:00Z\",\"reviews\":[]} | params.relearning_steps: must be an array",
                "{\"params\":{\"learning_steps\":[10]},\"start\":\"2024-01-01T00:00:00Z\",\"reviews\":[]} | params.learning_steps[0]: a step is a string",
                "{\"params\":[],\"start\":\"2024-01-01T00:00:00Z\",\"reviews\":[]} | params: must be an object",
            })
    void invalidInputExitsWithTwoAndNamesTheElement(String stdin, String message) {
        CliRun run = CliRun.of(stdin, "fsrs", "replay");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("recollect fsrs replay: ").contains(message);
    }

    private static JsonNode vectors() throws IOException {
        try (InputStream in = ReplayCommandTest.class.getResourceAsStream("/fsrs/vectors.json")) {
            return JSON.readTree(in);
        }
    }
}
