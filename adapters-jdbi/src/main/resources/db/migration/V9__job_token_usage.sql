-- Tokens each job used, per model (issue #9). One row per job and model, added to by an atomic upsert after every
-- LLM call, so that concurrent calls and retried attempts all count. The job's creation time is copied in, so that
-- `recollect jobs stats` sums a window of jobs by one range of job_token_usage_created without reading the jobs.
CREATE TABLE job_token_usage (
    job_id          uuid        NOT NULL REFERENCES generation_jobs (id) ON DELETE CASCADE,
    model           text        NOT NULL CHECK (length(model) BETWEEN 1 AND 200),
    job_created_at  timestamptz NOT NULL,
    calls           bigint      NOT NULL CHECK (calls >= 0),
    prompt_tokens   bigint      NOT NULL CHECK (prompt_tokens >= 0),
    output_tokens   bigint      NOT NULL CHECK (output_tokens >= 0),
    thinking_tokens bigint      NOT NULL CHECK (thinking_tokens >= 0),
    total_tokens    bigint      NOT NULL CHECK (total_tokens >= 0),
    PRIMARY KEY (job_id, model)
);

CREATE INDEX job_token_usage_created ON job_token_usage (job_created_at);
