package dev.recollect.adapters.jdbi;

import static dev.recollect.adapters.jdbi.Database.instant;
import static dev.recollect.adapters.jdbi.Database.timestamp;

import dev.recollect.domain.UserId;
import dev.recollect.domain.stats.DueSnapshot;
import dev.recollect.domain.stats.Reconciliation;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.domain.stats.UserStats;
import dev.recollect.ports.out.UserStatsStore;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * The statements on a learner's counters and due counts, run in the caller's transaction: the concept, review and
 * migration stores change the counters together with what they write, and the counters' store reads them. One place,
 * so that no store reaches into another.
 */
final class StatsSql {
    /** The filter of a learner's active concepts, which the counters count. */
    static final String ACTIVE_CONCEPTS = "user_id = :user AND archived_at IS NULL AND deleted_at IS NULL";

    private StatsSql() {}

    /** Adds {@code delta} to the learner's counters, flooring each at zero; creates them at the first change. */
    static void apply(Handle handle, UserId userId, StatsDelta delta, Instant now) {
        handle.createUpdate(
                        """
                        INSERT INTO user_stats (user_id, total_cards, new_count, learning_count, mature_count,
                            last_calculated)
                        VALUES (:user, GREATEST(0, :total), GREATEST(0, :new), GREATEST(0, :learning),
                            GREATEST(0, :mature), :now)
                        ON CONFLICT (user_id) DO UPDATE SET
                            total_cards = GREATEST(0, user_stats.total_cards + :total),
                            new_count = GREATEST(0, user_stats.new_count + :new),
                            learning_count = GREATEST(0, user_stats.learning_count + :learning),
                            mature_count = GREATEST(0, user_stats.mature_count + :mature),
                            last_calculated = :now""")
                .bind("user", userId.value())
                .bind("total", delta.totalCards())
                .bind("new", delta.newCount())
                .bind("learning", delta.learningCount())
                .bind("mature", delta.matureCount())
                .bind("now", timestamp(now))
                .execute();
    }

    /** Recounts {@code userId}'s counters in the caller's transaction (see {@link UserStatsStore#reconcile}). */
    static Reconciliation reconcile(Handle handle, UserId userId, Instant now) {
        // Lock the counters first: a write that applies a delta waits, then adds it to the recount.
        handle.createUpdate("INSERT INTO user_stats (user_id) VALUES (:user) ON CONFLICT (user_id) DO NOTHING")
                .bind("user", userId.value())
                .execute();
        UserStats before = read(handle, userId, " FOR UPDATE");
        StatsDelta totals = handle.createQuery(
                        """
                        SELECT count(*) AS total,
                            count(*) FILTER (WHERE state = 'new') AS new,
                            count(*) FILTER (WHERE state IN ('learning', 'relearning')) AS learning,
                            count(*) FILTER (WHERE state = 'review') AS mature
                        FROM concepts WHERE\s"""
                                + ACTIVE_CONCEPTS)
                .bind("user", userId.value())
                .map((rs, ctx) -> new StatsDelta(
                        rs.getInt("total"), rs.getInt("new"), rs.getInt("learning"), rs.getInt("mature")))
                .one();
        UserStats after = UserStats.of(userId, totals, now);
        handle.createUpdate(
                        """
                        UPDATE user_stats SET total_cards = :total, new_count = :new, learning_count = :learning,
                            mature_count = :mature, last_calculated = :now WHERE user_id = :user""")
                .bind("user", userId.value())
                .bind("total", totals.totalCards())
                .bind("new", totals.newCount())
                .bind("learning", totals.learningCount())
                .bind("mature", totals.matureCount())
                .bind("now", timestamp(now))
                .execute();
        return new Reconciliation(before, after, dueSnapshot(handle, userId, now));
    }

    /** The learner's concepts due at {@code now}, and when the next one falls due. */
    static DueSnapshot dueSnapshot(Handle handle, UserId userId, Instant now) {
        return handle.createQuery("SELECT count(*) FILTER (WHERE due <= :now) AS due_now,"
                        + " min(due) FILTER (WHERE due > :now) AS next FROM concepts WHERE " + ACTIVE_CONCEPTS)
                .bind("user", userId.value())
                .bind("now", timestamp(now))
                .map((rs, ctx) -> new DueSnapshot(now, rs.getInt("due_now"), Database.instant(rs, "next")))
                .one();
    }

    /** The learner's counters; zero when none were ever written. */
    static UserStats read(Handle handle, UserId userId) {
        return read(handle, userId, "");
    }

    private static UserStats read(Handle handle, UserId userId, String lock) {
        return handle.createQuery("SELECT * FROM user_stats WHERE user_id = :user" + lock)
                .bind("user", userId.value())
                .map((rs, ctx) -> new UserStats(
                        userId,
                        rs.getInt("total_cards"),
                        rs.getInt("new_count"),
                        rs.getInt("learning_count"),
                        rs.getInt("mature_count"),
                        instant(rs, "last_calculated")))
                .findOne()
                .orElse(UserStats.empty(userId));
    }
}
