package dev.recollect.ports.out;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.review.Interaction;
import dev.recollect.domain.review.PastReview;
import dev.recollect.domain.review.RecordedReview;
import dev.recollect.domain.review.ReviewTarget;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Answers: recorded atomically with everything they change, and read back for the review screen. */
public interface ReviewStore {
    /**
     * Locks the user's active concept {@code conceptId} and its active phrasing {@code phrasingId}, asks
     * {@code decide} what the answer writes, and writes all of it in one transaction: the concept's card, the
     * phrasing's counters, the interaction and the counters' delta. Two answers to the same concept run one after the
     * other, each deciding from what the other wrote.
     *
     * @param sessionId the answer's session, to tell {@code decide} whether the phrasing was already answered in it
     * @param decide what the answer writes; empty to write nothing, when the answer turns out unusable against the
     *     locked phrasing
     * @return what was written; empty, with nothing written, when the concept or phrasing is missing, inactive,
     *     another user's, or the phrasing belongs to another concept, or when {@code decide} declined
     */
    Optional<RecordedReview> record(
            UserId userId,
            ConceptId conceptId,
            PhrasingId phrasingId,
            String sessionId,
            Function<ReviewTarget, Optional<RecordedReview>> decide);

    /** The newest {@code limit} interactions with a phrasing, newest first. */
    List<Interaction> recentForPhrasing(PhrasingId phrasingId, int limit);

    /**
     * Every answer the learner recorded, to any concept (archived and deleted ones too, whose reviews still tell how
     * the learner remembers), oldest first, answers at the same instant by id
     * (as {@link dev.recollect.domain.InteractionId} orders them).
     */
    List<PastReview> history(UserId userId);
}
