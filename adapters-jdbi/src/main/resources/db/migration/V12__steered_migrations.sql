-- Migration runs an operator can steer: paused, resumed or cancelled; limited to a part of their table (keys, and
-- creation times as the reference app's backfills tracked them month by month); and with batches sized to a target
-- time, the size of the next batch and the smoothed time per document kept here between batches.
ALTER TABLE migration_runs
    ADD COLUMN control         text             NOT NULL DEFAULT 'running'
        CHECK (control IN ('running', 'paused', 'cancelled')),
    ADD COLUMN from_key        text COLLATE "C" CHECK (length(from_key) BETWEEN 1 AND 512),
    ADD COLUMN to_key          text COLLATE "C" CHECK (length(to_key) BETWEEN 1 AND 512),
    ADD COLUMN created_from    timestamptz,
    ADD COLUMN created_to      timestamptz,
    ADD COLUMN target_batch_ms integer          CHECK (target_batch_ms BETWEEN 10 AND 60000),
    ADD COLUMN ms_per_document double precision NOT NULL DEFAULT 0
        CHECK (ms_per_document >= 0 AND ms_per_document < 'Infinity'),
    ADD CONSTRAINT run_key_scope CHECK (from_key IS NULL OR to_key IS NULL OR from_key <= to_key),
    ADD CONSTRAINT run_created_scope CHECK (created_from IS NULL OR created_to IS NULL OR created_from < created_to);

-- A migration's runs, for the coverage of its completed ones.
CREATE INDEX migration_runs_by_name ON migration_runs (name, created_at);

-- Workers LISTEN for this: a pause, a resume or a cancellation reaches the workers of the run at once, whichever
-- process made it.
CREATE FUNCTION recollect_notify_migration_steered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('recollect_migration_steered', NEW.id::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER migration_runs_notify
    AFTER UPDATE OF control ON migration_runs
    FOR EACH ROW WHEN (OLD.control IS DISTINCT FROM NEW.control)
    EXECUTE FUNCTION recollect_notify_migration_steered();
