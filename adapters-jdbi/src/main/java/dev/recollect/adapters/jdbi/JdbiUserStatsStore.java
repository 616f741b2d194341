package dev.recollect.adapters.jdbi;

import dev.recollect.domain.UserId;
import dev.recollect.domain.stats.Reconciliation;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.domain.stats.UserStats;
import dev.recollect.ports.out.UserStatsStore;
import java.time.Instant;

/** Per-user counters in PostgreSQL, updated by atomic upserts that floor every counter at zero. */
final class JdbiUserStatsStore implements UserStatsStore {
    private final Database db;

    JdbiUserStatsStore(Database db) {
        this.db = db;
    }

    @Override
    public UserStats get(UserId userId) {
        return db.withHandle("read stats of " + userId, handle -> StatsSql.read(handle, userId));
    }

    @Override
    public UserStats apply(UserId userId, StatsDelta delta, Instant now) {
        return db.inTransaction("update stats of " + userId, handle -> {
            StatsSql.apply(handle, userId, delta, now);
            return StatsSql.read(handle, userId);
        });
    }

    @Override
    public Reconciliation reconcile(UserId userId, Instant now) {
        return db.inTransaction("reconcile stats of " + userId, handle -> StatsSql.reconcile(handle, userId, now));
    }
}
