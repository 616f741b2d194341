package dev.recollect.adapters.jdbi.server;

import dev.recollect.ports.out.RecollectException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Starts a {@link ServerKeeper} in a JVM of its own and waits for its one report.
 *
 * <p>The keeper is detached from the command: a session of its own ({@code setsid}, where the system has it) so that
 * Ctrl-C on the command does not reach it, standard input from {@code /dev/null}, its log appended to
 * {@code run/keeper.log}. It runs from copies of the two jars it needs, kept under {@code run/keeper-lib} by content,
 * so that rebuilding Recollect while a keeper runs cannot change the classes under its feet.
 */
final class KeeperProcess {
    /** The classes whose jars the keeper needs: this adapter's, and the ports' exception root. */
    private static final List<Class<?>> ANCHORS = List.of(ServerKeeper.class, RecollectException.class);

    private static final Duration REPORT_MARGIN = Duration.ofSeconds(30);

    private KeeperProcess() {}

    /**
     * Starts a keeper for {@code cluster} and returns the state it wrote once the server was ready.
     *
     * @throws LocalPostgresException with the keeper's reason, when it could not start or adopt the server
     */
    static ServerState spawn(RunDirectory run, Cluster cluster, Duration grace, Duration startTimeout) {
        List<String> command = new ArrayList<>();
        setsid().ifPresent(command::add);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m",
                "-Xss512k",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-cp",
                String.join(File.pathSeparator, classPath(run.keeperLibraries())),
                ServerKeeper.class.getName(),
                run.root().getParent().toString(),
                cluster.directory().toString(),
                cluster.binaries().binDirectory().toString(),
                cluster.binaries().origin(),
                Long.toString(grace.toMillis()),
                Long.toString(startTimeout.toMillis())));
        Process keeper;
        try {
            keeper = new ProcessBuilder(command)
                    .directory(run.root().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(
                            ProcessBuilder.Redirect.appendTo(run.keeperLog().toFile()))
                    .start();
        } catch (IOException e) {
            throw new LocalPostgresException("could not start the keeper of the embedded PostgreSQL", e);
        }
        String report = awaitReport(keeper, startTimeout.plus(REPORT_MARGIN), run);
        if (!report.equals(ServerKeeper.READY)) {
            throw new LocalPostgresException(
                    report.substring(ServerKeeper.FAILED.length()) + " (keeper log: " + run.keeperLog() + ")");
        }
        return run.state()
                .orElseThrow(() ->
                        new LocalPostgresException("the keeper reported ready but wrote no state in " + run.root()));
    }

    private static String awaitReport(Process keeper, Duration timeout, RunDirectory run) {
        InputStream out = keeper.getInputStream();
        CompletableFuture<Optional<String>> report = CompletableFuture.supplyAsync(() -> firstReport(out));
        try {
            Optional<String> line = report.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return line.orElseThrow(() -> new LocalPostgresException(
                    "the keeper of the embedded PostgreSQL ended without a report; see " + run.keeperLog()));
        } catch (TimeoutException e) {
            keeper.destroyForcibly();
            throw new LocalPostgresException("the keeper of the embedded PostgreSQL did not report within " + timeout
                    + "; see " + run.keeperLog());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalPostgresException("interrupted while the embedded PostgreSQL was starting");
        } catch (ExecutionException e) {
            throw new LocalPostgresException("could not read the keeper's report", e.getCause());
        } finally {
            closeQuietly(out);
        }
    }

    private static Optional<String> firstReport(InputStream out) {
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.equals(ServerKeeper.READY) || line.startsWith(ServerKeeper.FAILED)) {
                    return Optional.of(line);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The keeper's class path: each anchor's jar copied under {@code libraries}, or its class directory as is. */
    static List<String> classPath(Path libraries) {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> anchor : ANCHORS) {
            Path source = codeSource(anchor);
            entries.add(Files.isRegularFile(source) ? copy(source, libraries).toString() : source.toString());
        }
        return List.copyOf(entries);
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new LocalPostgresException("could not find the jar of " + type.getName(), e);
        }
    }

    /** A copy named by content, made once; copies of other versions are deleted. */
    private static Path copy(Path jar, Path libraries) {
        String name = jar.getFileName().toString();
        try {
            Files.createDirectories(libraries);
            String suffix = "-" + name;
            Path copy = libraries.resolve(Digests.of(jar).substring(0, 16) + suffix);
            if (!Files.exists(copy)) {
                Path temporary = Files.createTempFile(libraries, ".", ".jar");
                Files.copy(jar, temporary, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temporary, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                // A keeper still running from an older copy keeps its open file; the name alone goes.
                try (Stream<Path> older = Files.list(libraries)) {
                    for (Path stale : older.filter(
                                    p -> p.getFileName().toString().endsWith(suffix))
                            .filter(p -> !p.equals(copy))
                            .toList()) {
                        Files.deleteIfExists(stale);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new LocalPostgresException("could not copy " + jar + " for the keeper into " + libraries, e);
        }
    }

    private static Optional<String> setsid() {
        return Stream.of("/usr/bin/setsid", "/bin/setsid")
                .filter(path -> Files.isExecutable(Path.of(path)))
                .findFirst();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // The keeper writes nothing more to it.
        }
    }
}
