package dev.recollect.adapters.jdbi.testing;

import dev.recollect.adapters.jdbi.server.LocalPostgres;
import dev.recollect.adapters.jdbi.server.SharedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Homes for tests of the shared embedded server, each new: under {@code target/homes}, with a name no earlier run
 * used, and one data root per JVM in the temporary directory (for a checkout the {@code postgres} account cannot
 * enter, as root), which {@link LocalPostgres#scratchDirectory()} cleans when the JVM ends. Nothing a run leaves can
 * meet the next one.
 */
public final class TestHomes {
    private static volatile Path dataRoot;

    private TestHomes() {}

    /** Settings for a new home named after {@code name}, with a one-second idle grace. */
    public static SharedPostgres.Settings create(String name) {
        Path home = Path.of(
                        System.getProperty("recollect.test.workdir", "target"), "homes", name + "-" + UUID.randomUUID())
                .toAbsolutePath();
        try {
            Files.createDirectories(home.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SharedPostgres.Settings.of(home).withDataRoot(dataRoot()).withIdleGrace(Duration.ofSeconds(1));
    }

    /** The environment of a {@code recollect} process for {@code settings}: the process's own, with the home's. */
    public static Map<String, String> environment(SharedPostgres.Settings settings) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("RECOLLECT_DATABASE_URL");
        env.remove("GEMINI_API_KEY");
        env.put("RECOLLECT_HOME", settings.home().toString());
        env.put("RECOLLECT_DATA_ROOT", settings.dataRoot().toString());
        env.put("RECOLLECT_DB_IDLE", settings.idleGrace().toSeconds() + "s");
        return env;
    }

    /** Stops the home's server, whoever uses it, so that the test leaves no server behind. */
    public static void stop(SharedPostgres.Settings settings) {
        SharedPostgres.stop(settings, true);
    }

    private static Path dataRoot() {
        Path root = dataRoot;
        if (root == null) {
            synchronized (TestHomes.class) {
                root = dataRoot;
                if (root == null) {
                    root = dataRoot = LocalPostgres.scratchDirectory();
                }
            }
        }
        return root;
    }
}
