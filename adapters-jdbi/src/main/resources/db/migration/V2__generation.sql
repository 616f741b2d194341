-- Generation jobs, the rate-limit log, concepts, phrasings and per-user counters.
-- Every domain invariant a row can express is a constraint; every query path has an index (EXPLAIN-tested).

CREATE TABLE generation_jobs (
    id                  uuid        PRIMARY KEY,
    user_id             text        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 200),
    prompt              text        NOT NULL CHECK (length(prompt) > 0),
    ip_address          text        CHECK (length(ip_address) <= 45),
    status              text        NOT NULL
                        CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'cancelled')),
    phase               text        NOT NULL
                        CHECK (phase IN ('clarifying', 'concept_synthesis', 'phrasing_generation', 'finalizing')),
    questions_generated integer     NOT NULL DEFAULT 0 CHECK (questions_generated >= 0),
    questions_saved     integer     NOT NULL DEFAULT 0 CHECK (questions_saved >= 0),
    estimated_total     integer     CHECK (estimated_total >= 0),
    topic               text,
    concept_ids         uuid[]      NOT NULL DEFAULT '{}',
    pending_concept_ids uuid[]      NOT NULL DEFAULT '{}',
    duration_ms         bigint      CHECK (duration_ms >= 0),
    error_code          text        CHECK (error_code IN ('SCHEMA_VALIDATION', 'RATE_LIMIT', 'API_KEY', 'CONFIG_ERROR',
                                                          'NETWORK', 'CONTENT_BLOCKED', 'UNKNOWN')),
    error_message       text,
    error_retryable     boolean,
    created_at          timestamptz NOT NULL,
    started_at          timestamptz,
    completed_at        timestamptz,
    attempts            integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    worker_id           text,
    lease_expires_at    timestamptz,
    -- A failed job, and only a failed job, carries its whole error.
    CONSTRAINT failed_has_error CHECK (
        (status = 'failed') = (error_code IS NOT NULL)
        AND (error_code IS NULL) = (error_message IS NULL)
        AND (error_code IS NULL) = (error_retryable IS NULL)),
    CONSTRAINT terminal_has_completed_at CHECK (
        status IN ('pending', 'processing') OR completed_at IS NOT NULL),
    CONSTRAINT started_after_created CHECK (started_at IS NULL OR started_at >= created_at)
);

-- The per-user cap counts active jobs.
CREATE INDEX generation_jobs_user_active ON generation_jobs (user_id) WHERE status IN ('pending', 'processing');
-- A page of a user's recent jobs, newest first, keyset-paginated.
CREATE INDEX generation_jobs_user_recent ON generation_jobs (user_id, created_at DESC, id DESC);
-- Workers claim the oldest pending jobs.
CREATE INDEX generation_jobs_claimable ON generation_jobs (created_at, id) WHERE status = 'pending';
-- Rescue finds processing jobs whose lease expired.
CREATE INDEX generation_jobs_leases ON generation_jobs (lease_expires_at NULLS FIRST) WHERE status = 'processing';
-- Cleanup deletes finished jobs past their retention.
CREATE INDEX generation_jobs_finished ON generation_jobs (status, completed_at)
    WHERE status IN ('completed', 'failed', 'cancelled');

CREATE TABLE rate_limit_events (
    bucket      text        NOT NULL,
    identifier  text        NOT NULL,
    occurred_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_events_window ON rate_limit_events (bucket, identifier, occurred_at DESC);
CREATE INDEX rate_limit_events_age ON rate_limit_events (occurred_at);

CREATE TABLE concepts (
    id                    uuid             PRIMARY KEY,
    user_id               text             NOT NULL CHECK (length(user_id) BETWEEN 1 AND 200),
    title                 text             NOT NULL CHECK (length(title) > 0),
    -- The title as deduplication compares it (trimmed, lowercased by the application, Unicode-aware).
    title_key             text             NOT NULL,
    description           text,
    due                   timestamptz      NOT NULL,
    stability             double precision NOT NULL CHECK (stability >= 0),
    difficulty            double precision NOT NULL CHECK (difficulty >= 0 AND difficulty <= 10),
    elapsed_days          integer          NOT NULL CHECK (elapsed_days >= 0),
    scheduled_days        integer          NOT NULL,
    learning_steps        integer          NOT NULL CHECK (learning_steps >= 0),
    reps                  integer          NOT NULL CHECK (reps >= 0),
    lapses                integer          NOT NULL CHECK (lapses >= 0),
    state                 text             NOT NULL CHECK (state IN ('new', 'learning', 'review', 'relearning')),
    last_review           timestamptz,
    canonical_phrasing_id uuid,
    phrasing_count        integer          NOT NULL DEFAULT 0 CHECK (phrasing_count >= 0),
    thin_score            integer          CHECK (thin_score > 0),
    conflict_score        integer          CHECK (conflict_score > 0),
    generation_job_id     uuid,
    created_at            timestamptz      NOT NULL,
    updated_at            timestamptz      NOT NULL,
    archived_at           timestamptz,
    deleted_at            timestamptz,
    -- A new card has no memory; a reviewed one has both parts of it.
    CONSTRAINT memory_state CHECK ((state = 'new') OR (stability > 0 AND difficulty >= 1)),
    -- Lets phrasings reference (concept, owner) so that a phrasing always belongs to its concept's owner.
    CONSTRAINT concepts_id_user UNIQUE (id, user_id)
);
CREATE INDEX concepts_user_title ON concepts (user_id, title_key);
CREATE INDEX concepts_job ON concepts (generation_job_id, created_at) WHERE generation_job_id IS NOT NULL;
CREATE INDEX concepts_user_due ON concepts (user_id, due) WHERE archived_at IS NULL AND deleted_at IS NULL;

CREATE TABLE phrasings (
    id                     uuid        PRIMARY KEY,
    user_id                text        NOT NULL,
    concept_id             uuid        NOT NULL,
    question               text        NOT NULL CHECK (length(question) > 0),
    question_key           text        NOT NULL,
    explanation            text,
    type                   text        NOT NULL CHECK (type IN ('multiple-choice', 'true-false')),
    options                text[]      NOT NULL,
    correct_answer         text,
    attempt_count          integer     NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
    correct_count          integer     NOT NULL DEFAULT 0 CHECK (correct_count >= 0 AND correct_count <= attempt_count),
    last_attempted_at      timestamptz,
    embedding              real[],
    embedding_generated_at timestamptz,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    archived_at            timestamptz,
    deleted_at             timestamptz,
    CONSTRAINT phrasings_concept_owner FOREIGN KEY (concept_id, user_id)
        REFERENCES concepts (id, user_id) ON DELETE CASCADE,
    -- A resumed job never saves the same question twice for a concept.
    CONSTRAINT phrasings_concept_question UNIQUE (concept_id, question_key)
);
CREATE INDEX phrasings_concept ON phrasings (concept_id, created_at);

CREATE TABLE user_stats (
    user_id          text        PRIMARY KEY,
    total_cards      integer     NOT NULL DEFAULT 0 CHECK (total_cards >= 0),
    new_count        integer     NOT NULL DEFAULT 0 CHECK (new_count >= 0),
    learning_count   integer     NOT NULL DEFAULT 0 CHECK (learning_count >= 0),
    mature_count     integer     NOT NULL DEFAULT 0 CHECK (mature_count >= 0),
    due_now_count    integer     NOT NULL DEFAULT 0 CHECK (due_now_count >= 0),
    next_review_time timestamptz,
    last_calculated  timestamptz
);
