-- Data migrations: imported documents, and the ledger of runs and batches that change them.

-- Documents imported from the reference app's Convex export: one raw JSONB document per row, per source table.
-- Keys compare in byte order ("C"), whatever the database's collation, so that keyset ranges mean the same everywhere.
CREATE TABLE imported_documents (
    table_name  text                NOT NULL CHECK (table_name ~ '^[A-Za-z_][A-Za-z0-9_]{0,62}$'),
    id          text COLLATE "C"    NOT NULL CHECK (length(id) BETWEEN 1 AND 512),
    doc         jsonb               NOT NULL CHECK (jsonb_typeof(doc) = 'object'),
    imported_at timestamptz         NOT NULL,
    updated_at  timestamptz,
    PRIMARY KEY (table_name, id)
);

CREATE TABLE migration_runs (
    id              uuid        PRIMARY KEY,
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    table_name      text        NOT NULL,
    dry_run         boolean     NOT NULL,
    batch_size      integer     NOT NULL CHECK (batch_size BETWEEN 1 AND 10000),
    estimated_total bigint      NOT NULL CHECK (estimated_total >= 0),
    created_at      timestamptz NOT NULL,
    finished_at     timestamptz CHECK (finished_at >= created_at)
);
CREATE INDEX migration_runs_recent ON migration_runs (created_at DESC, id);

-- A run's batches: key ranges (after_key, up_to_key], with the backfill scheduler's states and retry counting.
CREATE TABLE migration_batches (
    run_id        uuid             NOT NULL REFERENCES migration_runs (id) ON DELETE CASCADE,
    seq           integer          NOT NULL CHECK (seq >= 0),
    after_key     text COLLATE "C",
    up_to_key     text COLLATE "C" NOT NULL,
    status        text             NOT NULL CHECK (status IN ('pending', 'processing', 'completed', 'retry', 'failed')),
    retry_count   integer          NOT NULL DEFAULT 0 CHECK (retry_count BETWEEN 0 AND 5),
    error         text,
    stats         jsonb            NOT NULL,
    failures      jsonb            NOT NULL DEFAULT '[]',
    worker        text,
    lease_until   timestamptz,
    retry_after   timestamptz,
    started_at    timestamptz,
    completed_at  timestamptz,
    last_retry_at timestamptz,
    PRIMARY KEY (run_id, seq),
    CONSTRAINT batch_range CHECK (after_key IS NULL OR after_key < up_to_key),
    CONSTRAINT failed_iff_out_of_retries CHECK ((status = 'failed') = (retry_count = 5)),
    CONSTRAINT processing_has_holder CHECK (status <> 'processing' OR (worker IS NOT NULL AND lease_until IS NOT NULL)),
    CONSTRAINT retry_has_time CHECK (status <> 'retry' OR retry_after IS NOT NULL)
);
-- The batches still to do, in order: what claiming scans.
CREATE INDEX migration_batches_open ON migration_batches (run_id, seq) WHERE status IN ('pending', 'processing', 'retry');
