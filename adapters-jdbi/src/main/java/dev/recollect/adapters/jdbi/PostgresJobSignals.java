package dev.recollect.adapters.jdbi;

import dev.recollect.domain.JobId;
import dev.recollect.ports.out.JobSignals;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTEN/NOTIFY on a connection of its own: {@code recollect_job_created} wakes idle workers,
 * {@code recollect_job_cancelled} reaches the listeners of cancellations, {@code recollect_job_changed} (listened
 * to only once someone watches) reaches the watchers of progress, and {@code recollect_migration_steered} (migration
 * V12) wakes the migration workers waiting between batches or on a paused run. The triggers of migrations V3 and V10 send them, so
 * every process that changes a job notifies every worker. A listener thread polls the connection every 100 ms and
 * reconnects if the connection breaks, logging once per outage.
 */
final class PostgresJobSignals implements JobSignals {
    private static final Logger log = LoggerFactory.getLogger(PostgresJobSignals.class);
    private static final int POLL_MILLIS = 100;

    private final DataSource dataSource;
    private final Object monitor = new Object();
    private final List<Consumer<JobId>> cancelListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<JobId>> changeListeners = new CopyOnWriteArrayList<>();
    private volatile boolean watchChanges;
    private final Thread listener;
    private volatile boolean running = true;
    private long wakeups;
    private long steerings;

    PostgresJobSignals(DataSource dataSource) {
        this.dataSource = dataSource;
        Connection first = connect();
        this.listener = new Thread(() -> listen(first), "recollect-job-signals");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void awaitWork(Duration timeout) throws InterruptedException {
        awaitChange(() -> wakeups, timeout);
    }

    @Override
    public void awaitSteering(Duration timeout) throws InterruptedException {
        awaitChange(() -> steerings, timeout);
    }

    /** Waits until {@code count} (read under the monitor) changes, or {@code timeout} passes. */
    private void awaitChange(LongSupplier count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            long seen = count.getAsLong();
            long remaining;
            while (count.getAsLong() == seen && (remaining = deadline - System.nanoTime()) > 0) {
                monitor.wait(Math.max(1, remaining / 1_000_000));
            }
        }
    }

    @Override
    public AutoCloseable onCancelled(Consumer<JobId> cancelListener) {
        cancelListeners.add(cancelListener);
        return () -> cancelListeners.remove(cancelListener);
    }

    @Override
    public AutoCloseable onChanged(Consumer<JobId> changeListener) {
        changeListeners.add(changeListener);
        // The listener thread owns the connection, so it issues the LISTEN itself, at its next poll.
        watchChanges = true;
        return () -> changeListeners.remove(changeListener);
    }

    @Override
    public void close() {
        running = false;
        listener.interrupt();
        try {
            listener.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Connection connect() {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN recollect_job_created");
                statement.execute("LISTEN recollect_job_cancelled");
                statement.execute("LISTEN recollect_migration_steered");
            }
            return connection;
        } catch (SQLException e) {
            throw new PersistenceException("could not LISTEN for job signals: " + e.getMessage(), e);
        }
    }

    private void listen(Connection initial) {
        Connection connection = initial;
        boolean listeningToChanges = false;
        while (running) {
            try {
                if (watchChanges && !listeningToChanges) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("LISTEN recollect_job_changed");
                    }
                    listeningToChanges = true;
                }
                PGNotification[] notifications =
                        connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        dispatch(notification);
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    break;
                }
                log.warn("Job signals lost their connection; reconnecting: {}", e.getMessage());
                closeQuietly(connection);
                connection = reconnect();
                listeningToChanges = false;
                if (connection != null) {
                    log.warn("Job signals reconnected");
                }
            }
        }
        closeQuietly(connection);
    }

    private Connection reconnect() {
        while (running) {
            try {
                return connect();
            } catch (PersistenceException e) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return null;
    }

    private void dispatch(PGNotification notification) {
        if (notification.getName().equals("recollect_job_cancelled")) {
            JobId id = new JobId(UUID.fromString(notification.getParameter()));
            cancelListeners.forEach(l -> l.accept(id));
            changeListeners.forEach(l -> l.accept(id));
        } else if (notification.getName().equals("recollect_migration_steered")) {
            synchronized (monitor) {
                steerings++;
                monitor.notifyAll();
            }
        } else if (notification.getName().equals("recollect_job_changed")) {
            JobId id = new JobId(UUID.fromString(notification.getParameter()));
            changeListeners.forEach(l -> l.accept(id));
        } else {
            synchronized (monitor) {
                wakeups++;
                monitor.notifyAll();
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing the signals connection failed", e);
        }
    }
}
