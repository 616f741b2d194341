package dev.recollect.adapters.jdbi.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The cluster of an earlier version, which kept the cluster of a home that the server account could not enter in
 * the temporary directory ({@code java.io.tmpdir/recollect-postgres-ACCOUNT/postgres}), shared by every such home.
 *
 * <p>A home that used it (the earlier version left {@code embedded.lock} in every home it used) gets a copy of it on
 * first use: copied while no server runs on it, checked file by file (path, size and SHA-256), and only then put in
 * place. The original is never changed or deleted: other homes of the machine may still need their copy, and a person
 * should decide when it goes. A note in it says where it was copied.
 */
final class LegacyCluster {
    /** What the earlier version left in each home it used. */
    static final String LEGACY_MARKER = "embedded.lock";

    /** Files of a running server that a stopped cluster must not carry. */
    private static final Set<String> RUNTIME_FILES = Set.of("postmaster.pid", "postmaster.opts");

    private LegacyCluster() {}

    /** Where the earlier version kept the cluster when running as root with {@code account} as the server account. */
    static Path location(String account) {
        return Path.of(System.getProperty("java.io.tmpdir"), "recollect-postgres-" + account, "postgres");
    }

    /**
     * Copies the earlier version's cluster into {@code cluster}'s {@code data}, if {@code home} used it.
     *
     * @return whether a cluster was copied
     * @throws LocalPostgresException when the old cluster is running, or the copy differs from it
     */
    static boolean copyInto(Path home, Path cluster, OsCommands commands, Consumer<String> notices) {
        if (commands.runAs().isEmpty() || !Files.exists(home.resolve(LEGACY_MARKER))) {
            return false;
        }
        Path legacy = location(commands.runAs().get());
        Path source = legacy.resolve("data");
        if (!Files.exists(source.resolve("PG_VERSION"))) {
            return false;
        }
        Path target = cluster.resolve("data");
        if (Files.exists(target.resolve("PG_VERSION"))) {
            return false;
        }
        Postmaster.running(source).ifPresent(postmaster -> {
            throw new LocalPostgresException("the embedded database that an earlier recollect kept in " + legacy
                    + " is running as process " + postmaster.pid() + "; stop it (kill " + postmaster.pid()
                    + ") and run the command again, and it will be copied to " + cluster);
        });
        Path copying = cluster.resolve("data.copying");
        try {
            StaleClusters.delete(copying);
            copy(source, copying);
            Map<String, String> expected = digests(source);
            Map<String, String> actual = digests(copying);
            if (!expected.equals(actual)) {
                StaleClusters.delete(copying);
                throw new LocalPostgresException("the copy of " + source + " differs from it; nothing was changed,"
                        + " and the original is where it was");
            }
            commands.handOver(copying);
            Files.move(copying, target, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(
                    legacy.resolve("COPIED-BY-RECOLLECT.txt"),
                    Instant.now() + " copied to " + cluster + " for " + home + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            Files.deleteIfExists(home.resolve(LEGACY_MARKER));
        } catch (IOException e) {
            StaleClusters.delete(copying);
            throw new LocalPostgresException(
                    "could not copy the embedded database from " + source + " to " + cluster
                            + "; the original is untouched",
                    e);
        }
        notices.accept("Your embedded database was in " + legacy + ", in the temporary directory, which the system"
                + " may clean. It has been copied to " + cluster + " and checked file by file; that is where it"
                + " lives now. The old copy is left as it was: delete it once you no longer need it.");
        return true;
    }

    /** Copies the tree with its modes and owners, parents first; runtime files stay behind. */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                if (!isRuntimeFile(from, path)) {
                    Files.copy(
                            path,
                            to.resolve(from.relativize(path).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES,
                            LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /** Every file's digest by its relative path (symbolic links by their target), runtime files left out. */
    static Map<String, String> digests(Path root) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                String relative = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    digests.put(relative, "link:" + Files.readSymbolicLink(path));
                } else if (Files.isRegularFile(path) && !isRuntimeFile(root, path)) {
                    digests.put(relative, Files.size(path) + ":" + Digests.of(path));
                } else if (Files.isDirectory(path)) {
                    digests.put(relative, "directory");
                }
            }
        }
        return digests;
    }

    private static boolean isRuntimeFile(Path root, Path file) {
        return file.getParent().equals(root)
                && RUNTIME_FILES.contains(file.getFileName().toString());
    }
}
