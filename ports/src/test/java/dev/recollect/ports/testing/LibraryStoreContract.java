package dev.recollect.ports.testing;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.UserId;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.ports.out.Persistence;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@code ConceptStore}, {@code PhrasingStore} and {@code UserStatsStore} must do, together. */
public interface LibraryStoreContract {
    /** The stores under test. */
    Persistence stores();

    @Test
    default void existingTitlesAreFoundIgnoringCaseAcrossAllOfAUsersConceptsOnly() {
        UserId user = Fixtures.newUser();
        List<Concept> many = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(Fixtures.concept(user, "Concept number " + i, null, T0));
        }
        stores().concepts().insertAll(many, StatsDelta.conceptsCreated(300), T0);
        stores().concepts()
                .insertAll(
                        List.of(Fixtures.concept(Fixtures.newUser(), "Someone else's", null, T0)), StatsDelta.NONE, T0);
        assertThat(stores().concepts()
                        .existingTitleKeys(
                                user, List.of("concept number 299", "concept number 0", "someone else's", "new one")))
                .isEqualTo(Set.of("concept number 299", "concept number 0"));
        assertThat(stores().concepts().existingTitleKeys(user, List.of())).isEmpty();
    }
}
