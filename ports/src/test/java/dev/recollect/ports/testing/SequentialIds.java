package dev.recollect.ports.testing;

import dev.recollect.ports.out.IdGenerator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Predictable ids: 00000000-0000-0000-0000-000000000001, then ...02, and so on. Thread-safe. */
public final class SequentialIds implements IdGenerator {
    private final AtomicLong next = new AtomicLong();

    @Override
    public UUID next() {
        return new UUID(0, next.incrementAndGet());
    }
}
