package dev.recollect.ports.in;

import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.review.Interaction;
import dev.recollect.domain.stats.StatsSnapshot;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Picks what a learner reviews next. */
public interface GetNextReview {
    /** The next review, or nothing when nothing is due and nothing is new. */
    Result next(Query query);

    /**
     * For whom.
     *
     * @param userId the learner
     */
    record Query(@NotBlank String userId) {}

    /** The outcome; both cases carry the learner's counts. */
    sealed interface Result {
        /**
         * The value of the function for this outcome; every variant has its own, so a new variant breaks
         * the build wherever one is handled.
         *
         * @param next for {@link Next}
         * @param nothingDue for {@link NothingDue}
         */
        <R> R fold(Function<Next, R> next, Function<NothingDue, R> nothingDue);

        /** The review to show, when there is one. */
        default Optional<Next> review() {
            return fold(Optional::of, nothingDue -> Optional.empty());
        }

        /** The learner's counters and due counts. */
        StatsSnapshot stats();

        /**
         * A concept to review.
         *
         * @param concept the most urgent concept (ties within the urgency tier broken at random)
         * @param phrasing the phrasing to ask
         * @param retrievability the concept's retrievability now; -1 for a concept never reviewed
         * @param recentInteractions the last 10 answers to this phrasing, newest first
         * @param stats the learner's counts
         */
        record Next(
                Concept concept,
                Phrasing phrasing,
                double retrievability,
                List<Interaction> recentInteractions,
                StatsSnapshot stats)
                implements Result {
            @Override
            public <R> R fold(Function<Next, R> next, Function<NothingDue, R> nothingDue) {
                return next.apply(this);
            }

            /** Copies the list. */
            public Next {
                recentInteractions = List.copyOf(recentInteractions);
            }
        }

        /**
         * Nothing due and nothing new.
         *
         * @param stats the learner's counts, with the next review time
         */
        record NothingDue(StatsSnapshot stats) implements Result {
            @Override
            public <R> R fold(Function<Next, R> next, Function<NothingDue, R> nothingDue) {
                return nothingDue.apply(this);
            }
        }
    }
}
