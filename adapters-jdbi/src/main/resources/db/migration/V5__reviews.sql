-- Reviews read what is due at read time (docs/decisions.md, decision 14): a cached "due now" goes stale the moment
-- a card's due time passes, with no write to update it. So the cached columns go.
ALTER TABLE user_stats DROP COLUMN due_now_count, DROP COLUMN next_review_time;

-- The queue's fallback when nothing is due: a user's new concepts with something to ask, oldest first.
CREATE INDEX concepts_user_new ON concepts (user_id, created_at, id)
    WHERE state = 'new' AND phrasing_count > 0 AND archived_at IS NULL AND deleted_at IS NULL;
