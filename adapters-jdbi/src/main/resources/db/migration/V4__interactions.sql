-- Answers to phrasings. The review use case writes one in the same transaction as the concept's new schedule and
-- the user's counters, so an answer is never recorded without its reschedule, nor the other way round.

-- Lets an interaction reference (phrasing, concept, owner), so that all three always agree.
ALTER TABLE phrasings ADD CONSTRAINT phrasings_id_concept_user UNIQUE (id, concept_id, user_id);

CREATE TABLE interactions (
    id             uuid        PRIMARY KEY,
    user_id        text        NOT NULL,
    concept_id     uuid        NOT NULL,
    phrasing_id    uuid        NOT NULL,
    user_answer    text        NOT NULL,
    is_correct     boolean     NOT NULL,
    attempted_at   timestamptz NOT NULL,
    -- Always a column: the reference app kept it only inside a JSON context on its review path, and needed a
    -- backfill to query it.
    session_id     text        CHECK (length(session_id) BETWEEN 1 AND 200),
    time_spent_ms  integer     CHECK (time_spent_ms >= 0),
    is_retry       boolean     NOT NULL DEFAULT false,
    -- The schedule this answer produced, as it was at the time.
    scheduled_days integer     NOT NULL CHECK (scheduled_days >= 0),
    next_review    timestamptz NOT NULL CHECK (next_review >= attempted_at),
    fsrs_state     text        NOT NULL CHECK (fsrs_state IN ('learning', 'review', 'relearning')),
    CONSTRAINT interactions_phrasing_owner FOREIGN KEY (phrasing_id, concept_id, user_id)
        REFERENCES phrasings (id, concept_id, user_id) ON DELETE CASCADE
);
-- A user's history, a session's answers, and the recent answers to a phrasing that the review queue shows.
CREATE INDEX interactions_user_time ON interactions (user_id, attempted_at DESC);
CREATE INDEX interactions_user_session ON interactions (user_id, session_id, attempted_at) WHERE session_id IS NOT NULL;
CREATE INDEX interactions_phrasing_time ON interactions (phrasing_id, attempted_at DESC);
CREATE INDEX interactions_concept_time ON interactions (concept_id, attempted_at DESC);
