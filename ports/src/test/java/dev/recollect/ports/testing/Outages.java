package dev.recollect.ports.testing;

import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.out.StoreUnavailableException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stores that go away on cue: every call throws {@link StoreUnavailableException} while the switch is down, as the
 * PostgreSQL adapter does once its own retries are spent, and reaches the real store otherwise.
 */
public final class Outages {
    private final AtomicBoolean down = new AtomicBoolean();

    /** Takes the stores down, or brings them back. */
    public void down(boolean isDown) {
        down.set(isDown);
    }

    /** Whether they are down. */
    public boolean isDown() {
        return down.get();
    }

    /** {@code real}, behind the switch. */
    public <T> T wrap(Class<T> port, T real) {
        return Proxies.around(port, real, call -> {
            if (down.get()) {
                throw new StoreUnavailableException(
                        call.name() + ": the store is down", new IllegalStateException("outage"));
            }
            return call.proceed();
        });
    }

    /**
     * Every store of {@code stores} behind the switch; opening signals and reading the schema reach the backing
     * store as they are.
     */
    public Persistence wrap(Persistence stores) {
        return Proxies.around(Persistence.class, stores, call -> {
            Object store = call.proceed();
            Class<?> port = call.method().getReturnType();
            return port.isInterface() && port != JobSignals.class ? wrapAs(port, store) : store;
        });
    }

    private <T> T wrapAs(Class<T> port, Object store) {
        return wrap(port, port.cast(store));
    }
}
