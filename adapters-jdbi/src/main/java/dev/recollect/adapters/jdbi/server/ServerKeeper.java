package dev.recollect.adapters.jdbi.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The keeper of a home's shared server: a small JVM of its own, detached from the command that started it, that
 * starts the server (or adopts one whose keeper was killed), and stops it once nobody has used it for the idle grace.
 *
 * <p>It reports on its standard output exactly once, {@value #READY} or {@value #FAILED} and the reason, and writes
 * its log to standard error, which {@link KeeperProcess} sends to {@code run/keeper.log}. It watches the users'
 * directory, so a user who leaves is seen at once, and looks again every second for users killed without leaving.
 * It decides to stop under the home's lock, so no user can join a server that is stopping.
 */
final class ServerKeeper {
    static final String READY = "recollect-keeper: ready";
    static final String FAILED = "recollect-keeper: failed: ";

    private static final Duration LOOK_AGAIN = Duration.ofSeconds(1);
    private static final Duration READY_POLL = Duration.ofMillis(50);

    private final RunDirectory run;
    private final Cluster cluster;
    private final Duration grace;
    private final PrintStream log;

    private ServerKeeper(RunDirectory run, Cluster cluster, Duration grace, PrintStream log) {
        this.run = run;
        this.cluster = cluster;
        this.grace = grace;
        this.log = log;
    }

    /**
     * Arguments: the home, the cluster's directory, the binaries' directory and origin, the idle grace and the start
     * timeout in milliseconds.
     */
    public static void main(String[] args) {
        RunDirectory run = new RunDirectory(Path.of(args[0]));
        Cluster cluster = new Cluster(
                Path.of(args[1]), new PostgresBinaries(Path.of(args[2]), args[3]), OsCommands.forCurrentUser());
        ServerKeeper keeper = new ServerKeeper(run, cluster, Duration.ofMillis(Long.parseLong(args[4])), System.err);
        Postmaster postmaster;
        try {
            postmaster = keeper.takeCharge(Duration.ofMillis(Long.parseLong(args[5])));
        } catch (RuntimeException e) {
            keeper.log("could not start PostgreSQL: " + e);
            System.out.println(FAILED + e.getMessage().replace('\n', ' '));
            System.out.flush();
            System.exit(1);
            return;
        }
        System.out.println(READY);
        System.out.flush();
        System.exit(keeper.keep(postmaster));
    }

    /** Adopts the server of the cluster if one runs, else starts it; then records the state for users. */
    private Postmaster takeCharge(Duration timeout) {
        Optional<Postmaster> running = Postmaster.running(cluster.data());
        Postmaster postmaster = running.isPresent() ? awaitReady(running.get(), timeout) : cluster.start(timeout);
        ProcessHandle self = ProcessHandle.current();
        new ServerState(
                        self.pid(),
                        self.info().startInstant(),
                        postmaster.pid(),
                        postmaster.port(),
                        cluster.directory(),
                        cluster.binaries().binDirectory(),
                        cluster.binaries().origin(),
                        Instant.now(),
                        running.isPresent())
                .write(run.stateFile());
        log((running.isPresent() ? "adopted" : "started") + " PostgreSQL " + postmaster.pid() + " on port "
                + postmaster.port() + " in " + cluster.directory() + "; idle grace " + grace);
        return postmaster;
    }

    /** A server found running may still be recovering: wait until its lock file says it is ready. */
    private static Postmaster awaitReady(Postmaster found, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Postmaster postmaster = found;
        while (!postmaster.ready()) {
            if (Instant.now().isAfter(deadline)) {
                throw new LocalPostgresException(
                        "PostgreSQL " + found.pid() + " did not become ready within " + timeout);
            }
            sleep(READY_POLL);
            postmaster = Postmaster.running(found.dataDirectory())
                    .orElseThrow(() -> new LocalPostgresException("PostgreSQL " + found.pid() + " stopped"));
        }
        return postmaster;
    }

    /** Keeps the server until it has been idle for the grace, or stops by other hands; returns the exit code. */
    private int keep(Postmaster postmaster) {
        ProcessHandle server = postmaster.process().orElse(null);
        Instant idleSince = null;
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            run.users().toFile().mkdirs();
            run.users().register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
            run.root().register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
            while (true) {
                if (server == null || !server.isAlive()) {
                    log("PostgreSQL " + postmaster.pid() + " has stopped");
                    forget();
                    return 0;
                }
                boolean used = run.pinned() || !run.registrations().live().isEmpty();
                Instant now = Instant.now();
                if (used) {
                    idleSince = null;
                } else if (idleSince == null) {
                    idleSince = now;
                } else if (!now.isBefore(idleSince.plus(grace))) {
                    if (stopIfIdle()) {
                        return 0;
                    }
                    idleSince = null;
                }
                Duration wait =
                        idleSince == null ? LOOK_AGAIN : min(LOOK_AGAIN, Duration.between(now, idleSince.plus(grace)));
                WatchKey key = watch.poll(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        } catch (IOException | RuntimeException e) {
            log("the keeper failed; the server is left running for the next command to adopt: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Under the home's lock: stops the server if still nobody uses it. Returns whether the keeper is done. */
    // "try": the lock is held for the block, never read inside it.
    @SuppressWarnings("try")
    private boolean stopIfIdle() {
        try (HomeLock lock = run.lock()) {
            if (!ours()) {
                log("the server is no longer this keeper's to stop");
                return true;
            }
            if (run.pinned() || !run.registrations().live().isEmpty()) {
                return false;
            }
            log("nobody has used the server for " + grace + "; stopping it");
            cluster.stop();
            run.deleteState();
            log("stopped");
            return true;
        }
    }

    /** The server stopped without this keeper: forget it, unless another keeper already took over. */
    // "try": the lock is held for the block, never read inside it.
    @SuppressWarnings("try")
    private void forget() {
        try (HomeLock lock = run.lock()) {
            if (ours()) {
                run.deleteState();
            }
        }
    }

    private boolean ours() {
        return run.state()
                .filter(state -> state.keeperPid() == ProcessHandle.current().pid())
                .isPresent();
    }

    private void log(String message) {
        log.println(Instant.now() + " keeper " + ProcessHandle.current().pid() + ": " + message);
        log.flush();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalPostgresException("interrupted while waiting for PostgreSQL");
        }
    }
}
