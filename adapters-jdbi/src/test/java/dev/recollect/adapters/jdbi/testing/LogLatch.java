package dev.recollect.adapters.jdbi.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Waits for a log line: a test synchronises on an event the code reports (PostgreSQL went away, say) rather than on
 * time. Attach it to a logger, await, then close it.
 */
public final class LogLatch extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final String fragment;
    private final Logger logger;
    private final CountDownLatch seen = new CountDownLatch(1);
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogLatch(Class<?> source, String fragment) {
        this.fragment = fragment;
        this.logger = (Logger) LoggerFactory.getLogger(source);
        setContext(logger.getLoggerContext());
        start();
        logger.addAppender(this);
    }

    /** A latch that opens when {@code source}'s logger writes a line containing {@code fragment}. */
    public static LogLatch on(Class<?> source, String fragment) {
        return new LogLatch(source, fragment);
    }

    @Override
    protected void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        lines.add(message);
        if (message.contains(fragment)) {
            seen.countDown();
        }
    }

    /** Waits for the line; the bound only keeps a broken build from hanging. */
    public boolean await() throws InterruptedException {
        return seen.await(2, TimeUnit.MINUTES);
    }

    /** Every line the logger wrote while attached. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
