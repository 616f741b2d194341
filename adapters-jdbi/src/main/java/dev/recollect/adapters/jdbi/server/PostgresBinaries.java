package dev.recollect.adapters.jdbi.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A directory holding {@code initdb}, {@code pg_ctl} and {@code postgres}. */
record PostgresBinaries(Path binDirectory, String origin) {
    private static final List<String> PROGRAMS = List.of("initdb", "pg_ctl", "postgres");

    /**
     * Where to look on a machine.
     *
     * @param askPgConfig whether to run {@code pg_config --bindir}
     * @param debianRoot Debian's root of versioned installations, {@code /usr/lib/postgresql}
     * @param path the {@code PATH} to search; may be {@code null}
     */
    record MachineLayout(boolean askPgConfig, Path debianRoot, String path) {
        static MachineLayout current() {
            return new MachineLayout(true, Path.of("/usr/lib/postgresql"), System.getenv("PATH"));
        }
    }

    Path program(String name) {
        return binDirectory.resolve(name);
    }

    /**
     * Finds binaries from {@code source}, unpacking the bundled ones under {@code cacheDirectory} when needed.
     *
     * @throws LocalPostgresException naming every place that was searched, when none has them
     */
    static PostgresBinaries locate(BinarySource source, Path cacheDirectory) {
        return locate(source, cacheDirectory, MachineLayout.current());
    }

    static PostgresBinaries locate(BinarySource source, Path cacheDirectory, MachineLayout machineLayout) {
        List<String> tried = new ArrayList<>();
        if (source != BinarySource.BUNDLED) {
            Optional<PostgresBinaries> machine = onMachine(tried, machineLayout);
            if (machine.isPresent()) {
                return machine.get();
            }
        }
        if (source != BinarySource.MACHINE) {
            Optional<PostgresBinaries> bundled = BundledBinaries.unpack(cacheDirectory, tried);
            if (bundled.isPresent()) {
                return bundled.get();
            }
        }
        throw new LocalPostgresException("no PostgreSQL binaries found; looked in: " + String.join("; ", tried));
    }

    static Optional<PostgresBinaries> onMachine(List<String> tried, MachineLayout layout) {
        Optional<PostgresBinaries> found = Optional.empty();
        if (layout.askPgConfig()) {
            tried.add("pg_config --bindir");
            found = fromPgConfig();
        }
        if (found.isEmpty()) {
            tried.add(layout.debianRoot() + "/<version>/bin");
            found = fromDebianLayout(layout.debianRoot());
        }
        if (found.isEmpty()) {
            tried.add("PATH");
            found = fromPath(layout.path());
        }
        return found;
    }

    private static Optional<PostgresBinaries> fromPgConfig() {
        try {
            String bindir = OsCommands.run(List.of("pg_config", "--bindir")).trim();
            return complete(Path.of(bindir), "pg_config --bindir");
        } catch (LocalPostgresException e) {
            return Optional.empty();
        }
    }

    private static Optional<PostgresBinaries> fromDebianLayout(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(p -> p.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .sorted(Comparator.comparingDouble((Path p) ->
                                    Double.parseDouble(p.getFileName().toString()))
                            .reversed())
                    .map(p -> complete(p.resolve("bin"), "Debian " + p))
                    .flatMap(Optional::stream)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<PostgresBinaries> fromPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(":")) {
            Path initdb = Path.of(entry.isEmpty() ? "." : entry, "initdb");
            if (Files.isExecutable(initdb)) {
                try {
                    // Debian links /usr/local/bin/initdb into a versioned directory that also has pg_ctl.
                    Optional<PostgresBinaries> found =
                            complete(initdb.toRealPath().getParent(), "PATH");
                    if (found.isPresent()) {
                        return found;
                    }
                } catch (IOException e) {
                    // A dangling link: keep looking.
                }
            }
        }
        return Optional.empty();
    }

    static Optional<PostgresBinaries> complete(Path directory, String origin) {
        boolean all = PROGRAMS.stream().allMatch(p -> Files.isExecutable(directory.resolve(p)));
        return all ? Optional.of(new PostgresBinaries(directory, origin)) : Optional.empty();
    }
}
