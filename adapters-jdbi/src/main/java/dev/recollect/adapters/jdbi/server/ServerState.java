package dev.recollect.adapters.jdbi.server;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What the keeper of a home's shared server writes once the server accepts connections, and deletes when it stops
 * it: who keeps it, which postmaster, on which port.
 *
 * @param keeperPid the keeper's process id
 * @param keeperStart when the keeper's process started, to tell it from a later process with the same pid
 * @param postmasterPid the postmaster's process id
 * @param port the port on 127.0.0.1
 * @param clusterDirectory the cluster's directory
 * @param binDirectory the directory of {@code pg_ctl}, to stop the server with
 * @param binaries where the binaries came from, for people
 * @param startedAt when the keeper took charge of the server
 * @param adopted whether the keeper found the server already running (its previous keeper was killed)
 */
record ServerState(
        long keeperPid,
        Optional<Instant> keeperStart,
        long postmasterPid,
        int port,
        Path clusterDirectory,
        Path binDirectory,
        String binaries,
        Instant startedAt,
        boolean adopted) {

    /** Whether the keeper that wrote this still runs: its pid is alive and started when it said. */
    boolean keeperAlive() {
        return ProcessHandle.of(keeperPid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> keeperStart.isEmpty()
                        || handle.info()
                                .startInstant()
                                .map(keeperStart.get()::equals)
                                .orElse(true))
                .isPresent();
    }

    /** Whether the postmaster this names still runs in its cluster. */
    boolean serverAlive() {
        return Postmaster.running(clusterDirectory.resolve("data"))
                .filter(postmaster -> postmaster.pid() == postmasterPid)
                .isPresent();
    }

    static Optional<ServerState> read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            String start = p.getProperty("keeper.start", "");
            return Optional.of(new ServerState(
                    Long.parseLong(p.getProperty("keeper.pid")),
                    start.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(start)),
                    Long.parseLong(p.getProperty("postmaster.pid")),
                    Integer.parseInt(p.getProperty("port")),
                    Path.of(p.getProperty("cluster")),
                    Path.of(p.getProperty("bin")),
                    p.getProperty("binaries", ""),
                    Instant.parse(p.getProperty("started")),
                    Boolean.parseBoolean(p.getProperty("adopted"))));
        } catch (RuntimeException e) {
            // Half-written by a keeper that was killed: as good as absent.
            return Optional.empty();
        }
    }

    /** Writes the state to {@code file} atomically: readers see the old file or the new one, never a part. */
    void write(Path file) {
        Properties p = new Properties();
        p.setProperty("keeper.pid", Long.toString(keeperPid));
        p.setProperty("keeper.start", keeperStart.map(Instant::toString).orElse(""));
        p.setProperty("postmaster.pid", Long.toString(postmasterPid));
        p.setProperty("port", Integer.toString(port));
        p.setProperty("cluster", clusterDirectory.toString());
        p.setProperty("bin", binDirectory.toString());
        p.setProperty("binaries", binaries);
        p.setProperty("started", startedAt.toString());
        p.setProperty("adopted", Boolean.toString(adopted));
        StringWriter text = new StringWriter();
        try {
            p.store(text, "The shared PostgreSQL of this home; written by its keeper, deleted when it stops");
            AtomicFiles.write(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
