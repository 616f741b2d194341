package dev.recollect.ports.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.UserId;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.in.RecordInteraction;
import dev.recollect.ports.service.Reviews;
import dev.recollect.ports.testing.Fixtures;
import dev.recollect.ports.testing.InMemoryStores;
import dev.recollect.ports.testing.MutableClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.Size;

/** Recorded answers as the meters count them. */
class ReviewMetricsProperties {
    /**
     * Every recorded answer is counted once, as right or wrong; an answer that is not recorded (another learner's) is
     * not counted at all.
     */
    @SeededProperty
    void answersAreCountedRightAndWrong(@ForAll @Size(max = 12) List<Boolean> answers, @ForAll boolean stranger) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        InMemoryStores stores = new InMemoryStores();
        MutableClock clock = new MutableClock(Fixtures.T0);
        Reviews reviews = Fixtures.reviews(stores, clock, 1, new MicrometerMetrics(registry));
        UserId user = new UserId("learner");
        Concept concept = Fixtures.concept(user, "Tides", null, clock.instant());
        stores.concepts().insertAll(List.of(concept), StatsDelta.conceptsCreated(1), clock.instant());
        Phrasing phrasing = Fixtures.phrasing(concept, "What moves the tides?", clock.instant());
        stores.phrasings().insertIfAbsent(phrasing);

        for (boolean correct : answers) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(reviews.record(command(user.value(), concept, phrasing, correct ? "A" : "B")))
                    .isInstanceOf(RecordInteraction.Result.Recorded.class);
        }
        if (stranger) {
            reviews.record(command("someone-else", concept, phrasing, "A"));
        }

        long right = answers.stream().filter(a -> a).count();
        assertThat(count(registry, "correct")).isEqualTo(right);
        assertThat(count(registry, "incorrect")).isEqualTo(answers.size() - right);
    }

    private static RecordInteraction.Command command(
            String learner, Concept concept, Phrasing phrasing, String answer) {
        return new RecordInteraction.Command(
                learner, concept.id().toString(), phrasing.id().toString(), answer, null, 800, "s");
    }

    private static double count(SimpleMeterRegistry registry, String result) {
        Counter counter = registry.find("recollect.reviews.recorded")
                .tag("result", result)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
