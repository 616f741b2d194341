package dev.recollect.ports.testing;

import dev.recollect.domain.JobId;
import dev.recollect.ports.out.JobSignals;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Signals a test sends by hand; waiting for work runs a hook instead of waiting. Thread-safe. */
public final class ManualJobSignals implements JobSignals {
    private final List<Consumer<JobId>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<JobId>> watchers = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private volatile Runnable onWait = () -> {};

    @Override
    public void awaitWork(Duration timeout) {
        waits.add(timeout);
        onWait.run();
    }

    /** Runs {@code hook} whenever a worker waits for work. */
    public void onWait(Runnable hook) {
        this.onWait = hook;
    }

    /** The waits so far. */
    public List<Duration> waits() {
        return List.copyOf(waits);
    }

    /** Tells every listener that {@code id} was cancelled. */
    public void cancelled(JobId id) {
        listeners.forEach(l -> l.accept(id));
    }

    @Override
    public AutoCloseable onCancelled(Consumer<JobId> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Tells every watcher that {@code id} changed. */
    public void changed(JobId id) {
        watchers.forEach(w -> w.accept(id));
    }

    @Override
    public AutoCloseable onChanged(Consumer<JobId> watcher) {
        watchers.add(watcher);
        return () -> watchers.remove(watcher);
    }

    /** How many watch changes. */
    public int watchers() {
        return watchers.size();
    }

    /** How many listen for cancellations. */
    public int listeners() {
        return listeners.size();
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
