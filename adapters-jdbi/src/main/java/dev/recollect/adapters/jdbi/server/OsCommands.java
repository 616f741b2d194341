package dev.recollect.adapters.jdbi.server;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs PostgreSQL's programs as the right operating-system account.
 *
 * <p>PostgreSQL refuses to run as root, so when this JVM is root every server command goes through {@code runuser} to
 * an unprivileged account ({@code postgres} where it exists, otherwise {@code nobody}), and the directories the server
 * writes are handed to that account.
 */
final class OsCommands {
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Optional<String> runAs;

    private OsCommands(Optional<String> runAs) {
        this.runAs = runAs;
    }

    /** Commands run directly as this process's account, whoever that is. */
    static OsCommands direct() {
        return new OsCommands(Optional.empty());
    }

    /** Commands for the current process: direct when unprivileged, through {@code runuser} when root. */
    static OsCommands forCurrentUser() {
        if (new UnixSystem().getUid() != 0) {
            return direct();
        }
        String account = accountExists("postgres") ? "postgres" : "nobody";
        return new OsCommands(Optional.of(account));
    }

    Optional<String> runAs() {
        return runAs;
    }

    List<String> wrap(List<String> command) {
        if (runAs.isEmpty()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", runAs.get(), "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Runs a command to completion as the server account and returns its output; fails with that output. */
    String runAsServerAccount(List<String> command) {
        return run(wrap(command));
    }

    /** Whether the server account can write in {@code directory} (which needs every parent to be searchable). */
    boolean serverAccountCanWrite(Path directory) {
        if (runAs.isEmpty()) {
            return Files.isWritable(directory);
        }
        try {
            run(wrap(List.of("test", "-w", directory.toString(), "-a", "-x", directory.toString())));
            return true;
        } catch (LocalPostgresException e) {
            return false;
        }
    }

    /** Whether the server account can enter {@code directory}, which needs every parent to be searchable. */
    boolean serverAccountCanEnter(Path directory) {
        if (runAs.isEmpty()) {
            return Files.isExecutable(directory);
        }
        try {
            run(wrap(List.of("test", "-x", directory.toString())));
            return true;
        } catch (LocalPostgresException e) {
            return false;
        }
    }

    /** Hands a directory tree to the server account; a no-op when not root. */
    void handOver(Path root) {
        if (runAs.isEmpty()) {
            return;
        }
        try {
            UserPrincipal owner =
                    root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAs.get());
            try (Stream<Path> tree = Files.walk(root)) {
                for (Path path : (Iterable<Path>) tree::iterator) {
                    if (!Files.isSymbolicLink(path)) {
                        Files.setOwner(path, owner);
                    }
                }
            }
        } catch (IOException e) {
            throw new LocalPostgresException("could not hand " + root + " to account " + runAs.get(), e);
        }
    }

    static void makeTraversable(Path directory) {
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new LocalPostgresException("could not open " + directory + " to the server account", e);
        }
    }

    static String run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new LocalPostgresException("could not run " + command.get(0) + ": " + e.getMessage(), e);
        }
        try (InputStream out = process.getInputStream()) {
            String output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new LocalPostgresException(String.join(" ", command) + " did not finish in time");
            }
            if (process.exitValue() != 0) {
                throw new LocalPostgresException(
                        String.join(" ", command) + " failed with exit code " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new LocalPostgresException("could not read the output of " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new LocalPostgresException("interrupted while running " + command.get(0), e);
        }
    }

    private static boolean accountExists(String name) {
        try {
            run(List.of("id", "-u", name));
            return true;
        } catch (LocalPostgresException e) {
            return false;
        }
    }
}
