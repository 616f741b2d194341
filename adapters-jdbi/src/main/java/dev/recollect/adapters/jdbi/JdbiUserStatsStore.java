package dev.recollect.adapters.jdbi;

import static dev.recollect.adapters.jdbi.Database.instant;
import static dev.recollect.adapters.jdbi.Database.timestamp;

import dev.recollect.domain.UserId;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.domain.stats.UserStats;
import dev.recollect.ports.out.UserStatsStore;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Per-user counters in PostgreSQL, updated by atomic upserts that floor every counter at zero. */
final class JdbiUserStatsStore implements UserStatsStore {
    private final Database db;

    JdbiUserStatsStore(Database db) {
        this.db = db;
    }

    @Override
    public UserStats get(UserId userId) {
        return db.withHandle("read stats of " + userId, handle -> read(handle, userId));
    }

    @Override
    public UserStats apply(UserId userId, StatsDelta delta, Instant now) {
        return db.inTransaction("update stats of " + userId, handle -> {
            apply(handle, userId, delta, now);
            return read(handle, userId);
        });
    }

    static void apply(Handle handle, UserId userId, StatsDelta delta, Instant now) {
        handle.createUpdate(
                        """
                        INSERT INTO user_stats (user_id, total_cards, new_count, learning_count, mature_count,
                            due_now_count, last_calculated)
                        VALUES (:user, GREATEST(0, :total), GREATEST(0, :new), GREATEST(0, :learning),
                            GREATEST(0, :mature), GREATEST(0, :due), :now)
                        ON CONFLICT (user_id) DO UPDATE SET
                            total_cards = GREATEST(0, user_stats.total_cards + :total),
                            new_count = GREATEST(0, user_stats.new_count + :new),
                            learning_count = GREATEST(0, user_stats.learning_count + :learning),
                            mature_count = GREATEST(0, user_stats.mature_count + :mature),
                            due_now_count = GREATEST(0, user_stats.due_now_count + :due),
                            last_calculated = :now""")
                .bind("user", userId.value())
                .bind("total", delta.totalCards())
                .bind("new", delta.newCount())
                .bind("learning", delta.learningCount())
                .bind("mature", delta.matureCount())
                .bind("due", delta.dueNowCount())
                .bind("now", timestamp(now))
                .execute();
    }

    private static UserStats read(Handle handle, UserId userId) {
        return handle.createQuery("SELECT * FROM user_stats WHERE user_id = :user")
                .bind("user", userId.value())
                .map((rs, ctx) -> new UserStats(
                        userId,
                        rs.getInt("total_cards"),
                        rs.getInt("new_count"),
                        rs.getInt("learning_count"),
                        rs.getInt("mature_count"),
                        rs.getInt("due_now_count"),
                        instant(rs, "next_review_time"),
                        instant(rs, "last_calculated")))
                .findOne()
                .orElse(UserStats.empty(userId));
    }
}
