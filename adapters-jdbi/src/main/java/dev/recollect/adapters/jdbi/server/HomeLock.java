package dev.recollect.adapters.jdbi.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock under which a home's shared server is started, adopted or stopped, and users join it: an exclusive lock on
 * a file for other processes, and a lock of this JVM for its own threads (a file lock is held by the process, and a
 * second thread asking for it would fail rather than wait). Held for milliseconds, or for a server's start-up.
 */
final class HomeLock implements AutoCloseable {
    private static final ConcurrentMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for the lock on {@code file}, creating the file if needed. */
    static HomeLock acquire(Path file) {
        ReentrantLock local =
                IN_THIS_JVM.computeIfAbsent(file.toAbsolutePath().normalize(), path -> new ReentrantLock());
        local.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new HomeLock(local, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            local.unlock();
            throw new LocalPostgresException("could not lock " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel releases it all the same.
        } finally {
            closeQuietly(channel);
            local.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written through it.
        }
    }
}
