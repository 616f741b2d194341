package dev.recollect.adapters.jdbi.server;

import dev.recollect.adapters.jdbi.server.Registrations.Registration;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The embedded PostgreSQL of a home ({@code RECOLLECT_HOME}), shared by every process that uses the home.
 *
 * <p>The first process that {@linkplain #attach attaches} starts the server; later ones, in any number of processes,
 * connect to the one running. A small keeper process ({@link ServerKeeper}) stops it once nobody has used it for the
 * idle grace, so that a burst of one-shot commands does not restart it each time, and a server whose users were all
 * killed stops too. Starting, adopting and stopping happen under one lock per home, so two commands that start at
 * the same moment start one server; PostgreSQL's own lock on its data directory makes a second one impossible anyway.
 * {@link #start} keeps the server running with no user until {@link #stop}, like {@code pg_ctl}.
 *
 * <p>Where the data lives is {@link ClusterLocation}'s rule: in the home, or, for a home that the server account
 * cannot enter (root's), in a directory of the data root that the home records. Never in the temporary directory.
 *
 * <p>Thread-safe; every method may be called from many threads and processes at once.
 */
public final class SharedPostgres {
    /** The database that {@link #attach} creates and connects to. */
    public static final String DATABASE = "recollect";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WAIT_FOR_COMMANDS = Duration.ofSeconds(10);
    private static final Duration LOOK_AGAIN = Duration.ofMillis(100);

    private SharedPostgres() {}

    /** What a user does with the server, which decides whether {@link #stop} waits for it or refuses. */
    public enum Role {
        /** A long-running worker: {@code stop} refuses while one is connected, unless forced. */
        WORKER,
        /** A person at the terminal, such as a quiz: {@code stop} refuses while one is connected, unless forced. */
        INTERACTIVE,
        /** A one-shot command: {@code stop} waits a few seconds for it to finish. */
        COMMAND
    }

    /**
     * A process using the server.
     *
     * @param pid its process id
     * @param role what it does
     * @param command its command, for people
     * @param since when it attached
     */
    public record User(long pid, Role role, String command, Instant since) {}

    /**
     * How a home's server is run.
     *
     * @param home the home ({@code RECOLLECT_HOME})
     * @param dataRoot where the clusters of homes that the server account cannot enter live
     * @param idleGrace how long the server runs on with no user
     * @param source where the binaries come from
     */
    public record Settings(Path home, Path dataRoot, Duration idleGrace, BinarySource source) {
        /** The data root unless configured: persistent, and outside the temporary directory. */
        public static final Path DEFAULT_DATA_ROOT = Path.of("/var/lib/recollect");
        /** The idle grace unless configured. */
        public static final Duration DEFAULT_IDLE_GRACE = Duration.ofSeconds(15);

        /** Validates the settings and makes the paths absolute. */
        public Settings {
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(dataRoot, "dataRoot");
            Objects.requireNonNull(idleGrace, "idleGrace");
            Objects.requireNonNull(source, "source");
            if (idleGrace.isNegative() || idleGrace.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("the idle grace must be 0 to 1 day, got " + idleGrace);
            }
            home = home.toAbsolutePath().normalize();
            dataRoot = dataRoot.toAbsolutePath().normalize();
        }

        /** The defaults for {@code home}. */
        public static Settings of(Path home) {
            return new Settings(home, DEFAULT_DATA_ROOT, DEFAULT_IDLE_GRACE, BinarySource.AUTO);
        }

        /** The same settings with another data root. */
        public Settings withDataRoot(Path newDataRoot) {
            return new Settings(home, newDataRoot, idleGrace, source);
        }

        /** The same settings with another idle grace. */
        public Settings withIdleGrace(Duration newIdleGrace) {
            return new Settings(home, dataRoot, newIdleGrace, source);
        }
    }

    /**
     * Where a home's data lives.
     *
     * @param home the home
     * @param clusterDirectory the cluster's directory
     * @param dataDirectory PostgreSQL's data directory inside it
     * @param insideHome whether the cluster is in the home; otherwise the home's {@code embedded-cluster.properties}
     *     names it
     */
    public record Location(Path home, Path clusterDirectory, Path dataDirectory, boolean insideHome) {
        static Location of(ClusterLocation location) {
            return new Location(
                    location.home(), location.directory(), location.directory().resolve("data"), location.insideHome());
        }
    }

    /**
     * A running server.
     *
     * @param port its port on 127.0.0.1
     * @param postmasterPid the postmaster's process id
     * @param keeperPid the keeper's process id
     * @param keeperAlive whether the keeper runs; when it was killed, the next command adopts the server
     * @param startedAt when its keeper took charge
     * @param binaries where its binaries came from
     */
    public record Server(
            int port, long postmasterPid, long keeperPid, boolean keeperAlive, Instant startedAt, String binaries) {
        static Server of(ServerState state) {
            return new Server(
                    state.port(),
                    state.postmasterPid(),
                    state.keeperPid(),
                    state.keeperAlive(),
                    state.startedAt(),
                    state.binaries());
        }
    }

    /**
     * A home's server as {@link #status} sees it.
     *
     * @param location where the data lives
     * @param server the server, when one runs
     * @param pinned whether {@link #start} keeps it running
     * @param users who uses it
     * @param idleGrace how long it runs on with no user
     */
    public record Status(
            Location location, Optional<Server> server, boolean pinned, List<User> users, Duration idleGrace) {
        /** Whether a server runs. */
        public boolean running() {
            return server.isPresent();
        }
    }

    /** What {@link #stop} did; {@link #fold} handles every outcome, so a new one breaks the build where it matters. */
    public sealed interface StopOutcome {
        /**
         * The value of the function for this outcome.
         *
         * @param notRunning for {@link NotRunning}
         * @param stopped for {@link Stopped}
         * @param refused for {@link Refused}
         */
        <R> R fold(Function<NotRunning, R> notRunning, Function<Stopped, R> stopped, Function<Refused, R> refused);

        /** No server was running. */
        record NotRunning() implements StopOutcome {
            @Override
            public <R> R fold(
                    Function<NotRunning, R> notRunning, Function<Stopped, R> stopped, Function<Refused, R> refused) {
                return notRunning.apply(this);
            }
        }

        /**
         * The server stopped.
         *
         * @param server the server that stopped
         * @param disconnected the users it still had, when forced
         */
        record Stopped(Server server, List<User> disconnected) implements StopOutcome {
            @Override
            public <R> R fold(
                    Function<NotRunning, R> notRunning, Function<Stopped, R> stopped, Function<Refused, R> refused) {
                return stopped.apply(this);
            }
        }

        /**
         * The server runs on, because of these users; {@code force} would disconnect them.
         *
         * @param users the users that kept it running
         */
        record Refused(List<User> users) implements StopOutcome {
            @Override
            public <R> R fold(
                    Function<NotRunning, R> notRunning, Function<Stopped, R> stopped, Function<Refused, R> refused) {
                return refused.apply(this);
            }
        }
    }

    /** A process's use of the server, until {@link #close()}; the server stops after the last one closes. */
    public static final class Attachment implements AutoCloseable {
        private final Location location;
        private final Server server;
        private final String password;
        private final Registration registration;

        private Attachment(Location location, Server server, String password, Registration registration) {
            this.location = location;
            this.server = server;
            this.password = password;
            this.registration = registration;
        }

        /** A JDBC URL for {@code database} on the server, without credentials. */
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database;
        }

        /** The superuser's name. */
        public String user() {
            return Cluster.SUPERUSER;
        }

        /** The superuser's password. */
        public String password() {
            return password;
        }

        /** Where the data lives. */
        public Location location() {
            return location;
        }

        /** The server. */
        public Server server() {
            return server;
        }

        /** Leaves the server; it stops after the idle grace if nobody else uses it. */
        @Override
        public void close() {
            registration.close();
        }
    }

    /**
     * Connects this process to the home's server, starting it (and creating the cluster) if none runs.
     *
     * @param role what the caller does, for {@link #stop} and {@link #status}
     * @param command the caller's command, for people
     * @param notices what people should be told, such as where their data went
     * @throws LocalPostgresException when the server cannot start, with its own words
     */
    // "try": the lock is held for the block, never read inside it.
    @SuppressWarnings("try")
    public static Attachment attach(Settings settings, Role role, String command, Consumer<String> notices) {
        RunDirectory run = new RunDirectory(settings.home());
        OsCommands commands = OsCommands.forCurrentUser();
        try (HomeLock lock = run.lock()) {
            ClusterLocation location =
                    ClusterLocation.establish(settings.home(), settings.dataRoot(), commands, notices);
            Cluster cluster;
            ServerState state;
            String password;
            Optional<ServerState> running = running(run, location);
            if (running.isPresent()) {
                state = running.get();
                password = ServerAccess.read(location.directory().resolve("superuser.password"));
            } else {
                cluster = new Cluster(
                        location.directory(),
                        PostgresBinaries.locate(settings.source(), binariesCache(location)),
                        commands);
                cluster.initialize();
                state = KeeperProcess.spawn(run, cluster, settings.idleGrace(), START_TIMEOUT);
                password = ServerAccess.secure(cluster, commands, state.port(), DATABASE);
            }
            Registration registration = run.registrations().register(role, command, Instant.now());
            return new Attachment(Location.of(location), Server.of(state), password, registration);
        }
    }

    /** The home's server and its users, without starting anything. */
    public static Status status(Settings settings) {
        RunDirectory run = new RunDirectory(settings.home());
        ClusterLocation location =
                ClusterLocation.peek(settings.home(), settings.dataRoot(), OsCommands.forCurrentUser());
        Optional<Server> server = run.state()
                .filter(state -> state.clusterDirectory().equals(location.directory()))
                .filter(ServerState::serverAlive)
                .map(Server::of);
        return new Status(
                Location.of(location),
                server,
                server.isPresent() && run.pinned(),
                server.isPresent() ? run.registrations().live() : List.of(),
                settings.idleGrace());
    }

    /** Starts the home's server if needed and keeps it running with no user until {@link #stop}. */
    // "try": the attachment keeps the server for the block, never read inside it.
    @SuppressWarnings("try")
    public static Status start(Settings settings, Consumer<String> notices) {
        try (Attachment attachment = attach(settings, Role.COMMAND, "db start", notices)) {
            new RunDirectory(settings.home()).pin(Instant.now());
        }
        return status(settings);
    }

    /**
     * Stops the home's server with a fast shutdown (open transactions roll back; committed data is safe). It waits up
     * to 10 s for one-shot commands to finish, and refuses while a worker or an interactive session is connected,
     * unless {@code force}, which disconnects them.
     */
    // "try": the lock is held for the block, never read inside it.
    @SuppressWarnings("try")
    public static StopOutcome stop(Settings settings, boolean force) {
        RunDirectory run = new RunDirectory(settings.home());
        OsCommands commands = OsCommands.forCurrentUser();
        Instant giveUp = Instant.now().plus(WAIT_FOR_COMMANDS);
        while (true) {
            try (HomeLock lock = run.lock()) {
                Optional<ServerState> state = run.state().filter(ServerState::serverAlive);
                if (state.isEmpty()) {
                    run.unpin();
                    run.deleteState();
                    return stopOrphan(settings, commands);
                }
                List<User> users = run.registrations().live();
                List<User> blocking = force
                        ? List.of()
                        : users.stream().filter(u -> u.role() != Role.COMMAND).toList();
                if (!blocking.isEmpty()) {
                    return new StopOutcome.Refused(blocking);
                }
                if (force || users.isEmpty() || Instant.now().isAfter(giveUp)) {
                    if (!force && !users.isEmpty()) {
                        return new StopOutcome.Refused(users);
                    }
                    return stopNow(run, state.get(), commands, users);
                }
            }
            sleep(LOOK_AGAIN);
        }
    }

    private static StopOutcome stopNow(RunDirectory run, ServerState state, OsCommands commands, List<User> users) {
        run.unpin();
        new Cluster(state.clusterDirectory(), new PostgresBinaries(state.binDirectory(), state.binaries()), commands)
                .stop();
        awaitExit(state.postmasterPid());
        run.deleteState();
        if (state.keeperAlive()) {
            // It would notice the server gone and exit; telling it saves it the look.
            ProcessHandle.of(state.keeperPid()).ifPresent(ProcessHandle::destroy);
        }
        return new StopOutcome.Stopped(Server.of(state), users);
    }

    /**
     * A server of the home's cluster that no keeper records (one an earlier version left running when it was killed)
     * is the home's own: it is stopped too.
     */
    private static StopOutcome stopOrphan(Settings settings, OsCommands commands) {
        ClusterLocation location = ClusterLocation.peek(settings.home(), settings.dataRoot(), commands);
        Optional<Postmaster> orphan = Postmaster.running(location.directory().resolve("data"));
        if (orphan.isEmpty()) {
            return new StopOutcome.NotRunning();
        }
        PostgresBinaries binaries = PostgresBinaries.locate(settings.source(), binariesCache(location));
        new Cluster(location.directory(), binaries, commands).stop();
        awaitExit(orphan.get().pid());
        Postmaster postmaster = orphan.get();
        Server server =
                new Server(postmaster.port(), postmaster.pid(), 0, false, postmaster.startedAt(), binaries.origin());
        return new StopOutcome.Stopped(server, List.of());
    }

    /** The running server of {@code location}, if its keeper and its postmaster both live. */
    private static Optional<ServerState> running(RunDirectory run, ClusterLocation location) {
        return run.state()
                .filter(state -> state.clusterDirectory().equals(location.directory()))
                .filter(ServerState::keeperAlive)
                .filter(ServerState::serverAlive);
    }

    /** Bundled binaries are unpacked next to the clusters, where the server account can reach them. */
    private static Path binariesCache(ClusterLocation location) {
        return location.insideHome()
                ? location.home().resolve("binaries")
                : location.directory().getParent().resolve("binaries");
    }

    /**
     * {@code pg_ctl stop} returns once the postmaster has removed its lock file, a moment before its process ends;
     * {@code stop} returns once it has.
     */
    private static void awaitExit(long pid) {
        ProcessHandle.of(pid).ifPresent(process -> {
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                throw new LocalPostgresException("PostgreSQL " + pid + " did not exit after stopping", e);
            }
        });
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalPostgresException("interrupted while waiting for commands to finish");
        }
    }
}
