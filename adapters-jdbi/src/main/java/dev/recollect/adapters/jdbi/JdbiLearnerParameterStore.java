package dev.recollect.adapters.jdbi;

import static dev.recollect.adapters.jdbi.Database.instant;
import static dev.recollect.adapters.jdbi.Database.timestamp;

import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.optimizer.Evaluation;
import dev.recollect.domain.review.LearnerParameters;
import dev.recollect.ports.out.LearnerParameterStore;
import java.sql.Array;
import java.util.Optional;

/** Learners' fitted weights in PostgreSQL, one row per learner, the weights a {@code double precision[]}. */
final class JdbiLearnerParameterStore implements LearnerParameterStore {
    private final Database db;

    JdbiLearnerParameterStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<LearnerParameters> find(UserId userId) {
        return db.withHandle("read the FSRS weights of " + userId, handle -> handle.createQuery(
                        "SELECT weights, fitted_at, reviews, log_loss, rmse_bins FROM learner_parameters"
                                + " WHERE user_id = :user")
                .bind("user", userId.value())
                .map((rs, ctx) -> {
                    Array array = rs.getArray("weights");
                    Double[] boxed = (Double[]) array.getArray();
                    double[] weights = new double[boxed.length];
                    for (int i = 0; i < boxed.length; i++) {
                        weights[i] = boxed[i];
                    }
                    return new LearnerParameters(
                            userId,
                            weights,
                            instant(rs, "fitted_at"),
                            rs.getInt("reviews"),
                            new Evaluation(rs.getDouble("log_loss"), rs.getDouble("rmse_bins")));
                })
                .findOne());
    }

    @Override
    public void save(LearnerParameters parameters) {
        db.inTransaction("save the FSRS weights of " + parameters.userId(), handle -> handle.createUpdate(
                        """
                        INSERT INTO learner_parameters (user_id, weights, fitted_at, reviews, log_loss, rmse_bins)
                        VALUES (:user, :weights, :fittedAt, :reviews, :logLoss, :rmseBins)
                        ON CONFLICT (user_id) DO UPDATE SET weights = excluded.weights, fitted_at = excluded.fitted_at,
                            reviews = excluded.reviews, log_loss = excluded.log_loss, rmse_bins = excluded.rmse_bins""")
                .bind("user", parameters.userId().value())
                .bind("weights", parameters.weights())
                .bind("fittedAt", timestamp(parameters.fittedAt()))
                .bind("reviews", parameters.reviews())
                .bind("logLoss", parameters.evaluation().logLoss())
                .bind("rmseBins", parameters.evaluation().rmseBins())
                .execute());
    }

    @Override
    public boolean delete(UserId userId) {
        return db.inTransaction(
                "reset the FSRS weights of " + userId,
                handle -> handle.createUpdate("DELETE FROM learner_parameters WHERE user_id = :user")
                                .bind("user", userId.value())
                                .execute()
                        > 0);
    }
}
