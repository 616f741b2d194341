package dev.recollect.ports.testing;

import dev.recollect.ports.out.StoreUnavailableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
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
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(real, args);
            }
            if (down.get()) {
                throw new StoreUnavailableException(
                        method.getName() + ": the store is down", new IllegalStateException("outage"));
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    /** Every store of {@code stores} behind the switch. */
    public StoreBundle wrap(StoreBundle stores) {
        return new StoreBundle(
                wrap(dev.recollect.ports.out.JobStore.class, stores.jobs()),
                wrap(dev.recollect.ports.out.ConceptStore.class, stores.concepts()),
                wrap(dev.recollect.ports.out.PhrasingStore.class, stores.phrasings()),
                wrap(dev.recollect.ports.out.UserStatsStore.class, stores.userStats()),
                wrap(dev.recollect.ports.out.RateLimiter.class, stores.rateLimiter()),
                wrap(dev.recollect.ports.out.ReviewStore.class, stores.reviews()),
                wrap(dev.recollect.ports.out.ExclusiveLocks.class, stores.exclusiveLocks()));
    }
}
