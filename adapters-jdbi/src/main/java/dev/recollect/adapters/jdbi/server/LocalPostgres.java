package dev.recollect.adapters.jdbi.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway PostgreSQL server on this machine, started and stopped by this JVM: the database of the tests and the
 * benchmarks. (The CLI's persistent, shared server is {@link SharedPostgres}.)
 *
 * <p>Binaries come from the machine or, where it has none, from the bundled artifact ({@link BinarySource}). The
 * server listens on 127.0.0.1 only, with no Unix socket. When this JVM runs as root, PostgreSQL (which refuses root)
 * runs as an unprivileged account. Every cluster lives in a fresh directory of its own, which {@link #close()} deletes;
 * when the server account cannot enter the base directory (a checkout under {@code /root}, say), that directory is a
 * fresh one in the temporary directory instead, unique to this server and deleted with it. A cluster left behind by a
 * JVM that was killed is stopped and deleted by the next start, which can tell it by its owner file.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class LocalPostgres implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    private static final String READY = "database system is ready to accept connections";
    private static final int PORT_ATTEMPTS = 5;
    private static final int LOG_TAIL_LINES = 40;

    private final Options options;
    private final OsCommands commands;
    private final PostgresBinaries binaries;
    private final Path clusterDirectory;
    private final Path ownedBase;
    private final Path dataDirectory;
    private final int port;
    private Process process;
    private final Thread shutdownHook;
    private boolean closed;

    /**
     * What to start.
     *
     * @param baseDirectory where clusters (and unpacked bundled binaries) live
     * @param source where the binaries come from
     * @param superuser the database superuser that {@code initdb} creates
     * @param settings server settings passed as {@code -c name=value}, on top of the defaults
     * @param startTimeout how long to wait for the server to accept connections
     */
    public record Options(
            Path baseDirectory,
            BinarySource source,
            String superuser,
            Map<String, String> settings,
            Duration startTimeout) {
        /** Requires every option, and copies the settings. */
        public Options {
            Objects.requireNonNull(baseDirectory, "baseDirectory");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(superuser, "superuser");
            Objects.requireNonNull(startTimeout, "startTimeout");
            settings = Map.copyOf(settings);
        }

        /** A cluster under {@code baseDirectory}, tuned for tests: no fsync, no synchronous commit. */
        public static Options ephemeralForTests(Path baseDirectory) {
            return new Options(
                    baseDirectory,
                    BinarySource.AUTO,
                    "recollect",
                    Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"),
                    Duration.ofSeconds(60));
        }

        /** The same options with another binary source. */
        public Options withSource(BinarySource newSource) {
            return new Options(baseDirectory, newSource, superuser, settings, startTimeout);
        }
    }

    private LocalPostgres(
            Options options,
            OsCommands commands,
            PostgresBinaries binaries,
            Path clusterDirectory,
            Path ownedBase,
            int port,
            Process process) {
        this.options = options;
        this.commands = commands;
        this.binaries = binaries;
        this.clusterDirectory = clusterDirectory;
        this.ownedBase = ownedBase;
        this.dataDirectory = clusterDirectory.resolve("data");
        this.port = port;
        this.process = process;
        this.shutdownHook = new Thread(this::close, "local-postgres-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server in a new cluster.
     *
     * @throws LocalPostgresException with the server's own words when it cannot start
     */
    public static LocalPostgres start(Options options) {
        OsCommands commands = OsCommands.forCurrentUser();
        Path requested = createBase(options.baseDirectory());
        StaleClusters.reap(requested);
        StaleClusters.reapTemporary(temporaryDirectory());
        Path ownedBase = reachable(requested, commands) ? null : temporaryBase();
        if (ownedBase != null) {
            log.info("the server account cannot enter {}; this cluster lives in {}", requested, ownedBase);
        }
        Path base = ownedBase != null ? ownedBase : requested;
        try {
            PostgresBinaries binaries = PostgresBinaries.locate(options.source(), base.resolve("binaries"));
            Path cluster = newCluster(base);
            Cluster.initdb(binaries, commands, cluster.resolve("data"), options.superuser(), List.of("-A", "trust"));
            LocalPostgresException last = null;
            for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
                int port = Cluster.freePort();
                try {
                    Process process = launch(binaries, commands, cluster, port, options);
                    log.info("PostgreSQL ({}) ready on 127.0.0.1:{} in {}", binaries.origin(), port, cluster);
                    return new LocalPostgres(options, commands, binaries, cluster, ownedBase, port, process);
                } catch (PortTakenException e) {
                    last = e;
                }
            }
            throw new LocalPostgresException("could not find a free port for PostgreSQL", last);
        } catch (RuntimeException e) {
            if (ownedBase != null) {
                StaleClusters.delete(ownedBase);
            }
            throw e;
        }
    }

    /** The port the server listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The superuser's name; it connects without a password from 127.0.0.1. */
    public String superuser() {
        return options.superuser();
    }

    /** A JDBC URL for {@code database} on this server, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The directory of this cluster; its {@code data} directory is PostgreSQL's. */
    public Path clusterDirectory() {
        return clusterDirectory;
    }

    /** The process id of the postmaster, for operators and for tests that check nothing is left running. */
    public long serverPid() {
        return Postmaster.read(dataDirectory).orElseThrow().pid();
    }

    /** Where the binaries came from, for diagnostics. */
    public String binaryOrigin() {
        return binaries.origin();
    }

    /** Stops the server with a fast shutdown and deletes its cluster. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: this call came from the hook itself.
        }
        stopServer();
        StaleClusters.delete(ownedBase != null ? ownedBase : clusterDirectory);
    }

    /**
     * Stops the server as a restart of PostgreSQL would (a fast shutdown: every connection is closed, open
     * transactions roll back), runs {@code whileDown}, and starts it again on the same port with the same data. For
     * tests of what clients do when their database goes away.
     *
     * @throws LocalPostgresException when it cannot start again
     */
    public synchronized void restart(Runnable whileDown) {
        if (closed) {
            throw new IllegalStateException("the server is closed");
        }
        stopServer();
        whileDown.run();
        process = launch(binaries, commands, clusterDirectory, port, options);
        log.info("PostgreSQL restarted on 127.0.0.1:{}", port);
    }

    private void stopServer() {
        try {
            commands.runAsServerAccount(List.of(
                    binaries.program("pg_ctl").toString(),
                    "stop",
                    "-D",
                    dataDirectory.toString(),
                    "-m",
                    "fast",
                    "-w",
                    "-t",
                    "60"));
        } catch (LocalPostgresException e) {
            log.warn("pg_ctl stop failed; killing the server", e);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        waitForExit();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path createBase(Path requested) {
        try {
            return Files.createDirectories(requested).toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new LocalPostgresException("could not create " + requested, e);
        }
    }

    /** Whether the server account can work under {@code base}; as root, after opening it to that account. */
    private static boolean reachable(Path base, OsCommands commands) {
        if (commands.runAs().isEmpty()) {
            return true;
        }
        OsCommands.makeTraversable(base);
        return commands.serverAccountCanEnter(base);
    }

    private static Path temporaryDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * A fresh directory in the temporary directory that the server account can enter, owned by this JVM: for tests
     * that need clusters outside their working directory (the data root of {@link SharedPostgres}, when the working
     * directory is closed to the server account). When this JVM exits, the servers of the clusters in it are stopped
     * and it is deleted; if the JVM is killed, the next start of a {@code LocalPostgres} does both.
     */
    public static Path scratchDirectory() {
        Path directory = temporaryBase();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            StaleClusters.stopServersIn(directory);
                            StaleClusters.delete(directory);
                        },
                        "scratch-directory-delete"));
        return directory;
    }

    /** A fresh directory in the temporary directory for one cluster, for a base the server account cannot enter. */
    private static Path temporaryBase() {
        try {
            Path base = Files.createTempDirectory(temporaryDirectory(), StaleClusters.TEMPORARY_PREFIX);
            OsCommands.makeTraversable(base);
            StaleClusters.claim(base);
            return base;
        } catch (IOException e) {
            throw new LocalPostgresException("could not create a directory in " + temporaryDirectory(), e);
        }
    }

    private static Path newCluster(Path base) {
        try {
            Path cluster = Files.createTempDirectory(base, "cluster-");
            OsCommands.makeTraversable(cluster);
            StaleClusters.claim(cluster);
            return cluster;
        } catch (IOException e) {
            throw new LocalPostgresException("could not create a cluster directory under " + base, e);
        }
    }

    private static Process launch(
            PostgresBinaries binaries, OsCommands commands, Path cluster, int port, Options options) {
        Map<String, String> settings = Cluster.baseSettings();
        settings.putAll(options.settings());
        List<String> command = new ArrayList<>(List.of(
                binaries.program("postgres").toString(),
                "-D",
                cluster.resolve("data").toString(),
                "-p",
                Integer.toString(port)));
        settings.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        Process process;
        try {
            process = new ProcessBuilder(commands.wrap(command))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new LocalPostgresException("could not run " + binaries.program("postgres"), e);
        }
        ServerLog serverLog = new ServerLog(process, cluster.resolve("postgres.log"));
        serverLog.start();
        return serverLog.awaitReady(options.startTimeout(), port);
    }

    /** The server chose a port that another process took first. */
    private static final class PortTakenException extends LocalPostgresException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }

    /**
     * Copies the server's output to a log file and recognises readiness from it, so that start-up waits on an event
     * rather than polling.
     */
    private static final class ServerLog extends Thread {
        private final Process process;
        private final Path file;
        private final CountDownLatch ready = new CountDownLatch(1);
        private final Deque<String> tail = new ArrayDeque<>();
        private volatile boolean portTaken;
        private volatile boolean readySeen;

        ServerLog(Process process, Path file) {
            super("postgres-log");
            setDaemon(true);
            this.process = process;
            this.file = file;
        }

        @Override
        public void run() {
            try (BufferedReader reader = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    Writer out = Files.newBufferedWriter(
                            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    out.write(line);
                    out.write('\n');
                    out.flush();
                    remember(line);
                    if (line.contains("could not bind") || line.contains("Address already in use")) {
                        portTaken = true;
                    }
                    if (line.contains(READY)) {
                        readySeen = true;
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                ready.countDown();
            }
        }

        private synchronized void remember(String line) {
            tail.addLast(line);
            if (tail.size() > LOG_TAIL_LINES) {
                tail.removeFirst();
            }
        }

        private synchronized String tail() {
            return String.join("\n", tail);
        }

        Process awaitReady(Duration timeout, int port) {
            boolean signalled;
            try {
                signalled = ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new LocalPostgresException("interrupted while PostgreSQL was starting");
            }
            // The latch also opens when the output ends, so readiness is the line itself, not the latch.
            if (readySeen && process.isAlive()) {
                return process;
            }
            process.destroyForcibly();
            if (portTaken) {
                throw new PortTakenException("port " + port + " was taken");
            }
            throw new LocalPostgresException(
                    (signalled ? "PostgreSQL exited during start-up" : "PostgreSQL did not start within " + timeout)
                            + "; its last words (full log in " + file + "):\n" + tail());
        }
    }
}
