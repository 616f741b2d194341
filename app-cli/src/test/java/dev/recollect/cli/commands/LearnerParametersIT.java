package dev.recollect.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recollect.adapters.jdbi.JdbiPersistence;
import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.cli.CliRun;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.Rating;
import dev.recollect.domain.fsrs.Scheduler;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.review.LearnerParameters;
import dev.recollect.domain.review.PastReview;
import dev.recollect.domain.review.Reviewer;
import dev.recollect.ports.Recollect;
import dev.recollect.ports.testing.Fixtures;
import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.StudyingLearner;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code fsrs optimize --user} and {@code fsrs parameters} against PostgreSQL: a learner who studied for weeks gets
 * weights of their own, saved only when they beat the weights in use, shown, scheduling their next answer, and reset.
 */
@PostgresTest
class LearnerParametersIT {
    private static final int CONCEPTS = 100;

    private final Cli cli;
    private final JdbiPersistence persistence;

    LearnerParametersIT(TestDatabase database) {
        this.cli = new Cli(database);
        this.persistence = JdbiPersistence.over(database.pooled());
    }

    /**
     * A learner with 700 answers to 100 concepts, recorded through the use case from ten years ago on, so that all of
     * them come before the answer the test gives now (seven answers to a concept span at most seven years of
     * intervals capped at 365 days).
     */
    private List<Concept> studied(UserId learner) {
        MutableClock clock =
                new MutableClock(Instant.now().minus(Duration.ofDays(3650)).truncatedTo(ChronoUnit.SECONDS));
        Recollect recollect = Recollect.builder()
                .persistence(persistence)
                .clock(clock)
                .fsrs(Reviewer.referenceParameters())
                .build();
        return StudyingLearner.study(
                persistence,
                recollect.recordInteraction(),
                clock,
                learner,
                CONCEPTS,
                StudyingLearner.history(19, CONCEPTS, 700));
    }

    private static double[] weights(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .mapToDouble(JsonNode::asDouble)
                .toArray();
    }

    @Test
    void aLearnersFitIsSavedShownUsedForTheirNextAnswerAndReset() {
        UserId learner = Fixtures.newUser();
        List<Concept> deck = studied(learner);

        JsonNode tried = cli.json("fsrs", "optimize", "--user", learner.value());
        assertThat(tried.get("outcome").asText()).isEqualTo("trained");
        assertThat(tried.get("reviews").asInt()).isEqualTo(700);
        assertThat(tried.get("current").asText()).isEqualTo("deployment");
        assertThat(tried.get("saving").asText()).isEqualTo("not-asked");
        assertThat(tried.get("after").get("log_loss").asDouble())
                .isLessThan(tried.get("before").get("log_loss").asDouble());
        assertThat(cli.json("fsrs", "parameters", "--user", learner.value())
                        .get("source")
                        .asText())
                .isEqualTo("deployment");

        JsonNode saved = cli.json("fsrs", "optimize", "--user", learner.value(), "--save");
        assertThat(saved.get("saving").asText()).isEqualTo("saved");
        assertThat(weights(saved.get("parameters"))).containsExactly(weights(tried.get("parameters")));
        JsonNode shown = cli.json("fsrs", "parameters", "--user", learner.value());
        assertThat(shown.get("source").asText()).isEqualTo("learner");
        assertThat(weights(shown.get("parameters"))).containsExactly(weights(saved.get("parameters")));
        assertThat(shown.get("reviews").asInt()).isEqualTo(700);
        assertThat(shown.get("fit").get("log_loss").asDouble())
                .isEqualTo(saved.get("after").get("log_loss").asDouble());

        // The same fit cannot beat itself: the saved weights stay, and are what the fit was scored against.
        JsonNode again = cli.json("fsrs", "optimize", "--user", learner.value(), "--save");
        assertThat(again.get("current").asText()).isEqualTo("learner");
        assertThat(again.get("saving").asText()).isEqualTo("not-better");
        assertThat(again.get("before")).isEqualTo(saved.get("after"));

        Concept concept = deck.get(0);
        Card before = persistence.concepts().find(concept.id()).orElseThrow().card();
        Phrasing phrasing = persistence.phrasings().findByConcept(concept.id()).get(0);
        cli.json(
                "review",
                "answer",
                "--user",
                learner.value(),
                "--concept",
                concept.id().toString(),
                "--phrasing",
                phrasing.id().toString(),
                "--answer",
                phrasing.correctAnswer(),
                "--rating",
                "2");
        List<PastReview> history = persistence.reviews().history(learner);
        PastReview last = history.get(history.size() - 1);
        LearnerParameters own = persistence.learnerParameters().find(learner).orElseThrow();
        assertThat(last.rating()).isEqualTo(Rating.HARD);
        assertThat(persistence.concepts().find(concept.id()).orElseThrow().card())
                .isEqualTo(new Scheduler(own.applyTo(Reviewer.referenceParameters()))
                        .next(before, last.attemptedAt(), Rating.HARD)
                        .card());

        JsonNode reset = cli.json("fsrs", "parameters", "--user", learner.value(), "--reset");
        assertThat(reset.get("reset").asBoolean()).isTrue();
        assertThat(persistence.learnerParameters().find(learner)).isEmpty();
        assertThat(cli.json("fsrs", "parameters", "--user", learner.value(), "--reset")
                        .get("reset")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aLearnerWithNothingToLearnFromKeepsTheWeightsInUseAndBadOptionsAreRefused() {
        UserId learner = Fixtures.newUser();

        JsonNode nothing = cli.json("fsrs", "optimize", "--user", learner.value(), "--save");
        assertThat(nothing.get("outcome").asText()).isEqualTo("nothing-to-learn");
        assertThat(nothing.get("reviews").asInt()).isZero();
        assertThat(persistence.learnerParameters().find(learner)).isEmpty();

        CliRun both = cli.run("", "fsrs", "optimize", "--user", learner.value(), "--input", "revlog.csv");
        assertThat(both.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(both.err()).contains("--input and --user are two sources: give one");
        CliRun zone = cli.run("", "fsrs", "optimize", "--user", learner.value(), "--timezone", "Mars/Olympus");
        assertThat(zone.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(zone.err()).contains("--timezone: not a time zone: Mars/Olympus");
        CliRun saveAlone = CliRun.of("[]", "fsrs", "optimize", "--save");
        assertThat(saveAlone.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(saveAlone.err()).contains("--save saves a learner's parameters: it needs --user");
    }
}
