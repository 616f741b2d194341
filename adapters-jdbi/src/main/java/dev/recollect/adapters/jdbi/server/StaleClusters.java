package dev.recollect.adapters.jdbi.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ephemeral clusters record the JVM that owns them. A JVM killed with SIGKILL cannot stop its server, so the next
 * start in the same base directory stops every server whose owner is gone and deletes its cluster.
 */
final class StaleClusters {
    private static final Logger log = LoggerFactory.getLogger(StaleClusters.class);
    private static final String OWNER_FILE = "owner.pid";

    private StaleClusters() {}

    static void claim(Path cluster) throws IOException {
        Files.writeString(
                cluster.resolve(OWNER_FILE),
                Long.toString(ProcessHandle.current().pid()));
    }

    static void reap(Path base) {
        try (Stream<Path> clusters = Files.list(base)) {
            for (Path cluster : clusters.filter(c -> Files.isRegularFile(c.resolve(OWNER_FILE)))
                    .toList()) {
                if (ownerIsGone(cluster)) {
                    log.warn("Stopping PostgreSQL left behind in {} by a JVM that is gone", cluster);
                    postmasterPid(cluster.resolve("data"))
                            .flatMap(ProcessHandle::of)
                            .ifPresent(StaleClusters::stop);
                    delete(cluster);
                }
            }
        } catch (IOException e) {
            log.warn("Could not look for stale clusters in {}", base, e);
        }
    }

    /**
     * Stops the postmaster that {@code data}'s lock file names, if it is still running and is a PostgreSQL server;
     * a pid that the system reused for another program is left alone.
     */
    static void stopLeftover(Path data) {
        postmasterPid(data)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().command().orElse("").contains("postgres"))
                .ifPresent(postmaster -> {
                    log.warn("Stopping PostgreSQL {} left running in {}", postmaster.pid(), data);
                    stop(postmaster);
                });
    }

    private static boolean ownerIsGone(Path cluster) throws IOException {
        String owner = Files.readString(cluster.resolve(OWNER_FILE), StandardCharsets.UTF_8)
                .trim();
        try {
            return ProcessHandle.of(Long.parseLong(owner))
                    .map(h -> !h.isAlive())
                    .orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static void stop(ProcessHandle postmaster) {
        // SIGTERM is a smart shutdown; its clients died with their JVM, so it finishes promptly.
        postmaster.destroy();
        try {
            postmaster.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            postmaster.destroyForcibly();
        }
    }

    static Optional<Long> postmasterPid(Path data) {
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("Could not delete {}", directory, e);
        }
    }
}
