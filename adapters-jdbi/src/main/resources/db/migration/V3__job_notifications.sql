-- Workers LISTEN for these: a new pending job wakes idle workers at once, and a cancellation reaches the worker
-- running the job within a second, whichever process made the change.
CREATE FUNCTION recollect_notify_job() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.status = 'pending' THEN
        PERFORM pg_notify('recollect_job_created', NEW.id::text);
    ELSIF TG_OP = 'UPDATE' AND NEW.status = 'cancelled' AND OLD.status <> 'cancelled' THEN
        PERFORM pg_notify('recollect_job_cancelled', NEW.id::text);
    ELSIF TG_OP = 'UPDATE' AND NEW.status = 'processing' AND NEW.lease_expires_at IS NULL
            AND OLD.lease_expires_at IS NOT NULL THEN
        -- A released lease makes the job claimable at once.
        PERFORM pg_notify('recollect_job_created', NEW.id::text);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER generation_jobs_notify
    AFTER INSERT OR UPDATE OF status, lease_expires_at ON generation_jobs
    FOR EACH ROW EXECUTE FUNCTION recollect_notify_job();
