package dev.recollect.adapters.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every query path uses its index. Sequential scans are discouraged (not forbidden) so that the planner shows which
 * index it would pick on a large table; a path without a usable index would still show a sequential scan.
 */
@PostgresTest
class QueryPlansIT {
    private final TestDatabase database;

    QueryPlansIT(TestDatabase database) {
        this.database = database;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "active jobs per user | generation_jobs_user_active | SELECT count(*) FROM generation_jobs WHERE user_id = 'u' AND status IN ('pending', 'processing')",
                "a page of recent jobs | generation_jobs_user_recent | SELECT * FROM generation_jobs WHERE user_id = 'u' AND (created_at, id) < (now(), '00000000-0000-0000-0000-000000000001'::uuid) ORDER BY created_at DESC, id DESC LIMIT 26",
                "claimable jobs | generation_jobs_claimable | SELECT id FROM generation_jobs WHERE status = 'pending' ORDER BY created_at, id LIMIT 10 FOR UPDATE SKIP LOCKED",
                "expired leases | generation_jobs_leases | SELECT id FROM generation_jobs WHERE status = 'processing' AND (lease_expires_at IS NULL OR lease_expires_at < now()) ORDER BY lease_expires_at NULLS FIRST LIMIT 10 FOR UPDATE SKIP LOCKED",
                "cleanup | generation_jobs_finished | DELETE FROM generation_jobs WHERE (status IN ('completed', 'cancelled') AND completed_at <= now()) OR (status = 'failed' AND completed_at <= now())",
                "rate-limit window | rate_limit_events_window | SELECT occurred_at FROM rate_limit_events WHERE bucket = 'b' AND identifier = 'i' AND occurred_at > now() ORDER BY occurred_at DESC LIMIT 100",
                "concept titles | concepts_user_title | SELECT title_key FROM concepts WHERE user_id = 'u' AND title_key = ANY(ARRAY['a', 'b'])",
                "concepts of a job | concepts_job | SELECT * FROM concepts WHERE generation_job_id = '00000000-0000-0000-0000-000000000001' ORDER BY created_at, id",
                "the due queue | concepts_user_due | SELECT id FROM concepts WHERE user_id = 'u' AND archived_at IS NULL AND deleted_at IS NULL AND due <= now() AND phrasing_count > 0 ORDER BY due, id LIMIT 25",
                "the new queue | concepts_user_new | SELECT id FROM concepts WHERE user_id = 'u' AND archived_at IS NULL AND deleted_at IS NULL AND state = 'new' AND phrasing_count > 0 ORDER BY created_at, id LIMIT 25",
                "what is due | concepts_user_due | SELECT count(*) FILTER (WHERE due <= now()), min(due) FILTER (WHERE due > now()) FROM concepts WHERE user_id = 'u' AND archived_at IS NULL AND deleted_at IS NULL",
                "a phrasing's recent answers | interactions_phrasing_time | SELECT id FROM interactions WHERE phrasing_id = '00000000-0000-0000-0000-000000000001' ORDER BY attempted_at DESC, id DESC LIMIT 10",
                "interactions of promoted questions | imported_interactions_question | SELECT id FROM imported_documents WHERE table_name = 'interactions' AND doc ->> 'questionId' = ANY(ARRAY['a', 'b'])",
                "a batch's documents | imported_documents_pkey | SELECT id FROM imported_documents WHERE table_name = 'questions' AND id > 'a' AND id <= 'b' ORDER BY id",
                "claimable batches | migration_batches_open | SELECT seq FROM migration_batches WHERE run_id = '00000000-0000-0000-0000-000000000001' AND status = 'pending' ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED",
                "the oldest pending job | generation_jobs_claimable | SELECT created_at FROM generation_jobs WHERE status = 'pending' ORDER BY created_at, id LIMIT 1",
                "the last finished job | generation_jobs_finished | SELECT max(completed_at) FROM generation_jobs WHERE status = 'failed'",
                "live leases | generation_jobs_leases | SELECT count(*) FROM generation_jobs WHERE status = 'processing' AND lease_expires_at >= now()",
                "jobs created since | generation_jobs_created | SELECT status, count(*) FROM generation_jobs WHERE created_at >= now() GROUP BY status",
                "the newest jobs | generation_jobs_created | SELECT id FROM generation_jobs ORDER BY created_at DESC, id DESC LIMIT 20",
                "completed durations | generation_jobs_finished | SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) FROM generation_jobs WHERE status = 'completed' AND completed_at >= now()",
                "a retry in a session | interactions_user_session | SELECT EXISTS (SELECT 1 FROM interactions WHERE user_id = 'u' AND session_id = 's' AND phrasing_id = '00000000-0000-0000-0000-000000000001')",
                "a job's tokens | job_token_usage_pkey | SELECT model, sum(calls) FROM job_token_usage WHERE job_id = '00000000-0000-0000-0000-000000000001' GROUP BY model ORDER BY model",
                "tokens since | job_token_usage_created | SELECT model, sum(calls) FROM job_token_usage WHERE job_created_at >= now() GROUP BY model ORDER BY model",
                "phrasings of a concept | phrasings_concept | SELECT * FROM phrasings WHERE concept_id = '00000000-0000-0000-0000-000000000001' ORDER BY created_at, id",
            })
    void theQueryUsesItsIndex(String path, String index, String sql) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            connection.rollback();
            assertThat(plan.toString()).as(path).contains(index);
        }
    }
}
