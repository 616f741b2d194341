package dev.recollect.domain.fsrs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every vector generated from ts-fsrs 5.4.2 and demands the same numbers to the last bit: states, dates and
 * counters exactly, and stability, difficulty and retrievability as equal doubles.
 */
class ConformanceTest {
    @TestFactory
    Stream<DynamicTest> scenariosReplayExactly() {
        return replay(Vectors.root().get("scenarios"));
    }

    @TestFactory
    Stream<DynamicTest> fuzzedScenariosReplayExactly() {
        return replay(Vectors.root().get("fuzz_scenarios"));
    }

    @Test
    void theVectorsCoverWhatTheSpecAsksFor() {
        JsonNode meta = Vectors.root().get("meta");
        assertThat(meta.get("ts_fsrs").asText()).startsWith("v5.4.2");
        assertThat(meta.get("reviews").asInt()).isGreaterThan(1000);
        List<String> kinds = new ArrayList<>();
        Vectors.root().get("scenarios").forEach(s -> kinds.add(s.get("kind").asText()));
        assertThat(kinds).contains("reference", "edge", "random");
    }

    @Test
    void memoryStatesMatchNextState() {
        for (JsonNode group : Vectors.root().get("memory_states")) {
            Parameters parameters = Vectors.parameters(group.get("params"));
            MemoryModel model = new MemoryModel(parameters);
            for (JsonNode c : group.get("cases")) {
                double d = c.get("d").asDouble();
                double s = c.get("s").asDouble();
                int t = c.get("t").asInt();
                int g = c.get("g").asInt();
                String where = group.get("label").asText() + " " + c;
                assertThat(model.nextStability(d, s, t, g, model.forgettingCurve(t, s)))
                        .as(where)
                        .isEqualTo(c.get("stability").asDouble());
                assertThat(model.nextDifficulty(d, g))
                        .as(where)
                        .isEqualTo(c.get("difficulty").asDouble());
            }
        }
    }

    @Test
    void aleaMatchesTsFsrsOwnGenerator() {
        for (JsonNode vector : Vectors.root().get("alea")) {
            Alea alea = new Alea(vector.get("seed").asText());
            for (JsonNode value : vector.get("values")) {
                assertThat(alea.next()).as(vector.get("seed").asText()).isEqualTo(value.asDouble());
            }
        }
    }

    @Test
    void singleReviewsOfUnusualCardsMatch() {
        for (JsonNode operation : Vectors.root().get("operations")) {
            if (!operation.has("card")) {
                continue;
            }
            Scheduler scheduler = new Scheduler(Vectors.parameters(operation.get("params")));
            Card card = Vectors.card(operation.get("card"));
            ReviewResult result = scheduler.next(
                    card,
                    Instant.parse(operation.get("at").asText()),
                    Rating.ofGrade(operation.get("rating").asInt()));
            String name = operation.get("name").asText();
            assertThat(result.card()).as(name).isEqualTo(Vectors.card(operation.get("expected")));
            assertThat(result.log()).as(name).isEqualTo(Vectors.log(operation.get("log")));
            if (operation.has("rollback")) {
                assertThat(scheduler.rollback(result.card(), result.log()))
                        .as(name)
                        .isEqualTo(Vectors.card(operation.get("rollback")));
            }
        }
    }

    @Test
    void rollbackAndForgetMatch() {
        for (JsonNode operation : Vectors.root().get("operations")) {
            if (!operation.has("history")) {
                continue;
            }
            Scheduler scheduler = new Scheduler(Vectors.parameters(operation.get("params")));
            Card last = null;
            for (JsonNode step : operation.get("history")) {
                Card after = Vectors.card(step.get("after"));
                assertThat(scheduler.rollback(after, Vectors.log(step.get("log"))))
                        .isEqualTo(Vectors.card(step.get("rollback")));
                last = after;
            }
            Instant at = Instant.parse(operation.get("forget_at").asText());
            for (String variant : List.of("forget_keep", "forget_reset")) {
                ReviewResult forgotten = scheduler.forget(last, at, variant.equals("forget_reset"));
                assertThat(forgotten.card())
                        .isEqualTo(Vectors.card(operation.get(variant).get("card")));
                assertThat(forgotten.log())
                        .isEqualTo(Vectors.log(operation.get(variant).get("log")));
            }
        }
    }

    @Test
    void rescheduleMatches() {
        for (JsonNode example : Vectors.root().get("reschedule")) {
            Scheduler scheduler = new Scheduler(Vectors.parameters(example.get("params")));
            List<Scheduler.Review> history = new ArrayList<>();
            example.get("reviews")
                    .forEach(r -> history.add(new Scheduler.Review(
                            Rating.values()[r.get("rating").asInt()],
                            Instant.parse(r.get("at").asText()))));
            Scheduler.Rescheduled result = scheduler.reschedule(
                    Vectors.card(example.get("current")),
                    history,
                    Instant.parse(example.get("first_due").asText()),
                    Instant.parse(example.get("now").asText()),
                    example.get("update_memory_state").asBoolean());
            List<Card> expectedReplay = new ArrayList<>();
            example.get("replay").forEach(c -> expectedReplay.add(Vectors.card(c)));
            assertThat(result.replay()).extracting(ReviewResult::card).containsExactlyElementsOf(expectedReplay);
            JsonNode manual = example.get("manual");
            assertThat(result.manualChange()).hasValueSatisfying(change -> {
                assertThat(change.card()).isEqualTo(Vectors.card(manual.get("card")));
                assertThat(change.log()).isEqualTo(Vectors.log(manual.get("log")));
            });
        }
    }

    private static Stream<DynamicTest> replay(JsonNode scenarios) {
        return StreamSupport.stream(scenarios.spliterator(), false)
                .map(scenario ->
                        DynamicTest.dynamicTest(scenario.get("name").asText(), () -> replayScenario(scenario)));
    }

    private static void replayScenario(JsonNode scenario) {
        Scheduler scheduler = new Scheduler(Vectors.parameters(scenario.get("params")));
        assertThat(scheduler.parameters().w())
                .containsExactly(doubles(scenario.get("params").get("w")));
        Card card = Card.empty(Instant.parse(scenario.get("start").asText()));
        JsonNode reviews = scenario.get("reviews");
        for (int i = 0; i < reviews.size(); i++) {
            JsonNode review = reviews.get(i);
            JsonNode expected = scenario.get("expected").get(i);
            Instant at = Instant.parse(review.get("at").asText());
            String where = scenario.get("name").asText() + ", review " + i;
            assertThat(scheduler.retrievability(card, at))
                    .as(where + ": retrievability before")
                    .isEqualTo(expected.get("retrievability_before").asDouble());
            if (scenario.has("preview")) {
                Preview preview = scheduler.repeat(card, at);
                JsonNode outcomes = scenario.get("preview").get(i);
                for (Rating rating : Rating.grades()) {
                    assertThat(preview.of(rating).card())
                            .as(where + ": preview of " + rating)
                            .isEqualTo(Vectors.card(outcomes.get(rating.grade() - 1)));
                }
            }
            ReviewResult result =
                    scheduler.next(card, at, Rating.ofGrade(review.get("rating").asInt()));
            assertThat(result.card()).as(where).isEqualTo(Vectors.card(expected));
            assertThat(result.log())
                    .as(where + ": log")
                    .isEqualTo(Vectors.log(scenario.get("logs").get(i)));
            card = result.card();
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
