package dev.recollect.adapters.jdbi.server;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Where a home's cluster lives: one home, one cluster, always.
 *
 * <p>The cluster lives in {@code HOME/postgres}. The one exception is a home that the server account cannot enter,
 * such as root's {@code ~/.recollect} (PostgreSQL refuses to run as root, so as root it runs as {@code postgres}).
 * Such a home's cluster lives under a persistent data root ({@code /var/lib/recollect} by default, never the temporary
 * directory), in a directory named after the home. The home records that mapping in {@value #MAPPING}, and the
 * cluster records its home in {@value #OWNER}, so that each can be found from the other and no two homes share one.
 *
 * @param home the home, absolute
 * @param directory the cluster's directory
 * @param insideHome whether the cluster is {@code HOME/postgres}, rather than mapped to the data root
 */
record ClusterLocation(Path home, Path directory, boolean insideHome) {
    /** The home's record of a cluster outside it. */
    static final String MAPPING = "embedded-cluster.properties";
    /** A mapped cluster's record of its home. */
    static final String OWNER = "recollect-home";

    /** Where the cluster is, or would be made, without creating anything. */
    static ClusterLocation peek(Path home, Path dataRoot, OsCommands commands) {
        Path absolute = home.toAbsolutePath().normalize();
        Optional<Path> mapped = readMapping(absolute);
        if (mapped.isPresent()) {
            return new ClusterLocation(absolute, mapped.get(), false);
        }
        Path inside = absolute.resolve("postgres");
        // As root, establish() opens the home itself to the server account when its parents let it in.
        if (Files.exists(inside.resolve("data/PG_VERSION"))
                || commands.runAs().isEmpty()
                || commands.serverAccountCanEnter(nearestExisting(absolute.getParent()))) {
            return new ClusterLocation(absolute, inside, true);
        }
        return new ClusterLocation(absolute, dataRoot.resolve(mappedName(absolute)), false);
    }

    /**
     * Where the cluster is, creating the directories (and, for a home the server account cannot enter, the mapping).
     * An earlier version's cluster in the temporary directory is copied here on the way ({@link LegacyCluster}).
     *
     * @param notices what people should be told, such as where their data went
     * @throws LocalPostgresException when the recorded cluster is missing, or claimed by another home
     */
    static ClusterLocation establish(Path home, Path dataRoot, OsCommands commands, Consumer<String> notices) {
        Path absolute = home.toAbsolutePath().normalize();
        createDirectories(absolute);
        Optional<Path> mapped = readMapping(absolute);
        if (mapped.isPresent()) {
            return adopt(absolute, mapped.get(), notices);
        }
        Path inside = absolute.resolve("postgres");
        boolean exists = Files.exists(inside.resolve("data/PG_VERSION"));
        if (commands.runAs().isPresent() && (exists || commands.serverAccountCanEnter(absolute.getParent()))) {
            OsCommands.makeTraversable(absolute);
        }
        if (exists || commands.serverAccountCanEnter(absolute)) {
            createDirectories(inside);
            if (commands.runAs().isPresent()) {
                OsCommands.makeTraversable(inside);
            }
            return new ClusterLocation(absolute, inside, true);
        }
        return map(absolute, dataRoot, commands, notices);
    }

    private static ClusterLocation map(Path home, Path dataRoot, OsCommands commands, Consumer<String> notices) {
        Path root = dataRoot.toAbsolutePath().normalize();
        createDirectories(root);
        OsCommands.makeTraversable(root);
        if (!commands.serverAccountCanEnter(root)) {
            throw new LocalPostgresException("the postgres account can enter neither " + home + " nor the data root "
                    + root + "; set RECOLLECT_HOME or RECOLLECT_DATA_ROOT to a directory it can enter");
        }
        Path cluster = root.resolve(mappedName(home));
        for (int n = 2; claimedByAnother(cluster, home); n++) {
            cluster = root.resolve(mappedName(home) + "-" + n);
        }
        createDirectories(cluster);
        OsCommands.makeTraversable(cluster);
        writeOwner(cluster, home);
        boolean copied = LegacyCluster.copyInto(home, cluster, commands, notices);
        writeMapping(home, cluster);
        if (!copied) {
            notices.accept("The postgres account cannot enter " + home + ", so its embedded database lives in "
                    + cluster + " (recorded in " + home.resolve(MAPPING) + ").");
        }
        return new ClusterLocation(home, cluster, false);
    }

    private static ClusterLocation adopt(Path home, Path cluster, Consumer<String> notices) {
        if (!Files.isDirectory(cluster)) {
            throw new LocalPostgresException("the embedded database of " + home + " should be in " + cluster
                    + " (as " + home.resolve(MAPPING) + " records), but that directory is missing. If it was moved,"
                    + " put it back; if it was deleted on purpose, delete " + home.resolve(MAPPING)
                    + " to start an empty one.");
        }
        Optional<Path> owner = readOwner(cluster);
        if (owner.isPresent() && !owner.get().equals(home)) {
            if (readMapping(owner.get()).filter(cluster::equals).isPresent()) {
                throw new LocalPostgresException("both " + home + " and " + owner.get() + " record " + cluster
                        + " as their embedded database, and a cluster belongs to one home. Use one of them, or"
                        + " delete " + home.resolve(MAPPING) + " to give " + home + " an empty database of its own.");
            }
            notices.accept("The embedded database in " + cluster + " belonged to " + owner.get()
                    + ", which no longer records it; it now belongs to " + home + ".");
        }
        if (owner.isEmpty() || !owner.get().equals(home)) {
            writeOwner(cluster, home);
        }
        return new ClusterLocation(home, cluster, false);
    }

    /** Whether {@code cluster} already belongs to a home other than {@code home}. */
    private static boolean claimedByAnother(Path cluster, Path home) {
        return Files.exists(cluster) && !readOwner(cluster).filter(home::equals).isPresent();
    }

    /** The home's name (made safe for a directory) and a digest of its path, so that two homes never collide. */
    static String mappedName(Path home) {
        Path name = home.getFileName();
        String readable = (name == null ? "home" : name.toString())
                .replaceAll("[^A-Za-z0-9._-]", "_")
                .replaceAll("^[._-]+", "");
        if (readable.isEmpty()) {
            readable = "home";
        }
        readable = readable.substring(0, Math.min(readable.length(), 40));
        return readable + "-" + Digests.of(home.toString()).substring(0, 12);
    }

    private static Optional<Path> readMapping(Path home) {
        return readProperty(home.resolve(MAPPING), "directory").map(Path::of);
    }

    private static Optional<Path> readOwner(Path cluster) {
        return readProperty(cluster.resolve(OWNER), "home").map(Path::of);
    }

    private static void writeMapping(Path home, Path cluster) {
        write(home.resolve(MAPPING), "directory", cluster, "The embedded database of this home lives outside it");
    }

    private static void writeOwner(Path cluster, Path home) {
        write(cluster.resolve(OWNER), "home", home, "The recollect home this embedded database belongs to");
    }

    private static Optional<String> readProperty(Path file, String name) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new LocalPostgresException("could not read " + file, e);
        }
        String value = properties.getProperty(name, "").strip();
        if (value.isEmpty()) {
            throw new LocalPostgresException(file + " names no " + name + "; restore it, or delete it to start over");
        }
        return Optional.of(value);
    }

    private static void write(Path file, String name, Path value, String comment) {
        try {
            AtomicFiles.write(file, "# " + comment + "\n" + name + "=" + escape(value.toString()) + "\n");
        } catch (IOException e) {
            throw new LocalPostgresException("could not write " + file, e);
        }
    }

    /** A path as a properties value: backslashes and leading spaces would otherwise be read differently. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(" ", "\\ ");
    }

    private static Path nearestExisting(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? path.getRoot() : existing;
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new LocalPostgresException("could not create " + directory, new UncheckedIOException(e));
        }
    }
}
