package dev.recollect.adapters.jdbi.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a postmaster says about itself in its data directory's {@code postmaster.pid}: its process, its data
 * directory, its port and its status ({@code starting}, {@code ready} or {@code stopping}).
 *
 * <p>PostgreSQL writes that file while it runs and removes it when it stops; a file left by a server that was killed
 * names a process that is gone, or one the system has since given to another program. {@link #running} tells them
 * apart, so that nothing but a PostgreSQL server of this very data directory is ever adopted or stopped.
 *
 * @param pid the postmaster's process id
 * @param dataDirectory the data directory the file lives in, as the server wrote it
 * @param startedAt when it started; the epoch while unknown
 * @param port the TCP port it listens on; 0 while unknown
 * @param status its status word; empty while unknown
 */
record Postmaster(long pid, Path dataDirectory, Instant startedAt, int port, String status) {
    private static final int PID = 0;
    private static final int DATA = 1;
    private static final int START = 2;
    private static final int PORT = 3;
    private static final int STATUS = 7;

    /** The postmaster that {@code data}'s lock file names, whether or not it still runs. */
    static Optional<Postmaster> read(Path data) {
        List<String> lines;
        try {
            lines = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(PID).trim());
            Path directory = lines.size() > DATA ? Path.of(lines.get(DATA).trim()) : data;
            Instant startedAt = lines.size() > START
                    ? Instant.ofEpochSecond(Long.parseLong(lines.get(START).trim()))
                    : Instant.EPOCH;
            int port = lines.size() > PORT ? Integer.parseInt(lines.get(PORT).trim()) : 0;
            String status = lines.size() > STATUS ? lines.get(STATUS).trim() : "";
            return Optional.of(new Postmaster(pid, directory, startedAt, port, status));
        } catch (RuntimeException e) {
            // Empty, half-written or not PostgreSQL's: nothing can be said about a server.
            return Optional.empty();
        }
    }

    /**
     * The postmaster of {@code data}, if one runs: its process is alive, is a PostgreSQL program, and its lock file
     * names this very directory.
     */
    static Optional<Postmaster> running(Path data) {
        return read(data).filter(p -> p.isOf(data)).filter(Postmaster::alive);
    }

    /** Whether the file names {@code data}, compared by real path when both exist. */
    boolean isOf(Path data) {
        try {
            return Files.isSameFile(dataDirectory, data);
        } catch (IOException e) {
            return dataDirectory
                    .toAbsolutePath()
                    .normalize()
                    .equals(data.toAbsolutePath().normalize());
        }
    }

    /** Whether the process still runs and is a PostgreSQL server rather than a program that reused its pid. */
    boolean alive() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(handle -> handle.info().command().orElse("").contains("postgres"))
                .orElse(false);
    }

    /** Whether the server accepts connections. */
    boolean ready() {
        return status.equals("ready");
    }

    /** The process, while it runs. */
    Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    /**
     * Stops a server whose owner is gone: SIGTERM asks for a smart shutdown, which is prompt since its clients are
     * gone too; one that does not stop within 20 s is killed.
     */
    void terminate() {
        process().ifPresent(handle -> {
            handle.destroy();
            try {
                handle.onExit().get(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.destroyForcibly();
            } catch (ExecutionException | TimeoutException e) {
                handle.destroyForcibly();
            }
        });
    }
}
