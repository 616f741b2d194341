-- The embedding backfill (embed-missing-phrasings, embed-missing-concepts): concepts get embeddings as phrasings
-- have them, and the live rows still without one are found by partial indexes, so that each of the backfill's
-- batches is one index range scan however large the library and however few rows are missing.
ALTER TABLE concepts
    ADD COLUMN embedding              real[],
    ADD COLUMN embedding_generated_at timestamptz;

CREATE INDEX phrasings_without_embedding ON phrasings (id) WHERE embedding IS NULL AND deleted_at IS NULL;
CREATE INDEX concepts_without_embedding ON concepts (id) WHERE embedding IS NULL AND deleted_at IS NULL;
