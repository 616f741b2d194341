package dev.recollect.adapters.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Rating;
import dev.recollect.domain.review.PastReview;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The schema itself refuses rows that break the domain's invariants, whatever code writes them. */
@PostgresTest
class ConstraintsIT {
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String CHECK_VIOLATION = "23514";

    private final UUID concept = UUID.randomUUID();
    private final UUID phrasing = UUID.randomUUID();
    private TestDatabase database;

    @BeforeEach
    void aConceptWithOnePhrasingOwnedByAda(TestDatabase database) throws SQLException {
        this.database = database;
        run(conceptOf("ada", concept));
        run(phrasingOf("ada", concept, phrasing));
    }

    @Test
    void aPhrasingBelongsToItsConceptsOwner() {
        assertRefused(phrasingOf("bob", concept, UUID.randomUUID()), FOREIGN_KEY_VIOLATION);
    }

    @Test
    void anInteractionAgreesWithItsPhrasingOnConceptAndOwner() throws SQLException {
        assertRefused(interactionOf("bob", concept, phrasing, "'review'", 3), FOREIGN_KEY_VIOLATION);
        UUID otherConcept = UUID.randomUUID();
        run(conceptOf("ada", otherConcept));
        assertRefused(interactionOf("ada", otherConcept, phrasing, "'review'", 3), FOREIGN_KEY_VIOLATION);

        run(interactionOf("ada", concept, phrasing, "'review'", 3));
        assertThat(interactionsOf(concept)).isEqualTo(1);
        run("DELETE FROM concepts WHERE id = '" + concept + "'");
        assertThat(interactionsOf(concept)).isZero();
    }

    @Test
    void anInteractionRecordsTheScheduleItProduced() {
        assertRefused(interactionOf("ada", concept, phrasing, "'new'", 3), CHECK_VIOLATION);
        assertRefused(interactionOf("ada", concept, phrasing, "'review'", -1), CHECK_VIOLATION);
        assertRefused(
                interactionOf("ada", concept, phrasing, "'review'", 3)
                        .replace("now() + interval '3 days'", "now() - interval '1 second'"),
                CHECK_VIOLATION);
    }

    @Test
    void anInteractionsRatingIsAGradeAndOneRecordedBeforeRatingsWereKeptReadsAsTheReferenceRatedIt()
            throws SQLException {
        String rated = interactionOf("ada", concept, phrasing, "'review'", 3)
                .replace("is_correct,", "is_correct, rating,")
                .replace("'True', true,", "'True', true, %d,");
        assertRefused(rated.formatted(0), CHECK_VIOLATION);
        assertRefused(rated.formatted(5), CHECK_VIOLATION);
        run(rated.formatted(2));
        run(interactionOf("ada", concept, phrasing, "'review'", 3));
        run(interactionOf("ada", concept, phrasing, "'review'", 3).replace("'True', true,", "'False', false,"));

        assertThat(JdbiPersistence.over(database.dataSource()).reviews().history(new UserId("ada")))
                .extracting(PastReview::rating)
                .containsExactlyInAnyOrder(Rating.HARD, Rating.GOOD, Rating.AGAIN);
    }

    @Test
    void aLearnersParametersAreTwentyOneFiniteWeights() throws SQLException {
        String row = "INSERT INTO learner_parameters (user_id, weights, fitted_at, reviews, log_loss, rmse_bins)"
                + " VALUES ('ada', %s, now(), 10, 0.3, 0.05)";
        String twentyOne = "ARRAY[" + "0.5, ".repeat(20) + "%s]::double precision[]";
        assertRefused(row.formatted("ARRAY[" + "0.5, ".repeat(19) + "0.5]::double precision[]"), CHECK_VIOLATION);
        for (String bad : new String[] {"'NaN'", "'Infinity'", "'-Infinity'", "NULL"}) {
            assertRefused(row.formatted(twentyOne.formatted(bad)), CHECK_VIOLATION);
        }
        assertRefused(row.formatted(twentyOne.formatted("0.5")).replace(", 10,", ", -1,"), CHECK_VIOLATION);
        run(row.formatted(twentyOne.formatted("0.5")));
    }

    @Test
    void countersNeverGoNegativeAndCorrectAnswersNeverExceedAttempts() {
        assertRefused("INSERT INTO user_stats (user_id, mature_count) VALUES ('ada', -1)", CHECK_VIOLATION);
        assertRefused(
                "UPDATE phrasings SET attempt_count = 1, correct_count = 2 WHERE id = '" + phrasing + "'",
                CHECK_VIOLATION);
    }

    @Test
    void aNewCardHasNoMemoryAndAReviewedOneHasAll() {
        assertRefused(
                "UPDATE concepts SET state = 'review', stability = 0 WHERE id = '" + concept + "'", CHECK_VIOLATION);
    }

    private static String conceptOf(String user, UUID id) {
        return """
                INSERT INTO concepts (id, user_id, title, title_key, due, stability, difficulty, elapsed_days,
                    scheduled_days, learning_steps, reps, lapses, state, created_at, updated_at)
                VALUES ('%s', '%s', 'Photosynthesis', 'photosynthesis', now(), 0, 0, 0, 0, 0, 0, 0, 'new', now(), now())"""
                .formatted(id, user);
    }

    private static String phrasingOf(String user, UUID concept, UUID id) {
        return """
                INSERT INTO phrasings (id, user_id, concept_id, question, question_key, type, options, correct_answer,
                    created_at, updated_at)
                VALUES ('%s', '%s', '%s', 'Is light needed? %s', 'is light needed? %s', 'true-false', '{True,False}',
                    'True', now(), now())"""
                .formatted(id, user, concept, id, id);
    }

    private static String interactionOf(String user, UUID concept, UUID phrasing, String state, int days) {
        return """
                INSERT INTO interactions (id, user_id, concept_id, phrasing_id, user_answer, is_correct, attempted_at,
                    scheduled_days, next_review, fsrs_state)
                VALUES ('%s', '%s', '%s', '%s', 'True', true, now(), %d, now() + interval '3 days', %s)"""
                .formatted(UUID.randomUUID(), user, concept, phrasing, days, state);
    }

    private void assertRefused(String sql, String sqlState) {
        assertThatThrownBy(() -> run(sql)).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                .as(e.getMessage())
                .isEqualTo(sqlState));
    }

    private void run(String sql) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long interactionsOf(UUID concept) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "SELECT count(*) FROM interactions WHERE concept_id = '" + concept + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
