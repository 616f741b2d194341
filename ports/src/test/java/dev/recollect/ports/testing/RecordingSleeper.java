package dev.recollect.ports.testing;

import dev.recollect.ports.out.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the waits it is asked for and advances a {@link MutableClock} instead of sleeping. */
public final class RecordingSleeper implements Sleeper {
    private final MutableClock clock;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private volatile Runnable onSleep = () -> {};

    /** A sleeper that moves {@code clock}. */
    public RecordingSleeper(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        clock.advance(duration);
        onSleep.run();
    }

    /** Runs {@code hook} during every wait, as if something happened meanwhile. */
    public void onSleep(Runnable hook) {
        this.onSleep = hook;
    }

    /** The waits so far, in order. */
    public List<Duration> waits() {
        return List.copyOf(waits);
    }
}
