package dev.recollect.adapters.jdbi.server;

import com.sun.security.auth.module.UnixSystem;
import dev.recollect.adapters.jdbi.server.SharedPostgres.Settings;
import dev.recollect.ports.out.RecollectException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A {@link SharedServerProbe} in a process of its own, as this account or another, and what it printed. */
final class Probe {
    private final Process process;
    private final BufferedReader out;
    private final List<String> lines = new ArrayList<>();

    private Probe(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Who runs the probe.
     *
     * @param name the account, when another than this process's
     * @param temporary the probe's {@code java.io.tmpdir}, when another than this process's
     */
    record Account(Optional<String> name, Optional<Path> temporary) {
        /** An account that is not root: {@code nobody} when this process is root, else this process's own. */
        static Account unprivileged() {
            return new Account(isRoot() ? Optional.of("nobody") : Optional.empty(), Optional.empty());
        }

        /** This account, with another temporary directory. */
        static Account temporary(Path directory) {
            return new Account(Optional.empty(), Optional.of(directory));
        }

        /** A home this account owns: for another account, one in the data root, which every account can enter. */
        Settings home(Settings settings) throws IOException {
            if (name.isEmpty()) {
                return settings;
            }
            Path home = Files.createDirectories(
                    settings.dataRoot().resolve("home-of-" + name.get() + "-" + UUID.randomUUID()));
            OsCommands.run(List.of("chown", name.get(), home.toString()));
            return new Settings(home, settings.dataRoot(), settings.idleGrace(), settings.source());
        }
    }

    static Probe start(Settings settings, List<String> arguments, List<Probe> registry) throws IOException {
        return start(settings, arguments, registry, new Account(Optional.empty(), Optional.empty()));
    }

    static Probe start(Settings settings, List<String> arguments, List<Probe> registry, Account account)
            throws IOException {
        List<String> command = new ArrayList<>();
        account.name().ifPresent(name -> command.addAll(List.of("runuser", "-u", name, "--")));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:-UsePerfData");
        account.temporary().ifPresent(directory -> command.add("-Djava.io.tmpdir=" + directory));
        command.addAll(List.of(
                "-cp",
                account.name().isPresent()
                        ? readableClassPath(settings.dataRoot())
                        : System.getProperty("java.class.path"),
                SharedServerProbe.class.getName(),
                settings.home().toString(),
                settings.dataRoot().toString(),
                Long.toString(settings.idleGrace().toSeconds())));
        command.addAll(arguments);
        Probe probe = new Probe(new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start());
        registry.add(probe);
        return probe;
    }

    /** Its report: the {@code attached …} line, or {@code failed: …}. */
    String attached() throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            if (line.startsWith("attached ") || line.startsWith("failed: ")) {
                return line;
            }
        }
        throw new AssertionError("the probe ended without a report; it printed " + lines);
    }

    /** Everything it printed, once it has ended. */
    List<String> lines() throws IOException, InterruptedException {
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            throw new AssertionError("the probe did not end");
        }
        return List.copyOf(lines);
    }

    /** Closes its standard input, so that it leaves, and waits for it to end. */
    void leave() {
        try {
            process.getOutputStream().close();
            process.waitFor(2, TimeUnit.MINUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills it with SIGKILL, as a crash would. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }

    /**
     * The probe's class path, copied where another account can read it: the checkout may sit under a directory only
     * root can enter.
     */
    private static String readableClassPath(Path under) throws IOException {
        Path copy = Files.createDirectories(under.resolve("classpath-" + UUID.randomUUID()));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (Class<?> anchor : List.of(
                SharedServerProbe.class,
                SharedPostgres.class,
                RecollectException.class,
                org.postgresql.Driver.class,
                org.slf4j.LoggerFactory.class)) {
            Path source;
            try {
                source = Path.of(anchor.getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI());
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
            Path target = copy.resolve((n++) + "-" + source.getFileName());
            copyTree(source, target);
            entries.add(target.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> tree = Files.walk(source)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(path, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
