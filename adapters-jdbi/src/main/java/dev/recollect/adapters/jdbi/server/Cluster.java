package dev.recollect.adapters.jdbi.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A persistent cluster's directory: {@code data} (PostgreSQL's own, owned by the server account), {@code logs} (the
 * server's log) and the superuser's password. Its server is started and stopped with {@code pg_ctl}, which detaches
 * the postmaster from this process: the server outlives the command that started it, and the command that stops it
 * need not be the one that started it.
 */
final class Cluster {
    /** The superuser that {@code initdb} creates, for every cluster Recollect makes. */
    static final String SUPERUSER = "recollect";

    private static final int PORT_ATTEMPTS = 5;

    private final Path directory;
    private final PostgresBinaries binaries;
    private final OsCommands commands;

    Cluster(Path directory, PostgresBinaries binaries, OsCommands commands) {
        this.directory = directory;
        this.binaries = binaries;
        this.commands = commands;
    }

    Path directory() {
        return directory;
    }

    Path data() {
        return directory.resolve("data");
    }

    Path log() {
        return directory.resolve("logs").resolve("postgres.log");
    }

    /** The superuser's password, readable by this account only; absent until the cluster first ran. */
    Path passwordFile() {
        return directory.resolve("superuser.password");
    }

    PostgresBinaries binaries() {
        return binaries;
    }

    boolean initialized() {
        return Files.exists(data().resolve("PG_VERSION"));
    }

    /**
     * Creates the cluster with {@code initdb}, unless it exists: the superuser gets a random password, kept in
     * {@link #passwordFile()}, and the server asks for it on every connection. What an {@code initdb} killed half-way
     * left behind (a data directory without {@code PG_VERSION}, which no server ever ran on) is cleared first.
     */
    void initialize() {
        if (initialized()) {
            return;
        }
        StaleClusters.delete(data());
        String password = ServerAccess.password(passwordFile());
        Path initdbPassword = directory.resolve(".initdb-password");
        try {
            AtomicFiles.write(initdbPassword, password + "\n", PosixFilePermissions.fromString("rw-------"));
            commands.handOver(initdbPassword);
            initdb(
                    binaries,
                    commands,
                    data(),
                    SUPERUSER,
                    List.of("-A", "scram-sha-256", "--pwfile", initdbPassword.toString()));
        } catch (IOException e) {
            throw new LocalPostgresException("could not write " + initdbPassword, e);
        } finally {
            StaleClusters.delete(initdbPassword);
        }
    }

    /**
     * Starts the server on a free port of 127.0.0.1 and waits until it accepts connections.
     *
     * @throws LocalPostgresException with the server's last words when it cannot start
     */
    Postmaster start(Duration timeout) {
        prepareLogDirectory();
        LocalPostgresException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port = freePort();
            long logOffset = size(log());
            try {
                commands.runAsServerAccount(List.of(
                        binaries.program("pg_ctl").toString(),
                        "start",
                        "-D",
                        data().toString(),
                        "-l",
                        log().toString(),
                        "-w",
                        "-t",
                        Long.toString(Math.max(1, timeout.toSeconds())),
                        "-o",
                        serverOptions(port, Map.of())));
            } catch (LocalPostgresException e) {
                String words = readFrom(log(), logOffset);
                if (words.contains("could not bind") || words.contains("Address already in use")) {
                    last = e;
                    continue;
                }
                throw new LocalPostgresException(
                        "PostgreSQL did not start in " + directory + "; its last words (full log in " + log() + "):\n"
                                + tail(words),
                        e);
            }
            return Postmaster.running(data())
                    .orElseThrow(() -> new LocalPostgresException(
                            "PostgreSQL started in " + directory + " but its postmaster.pid names no running server"));
        }
        throw new LocalPostgresException("could not find a free port for PostgreSQL", last);
    }

    /** Stops the server with a fast shutdown: open transactions roll back, and a checkpoint makes the data durable. */
    void stop() {
        commands.runAsServerAccount(List.of(
                binaries.program("pg_ctl").toString(),
                "stop",
                "-D",
                data().toString(),
                "-m",
                "fast",
                "-w",
                "-t",
                "60"));
    }

    /**
     * The options of the {@code postgres} command line: loopback only, no Unix socket (its directory would have to be
     * one the server account can write), messages in English so that failures can be recognised.
     */
    static Map<String, String> baseSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addresses", "127.0.0.1");
        settings.put("unix_socket_directories", "");
        settings.put("max_connections", "200");
        settings.put("lc_messages", "C");
        return settings;
    }

    /** {@code pg_ctl}'s {@code -o}: passed through {@code /bin/sh}, so every value is single-quoted. */
    static String serverOptions(int port, Map<String, String> extra) {
        Map<String, String> settings = baseSettings();
        settings.putAll(extra);
        StringBuilder options = new StringBuilder("-p ").append(port);
        settings.forEach((name, value) -> options.append(" -c ")
                .append(name)
                .append("='")
                .append(value.replace("'", "'\\''"))
                .append('\''));
        return options.toString();
    }

    /**
     * Runs {@code initdb} for {@code data} as the server account.
     *
     * @param authentication {@code initdb}'s authentication options, such as {@code -A trust}
     */
    static void initdb(
            PostgresBinaries binaries, OsCommands commands, Path data, String superuser, List<String> authentication) {
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new LocalPostgresException("could not create " + data, e);
        }
        commands.handOver(data);
        List<String> command = new ArrayList<>(
                List.of(binaries.program("initdb").toString(), "-D", data.toString(), "-U", superuser, "-E", "UTF8"));
        command.addAll(authentication);
        command.addAll(List.of("--no-locale", "--no-sync"));
        commands.runAsServerAccount(command);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalPostgresException("could not find a free port", e);
        }
    }

    private void prepareLogDirectory() {
        Path logs = log().getParent();
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new LocalPostgresException("could not create " + logs, e);
        }
        commands.handOver(logs);
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String readFrom(Path file, long offset) {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(Math.min(offset, size(file)));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String words) {
        List<String> lines = new ArrayList<>(words.lines().toList());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
