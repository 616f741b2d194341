package dev.recollect.ports.service;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Says once that a store became unreachable and once that it answers again, however many calls fail in between: an
 * outage is one event for the operator, not a line per retry.
 */
final class Outage {
    private final Logger log;
    private final String what;
    private final AtomicBoolean down = new AtomicBoolean();

    Outage(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    /** A call failed because the store is unreachable. */
    void failed(RuntimeException e) {
        if (down.compareAndSet(false, true)) {
            log.warn("{} is unreachable; waiting for it to answer again: {}", what, e.getMessage());
        }
    }

    /** A call succeeded. */
    void answered() {
        if (down.compareAndSet(true, false)) {
            log.warn("{} answers again", what);
        }
    }
}
