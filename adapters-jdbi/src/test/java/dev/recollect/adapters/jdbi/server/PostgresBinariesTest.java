package dev.recollect.adapters.jdbi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.adapters.jdbi.server.PostgresBinaries.MachineLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How binaries are found on a machine, on fake layouts made of empty executable files. */
class PostgresBinariesTest {
    @TempDir
    Path root;

    @Test
    void givenSeveralDebianVersions_thenTheHighestCompleteOneWins() throws IOException {
        Path debian = root.resolve("lib/postgresql");
        install(debian.resolve("9.6/bin"));
        install(debian.resolve("13/bin"));
        Files.createDirectories(debian.resolve("16/bin")); // incomplete: no programs
        Files.createDirectories(debian.resolve("notes"));

        List<String> tried = new ArrayList<>();
        PostgresBinaries found = PostgresBinaries.onMachine(tried, new MachineLayout(false, debian, null))
                .orElseThrow();

        assertThat(found.binDirectory()).isEqualTo(debian.resolve("13/bin"));
        assertThat(found.origin()).contains("Debian");
        assertThat(tried).containsExactly(debian + "/<version>/bin");
    }

    @Test
    void givenALinkOnThePath_thenItsRealDirectoryIsUsed() throws IOException {
        Path real = root.resolve("opt/pg/bin");
        install(real);
        Path local = Files.createDirectories(root.resolve("usr/local/bin"));
        Files.createSymbolicLink(local.resolve("initdb"), real.resolve("initdb"));
        Path dangling = Files.createDirectories(root.resolve("broken"));
        Files.createSymbolicLink(dangling.resolve("initdb"), root.resolve("nowhere/initdb"));
        Path incomplete = Files.createDirectories(root.resolve("partial"));
        executable(incomplete.resolve("initdb"));

        String path = String.join(":", dangling.toString(), incomplete.toString(), "", local.toString());
        PostgresBinaries found = PostgresBinaries.onMachine(
                        new ArrayList<>(), new MachineLayout(false, root.resolve("absent"), path))
                .orElseThrow();

        assertThat(found.binDirectory()).isEqualTo(real.toRealPath());
        assertThat(found.program("pg_ctl")).isEqualTo(real.toRealPath().resolve("pg_ctl"));
    }

    @Test
    void givenNoBinariesAnywhere_thenTheErrorNamesEveryPlaceSearched() {
        MachineLayout nothing = new MachineLayout(false, root.resolve("absent"), root.toString());

        assertThatThrownBy(() -> PostgresBinaries.locate(BinarySource.MACHINE, root.resolve("cache"), nothing))
                .isInstanceOf(LocalPostgresException.class)
                .hasMessageContaining("no PostgreSQL binaries found")
                .hasMessageContaining("absent/<version>/bin")
                .hasMessageContaining("PATH");
    }

    @Test
    void givenTheRealMachine_thenPgConfigIsAskedFirst() {
        List<String> tried = new ArrayList<>();
        PostgresBinaries.onMachine(tried, MachineLayout.current());
        assertThat(tried).first().isEqualTo("pg_config --bindir");
    }

    private static void install(Path bin) throws IOException {
        Files.createDirectories(bin);
        for (String program : List.of("initdb", "pg_ctl", "postgres")) {
            executable(bin.resolve(program));
        }
    }

    private static void executable(Path file) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
}
