-- Issue #16. Worker loss is not a job's error: a start that took a job over from a lost worker is counted apart, as
-- a rescue. A failed job can be queued again by its owner, and the job counts its retries. The CHECK is added
-- NOT VALID and then validated, which scans the table without blocking writers.
ALTER TABLE generation_jobs
    ADD COLUMN rescues integer NOT NULL DEFAULT 0 CHECK (rescues >= 0),
    ADD COLUMN retries integer NOT NULL DEFAULT 0 CHECK (retries >= 0);

ALTER TABLE generation_jobs
    ADD CONSTRAINT generation_jobs_rescues_within_attempts CHECK (rescues <= attempts) NOT VALID;
ALTER TABLE generation_jobs VALIDATE CONSTRAINT generation_jobs_rescues_within_attempts;

-- The signals of V3, plus: a retried job (back to pending) wakes idle workers like a new one, and every change of a
-- job's progress is announced on recollect_job_changed, which `recollect jobs watch` listens to.
CREATE OR REPLACE FUNCTION recollect_notify_job() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.status = 'pending' THEN
        PERFORM pg_notify('recollect_job_created', NEW.id::text);
    ELSIF TG_OP = 'UPDATE' AND NEW.status = 'pending' AND OLD.status <> 'pending' THEN
        PERFORM pg_notify('recollect_job_created', NEW.id::text);
    ELSIF TG_OP = 'UPDATE' AND NEW.status = 'cancelled' AND OLD.status <> 'cancelled' THEN
        PERFORM pg_notify('recollect_job_cancelled', NEW.id::text);
    ELSIF TG_OP = 'UPDATE' AND NEW.status = 'processing' AND NEW.lease_expires_at IS NULL
            AND OLD.lease_expires_at IS NOT NULL THEN
        -- A released lease makes the job claimable at once.
        PERFORM pg_notify('recollect_job_created', NEW.id::text);
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.status, NEW.phase, NEW.questions_saved, NEW.questions_generated, NEW.estimated_total)
            IS DISTINCT FROM (OLD.status, OLD.phase, OLD.questions_saved, OLD.questions_generated, OLD.estimated_total)
    THEN
        PERFORM pg_notify('recollect_job_changed', NEW.id::text);
    END IF;
    RETURN NULL;
END;
$$;

DROP TRIGGER generation_jobs_notify ON generation_jobs;
CREATE TRIGGER generation_jobs_notify
    AFTER INSERT OR UPDATE OF status, phase, questions_saved, questions_generated, estimated_total, lease_expires_at
    ON generation_jobs
    FOR EACH ROW EXECUTE FUNCTION recollect_notify_job();
