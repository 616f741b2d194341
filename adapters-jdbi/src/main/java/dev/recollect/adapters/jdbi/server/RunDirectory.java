package dev.recollect.adapters.jdbi.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code RECOLLECT_HOME/run}: how the processes of one home share its server. It holds the lock under which the
 * server starts and stops ({@code server.lock}), the keeper's state ({@code server.properties}), one file per user
 * ({@code users/}), the pin of {@code db start} ({@code pinned}) and the keeper's own log.
 */
final class RunDirectory {
    private final Path root;

    RunDirectory(Path home) {
        this.root = home.resolve("run");
    }

    Path root() {
        return root;
    }

    Path stateFile() {
        return root.resolve("server.properties");
    }

    Path keeperLog() {
        return root.resolve("keeper.log");
    }

    Path keeperLibraries() {
        return root.resolve("keeper-lib");
    }

    Path users() {
        return root.resolve("users");
    }

    /** Takes the home's lock, waiting for another process that holds it. */
    HomeLock lock() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new LocalPostgresException("could not create " + root, e);
        }
        return HomeLock.acquire(root.resolve("server.lock"));
    }

    Optional<ServerState> state() {
        return ServerState.read(stateFile());
    }

    void deleteState() {
        delete(stateFile());
    }

    Registrations registrations() {
        return new Registrations(users());
    }

    boolean pinned() {
        return Files.exists(root.resolve("pinned"));
    }

    /** Keeps the server running with no user, until {@link #unpin()}. */
    void pin(Instant at) {
        try {
            AtomicFiles.write(root.resolve("pinned"), "db start at " + at + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void unpin() {
        delete(root.resolve("pinned"));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
