package dev.recollect.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.job.PromptCheck;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The shared generators generate what they promise: valid values, and every kind of them. */
class DomainArbitrariesProperties {
    @Provide
    Arbitrary<String> prompts() {
        return DomainArbitraries.prompts();
    }

    @Provide
    Arbitrary<GenerationJob> jobs() {
        return DomainArbitraries.jobs();
    }

    @Provide
    Arbitrary<Card> cards() {
        return DomainArbitraries.cards();
    }

    @SeededProperty
    void everyGeneratedPromptIsAccepted(@ForAll("prompts") String prompt) {
        assertThat(JobPolicy.DEFAULT.checkPrompt(prompt)).isEqualTo(new PromptCheck.Accepted(prompt));
    }

    /** Jobs come in every status, each consistent (the constructor checks it), made at the same moment. */
    @SeededProperty
    void everyJobStatusIsGenerated(@ForAll("jobs") GenerationJob job) {
        assertThat(job.createdAt()).isEqualTo(DomainArbitraries.EPOCH);
        Statistics.collect(job.status());
        Statistics.coverage(coverage -> {
            for (JobStatus status : JobStatus.values()) {
                coverage.check(status).count(count -> count > 0);
            }
        });
    }

    @SeededProperty
    void generatedCardsAreNewOrReviewed(@ForAll("cards") Card card) {
        assertThat(card.state() == State.NEW).isEqualTo(card.lastReview() == null);
        if (card.state() != State.NEW) {
            assertThat(card.stability()).isGreaterThanOrEqualTo(Card.MIN_STABILITY);
        }
    }
}
