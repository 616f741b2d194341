package dev.recollect.adapters.jdbi.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server on this machine, started and stopped by this JVM: the embedded database of the CLI and the
 * database of the tests.
 *
 * <p>Binaries come from the machine or, where it has none, from the bundled artifact ({@link BinarySource}). The
 * server listens on 127.0.0.1 only, with no Unix socket. When this JVM runs as root, PostgreSQL (which refuses root)
 * runs as an unprivileged account. An <em>ephemeral</em> cluster lives in a fresh directory that is deleted on
 * {@link #close()}; a cluster left behind by a JVM that was killed is stopped and deleted by the next start in the
 * same base directory, so no server outlives its owner for long.
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
    private final Path dataDirectory;
    private final int port;
    private final Process process;
    private final Thread shutdownHook;
    private boolean closed;

    /**
     * What to start.
     *
     * @param baseDirectory where clusters (and unpacked bundled binaries) live
     * @param clusterName the cluster's directory under the base; {@code null} for an ephemeral cluster
     * @param source where the binaries come from
     * @param superuser the database superuser that {@code initdb} creates
     * @param settings server settings passed as {@code -c name=value}, on top of the defaults
     * @param startTimeout how long to wait for the server to accept connections
     */
    public record Options(
            Path baseDirectory,
            String clusterName,
            BinarySource source,
            String superuser,
            Map<String, String> settings,
            Duration startTimeout) {
        public Options {
            Objects.requireNonNull(baseDirectory, "baseDirectory");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(superuser, "superuser");
            Objects.requireNonNull(startTimeout, "startTimeout");
            settings = Map.copyOf(settings);
            if (clusterName != null && !clusterName.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("clusterName must be a plain directory name: " + clusterName);
            }
        }

        /** An ephemeral cluster under {@code baseDirectory}, tuned for tests: no fsync, no synchronous commit. */
        public static Options ephemeralForTests(Path baseDirectory) {
            return new Options(
                    baseDirectory,
                    null,
                    BinarySource.AUTO,
                    "recollect",
                    Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"),
                    Duration.ofSeconds(60));
        }

        /**
         * A persistent cluster named {@code clusterName} under {@code baseDirectory}, with PostgreSQL's durable
         * defaults. The caller must make sure that one process at a time starts it.
         */
        public static Options persistent(Path baseDirectory, String clusterName) {
            return new Options(
                    baseDirectory, clusterName, BinarySource.AUTO, "recollect", Map.of(), Duration.ofSeconds(60));
        }

        /** The same options with another binary source. */
        public Options withSource(BinarySource newSource) {
            return new Options(baseDirectory, clusterName, newSource, superuser, settings, startTimeout);
        }

        boolean ephemeral() {
            return clusterName == null;
        }
    }

    private LocalPostgres(
            Options options,
            OsCommands commands,
            PostgresBinaries binaries,
            Path clusterDirectory,
            int port,
            Process process) {
        this.options = options;
        this.commands = commands;
        this.binaries = binaries;
        this.clusterDirectory = clusterDirectory;
        this.dataDirectory = clusterDirectory.resolve("data");
        this.port = port;
        this.process = process;
        this.shutdownHook = new Thread(this::close, "local-postgres-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server, initialising its cluster first if needed.
     *
     * @throws LocalPostgresException with the server's own words when it cannot start
     */
    public static LocalPostgres start(Options options) {
        OsCommands commands = OsCommands.forCurrentUser();
        Path base = usableBase(options.baseDirectory(), commands);
        StaleClusters.reap(base);
        PostgresBinaries binaries = PostgresBinaries.locate(options.source(), base.resolve("binaries"));
        Path cluster = clusterDirectory(base, options);
        Path data = cluster.resolve("data");
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            initdb(binaries, commands, data, options.superuser());
        } else if (!options.ephemeral()) {
            // A server of this cluster outlived the process that started it (killed, or the machine slept).
            StaleClusters.stopLeftover(data);
        }
        LocalPostgresException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port = freePort();
            try {
                Process process = launch(binaries, commands, cluster, port, options);
                log.info("PostgreSQL ({}) ready on 127.0.0.1:{} in {}", binaries.origin(), port, cluster);
                return new LocalPostgres(options, commands, binaries, cluster, port, process);
            } catch (PortTakenException e) {
                last = e;
            }
        }
        throw new LocalPostgresException("could not find a free port for PostgreSQL", last);
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
        return StaleClusters.postmasterPid(dataDirectory).orElseThrow();
    }

    /** Where the binaries came from, for diagnostics. */
    public String binaryOrigin() {
        return binaries.origin();
    }

    /** Stops the server with a fast shutdown and, for an ephemeral cluster, deletes its directory. */
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
        if (options.ephemeral()) {
            StaleClusters.delete(clusterDirectory);
        }
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

    private static Path usableBase(Path requested, OsCommands commands) {
        try {
            Files.createDirectories(requested);
        } catch (IOException e) {
            throw new LocalPostgresException("could not create " + requested, e);
        }
        if (commands.runAs().isEmpty()) {
            return requested;
        }
        OsCommands.makeTraversable(requested);
        if (commands.serverAccountCanWrite(requested) || canBeHandedOver(requested, commands)) {
            return requested;
        }
        // A parent such as /root is closed to the server account: use a directory it can reach.
        Path fallback = Path.of(
                System.getProperty("java.io.tmpdir"),
                "recollect-postgres-" + commands.runAs().get());
        log.info(
                "{} is not reachable by account {}; using {}",
                requested,
                commands.runAs().get(),
                fallback);
        try {
            Files.createDirectories(fallback);
        } catch (IOException e) {
            throw new LocalPostgresException("could not create " + fallback, e);
        }
        OsCommands.makeTraversable(fallback);
        return fallback;
    }

    private static boolean canBeHandedOver(Path directory, OsCommands commands) {
        Path probe = directory.resolve(".probe");
        try {
            Files.createDirectories(probe);
            commands.handOver(probe);
            return commands.serverAccountCanWrite(probe);
        } catch (IOException e) {
            return false;
        } finally {
            StaleClusters.delete(probe);
        }
    }

    private static Path clusterDirectory(Path base, Options options) {
        try {
            Path cluster = options.ephemeral()
                    ? Files.createTempDirectory(base, "cluster-")
                    : Files.createDirectories(base.resolve(options.clusterName()));
            OsCommands.makeTraversable(cluster);
            if (options.ephemeral()) {
                StaleClusters.claim(cluster);
            }
            return cluster;
        } catch (IOException e) {
            throw new LocalPostgresException("could not create a cluster directory under " + base, e);
        }
    }

    private static void initdb(PostgresBinaries binaries, OsCommands commands, Path data, String superuser) {
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new LocalPostgresException("could not create " + data, e);
        }
        commands.handOver(data);
        commands.runAsServerAccount(List.of(
                binaries.program("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                superuser,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync"));
    }

    private static Process launch(
            PostgresBinaries binaries, OsCommands commands, Path cluster, int port, Options options) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addresses", "127.0.0.1");
        settings.put("unix_socket_directories", "");
        settings.put("max_connections", "200");
        settings.put("lc_messages", "C");
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalPostgresException("could not find a free port", e);
        }
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
