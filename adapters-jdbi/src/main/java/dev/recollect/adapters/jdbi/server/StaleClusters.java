package dev.recollect.adapters.jdbi.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throwaway clusters record the JVM that owns them: its pid and the instant it started, so that a later process
 * given the same pid is not mistaken for it. A JVM killed with SIGKILL cannot stop its server, so the next start
 * stops every server whose owner is gone and deletes its cluster: in its own base directory, and among the
 * directories with {@value #TEMPORARY_PREFIX} in the temporary directory. Nothing else is ever touched: a directory
 * without an owner file in this format is not a throwaway cluster.
 */
final class StaleClusters {
    /** The prefix of the directories in the temporary directory that hold one throwaway cluster each. */
    static final String TEMPORARY_PREFIX = "recollect-ephemeral-";

    private static final Logger log = LoggerFactory.getLogger(StaleClusters.class);
    private static final String OWNER_FILE = "owner.pid";

    private StaleClusters() {}

    /** Records this JVM as the owner of {@code directory}. */
    static void claim(Path directory) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(
                directory.resolve(OWNER_FILE),
                self.pid() + " "
                        + self.info().startInstant().map(Instant::toString).orElse("-"));
    }

    /** Stops and deletes the clusters under {@code base} whose owner is gone. */
    static void reap(Path base) {
        try (Stream<Path> clusters = Files.list(base)) {
            for (Path cluster : clusters.filter(StaleClusters::orphaned).toList()) {
                log.warn("Stopping PostgreSQL left behind in {} by a JVM that is gone", cluster);
                Postmaster.running(cluster.resolve("data")).ifPresent(Postmaster::terminate);
                delete(cluster);
            }
        } catch (IOException e) {
            log.warn("Could not look for stale clusters in {}", base, e);
        }
    }

    /** Stops and deletes the throwaway clusters of the temporary directory whose owner is gone. */
    static void reapTemporary(Path temporary) {
        try (Stream<Path> bases = Files.list(temporary)) {
            for (Path base : bases.filter(b -> b.getFileName().toString().startsWith(TEMPORARY_PREFIX))
                    .filter(StaleClusters::orphaned)
                    .toList()) {
                stopServersIn(base);
                delete(base);
            }
        } catch (IOException e) {
            log.warn("Could not look for stale clusters in {}", temporary, e);
        }
    }

    /** Stops every server of a cluster directly under {@code base}: throwaway ones, and shared ones made there. */
    static void stopServersIn(Path base) {
        try (Stream<Path> clusters = Files.list(base)) {
            for (Path cluster : clusters.toList()) {
                Postmaster.running(cluster.resolve("data")).ifPresent(postmaster -> {
                    log.warn(
                            "Stopping PostgreSQL {} left behind in {} by a JVM that is gone",
                            postmaster.pid(),
                            cluster);
                    postmaster.terminate();
                });
            }
        } catch (IOException e) {
            log.warn("Could not look for servers in {}", base, e);
        }
    }

    /** Whether {@code directory} has an owner file, and its owner is gone. */
    static boolean orphaned(Path directory) {
        Path file = directory.resolve(OWNER_FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        String[] owner;
        try {
            owner = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
        } catch (IOException e) {
            return false;
        }
        Optional<ProcessHandle> process;
        try {
            process = ProcessHandle.of(Long.parseLong(owner[0])).filter(ProcessHandle::isAlive);
        } catch (NumberFormatException e) {
            return false;
        }
        if (process.isEmpty()) {
            return true;
        }
        String started = owner.length > 1 ? owner[1] : "-";
        return !started.equals("-")
                && !process.get()
                        .info()
                        .startInstant()
                        .map(Instant::toString)
                        .orElse("-")
                        .equals(started);
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
