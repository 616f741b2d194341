-- Promoting legacy questions reads each batch's interactions by question: one index probe per question, not a scan
-- of every imported interaction per batch.
CREATE INDEX imported_interactions_question ON imported_documents ((doc ->> 'questionId'))
    WHERE table_name = 'interactions';
