-- The rating FSRS received for each answer, so that a learner's weights can be fitted to their history. Answers
-- recorded before this version keep NULL: they were rated Good when right and Again when wrong unless the learner
-- gave a rating, which was not kept, and the optimizer reads them so (Interaction.scheduledRating).
ALTER TABLE interactions ADD COLUMN rating smallint CHECK (rating BETWEEN 1 AND 4);

-- The FSRS-6 weights fitted to one learner's answers, which schedule them in place of the deployment's. A learner
-- has at most one set; saving again replaces it whole.
CREATE TABLE learner_parameters (
    user_id    text               PRIMARY KEY CHECK (length(user_id) > 0),
    weights    double precision[] NOT NULL
        CHECK (cardinality(weights) = 21 AND array_ndims(weights) = 1 AND array_position(weights, NULL) IS NULL
               AND NOT ('NaN' = ANY (weights) OR 'Infinity' = ANY (weights) OR '-Infinity' = ANY (weights))),
    fitted_at  timestamptz        NOT NULL,
    reviews    integer            NOT NULL CHECK (reviews >= 0),
    log_loss   double precision   NOT NULL,
    rmse_bins  double precision   NOT NULL
);
