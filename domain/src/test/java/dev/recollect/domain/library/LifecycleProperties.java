package dev.recollect.domain.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.generation.PhrasingType;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.Size;

/** Soft delete: two independent marks, idempotent changes, and "active" as neither mark. */
class LifecycleProperties {
    private static final Instant T = Instant.parse("2025-02-01T08:00:00Z");
    private static final UserId USER = new UserId("u");
    private static final ConceptId CONCEPT = new ConceptId(new UUID(0, 1));

    @SeededProperty
    void conceptsAndPhrasingsFollowTheMarkModel(@ForAll @Size(max = 12) List<Lifecycle> changes) {
        Concept concept = Concept.created(CONCEPT, USER, "Tides", null, new JobId(new UUID(0, 9)), T);
        Phrasing phrasing = new Phrasing(
                new PhrasingId(new UUID(0, 2)),
                USER,
                CONCEPT,
                "Why tides?",
                null,
                PhrasingType.TRUE_FALSE,
                List.of("True", "False"),
                "True",
                0,
                0,
                null,
                null,
                T,
                null,
                null);
        boolean archived = false;
        boolean deleted = false;
        Instant now = T;
        for (Lifecycle change : changes) {
            now = now.plus(Duration.ofMinutes(1));
            boolean wasArchived = archived;
            boolean wasDeleted = deleted;
            archived = change == Lifecycle.ARCHIVE || (archived && change != Lifecycle.UNARCHIVE);
            deleted = change == Lifecycle.DELETE || (deleted && change != Lifecycle.RESTORE);
            boolean changed = archived != wasArchived || deleted != wasDeleted;
            Concept nextConcept = concept.with(change, now);
            Phrasing nextPhrasing = phrasing.with(change, now);
            assertThat(nextConcept == concept).isEqualTo(!changed);
            assertThat(nextPhrasing == phrasing).isEqualTo(!changed);
            if (changed) {
                assertThat(nextConcept.updatedAt()).isEqualTo(now);
            }
            concept = nextConcept;
            phrasing = nextPhrasing;
            assertThat(concept.archivedAt() != null).isEqualTo(archived);
            assertThat(concept.deletedAt() != null).isEqualTo(deleted);
            assertThat(phrasing.archivedAt() != null).isEqualTo(archived);
            assertThat(phrasing.deletedAt() != null).isEqualTo(deleted);
            assertThat(concept.isActive()).isEqualTo(!archived && !deleted);
            assertThat(phrasing.isActive()).isEqualTo(!archived && !deleted);
            if (archived && wasArchived) {
                // A mark keeps the time it was first set.
                assertThat(concept.archivedAt()).isBefore(now);
            }
        }
    }
}
