package dev.recollect.ports.testing;

import dev.recollect.ports.out.ExclusiveLocks;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/** Exclusive locks within one process: one lock per name, tried, never waited for. */
public final class InMemoryExclusiveLocks implements ExclusiveLocks {
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    public boolean runExclusively(String name, Runnable work) {
        ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock());
        // A lock this thread already holds counts as held by another round, as PostgreSQL's session lock would not.
        if (lock.isHeldByCurrentThread() || !lock.tryLock()) {
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            lock.unlock();
        }
    }
}
