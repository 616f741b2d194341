package dev.recollect.adapters.jdbi.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.adapters.jdbi.server.PostgresBinaries.MachineLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small parts of the local server: direct commands, stale-cluster bookkeeping, and binary sources. */
class ServerPlumbingTest {
    @TempDir
    Path root;

    @Test
    void directCommandsRunUnwrappedAndHandNothingOver() throws IOException {
        OsCommands direct = OsCommands.direct();
        assertThat(direct.runAs()).isEmpty();
        assertThat(direct.wrap(List.of("id", "-u"))).containsExactly("id", "-u");
        Path dir = Files.createDirectories(root.resolve("mine"));
        assertThat(direct.serverAccountCanWrite(dir)).isTrue();
        assertThat(direct.serverAccountCanWrite(root.resolve("absent"))).isFalse();
        direct.handOver(dir);
        assertThat(Files.getOwner(dir)).isEqualTo(Files.getOwner(root));
    }

    @Test
    void aClusterWhoseOwnerLivesIsKept_andOnlyOnesProvablyOrphanedAreReaped() throws IOException {
        Path alive = Files.createDirectories(root.resolve("cluster-alive"));
        StaleClusters.claim(alive);
        Path gone = Files.createDirectories(root.resolve("cluster-gone"));
        Files.writeString(gone.resolve("owner.pid"), Long.MAX_VALUE + " -");
        Path reused = Files.createDirectories(root.resolve("cluster-pid-reused"));
        // This JVM's pid, but another start: the owner was a process that has since given its pid to this one.
        Files.writeString(reused.resolve("owner.pid"), ProcessHandle.current().pid() + " 2000-01-01T00:00:00Z");
        Path garbled = Files.createDirectories(root.resolve("cluster-garbled"));
        Files.writeString(garbled.resolve("owner.pid"), "not a pid");
        Path unowned = Files.createDirectories(root.resolve("not-a-cluster"));

        StaleClusters.reap(root);

        assertThat(alive).exists();
        assertThat(gone).doesNotExist();
        assertThat(reused).doesNotExist();
        assertThat(garbled).as("an owner file not in the format proves nothing").exists();
        assertThat(unowned).exists();
        StaleClusters.delete(root.resolve("never-existed"));
        StaleClusters.reap(root.resolve("never-existed"));
    }

    @Test
    void thePostmasterFileIsReadLineByLine() throws IOException {
        Path data = Files.createDirectories(root.resolve("data"));
        assertThat(Postmaster.read(data)).isEmpty();
        Files.writeString(
                data.resolve("postmaster.pid"), "4242\n" + data + "\n1764700000\n5433\n\n127.0.0.1\n  1 2\nready   \n");
        Postmaster postmaster = Postmaster.read(data).orElseThrow();
        assertThat(postmaster.pid()).isEqualTo(4242L);
        assertThat(postmaster.port()).isEqualTo(5433);
        assertThat(postmaster.startedAt()).isEqualTo(java.time.Instant.ofEpochSecond(1764700000));
        assertThat(postmaster.ready()).isTrue();
        assertThat(postmaster.isOf(data)).isTrue();
        assertThat(postmaster.isOf(root)).isFalse();
        Files.writeString(data.resolve("postmaster.pid"), "4243\n");
        assertThat(Postmaster.read(data).orElseThrow().ready())
                .as("still starting")
                .isFalse();
        assertThat(Postmaster.read(data).orElseThrow().port()).isZero();
        Files.writeString(data.resolve("postmaster.pid"), "");
        assertThat(Postmaster.read(data)).isEmpty();
        Files.writeString(
                data.resolve("postmaster.pid"),
                String.valueOf(ProcessHandle.current().pid()) + "\n" + data + "\n");
        assertThat(Postmaster.running(data))
                .as("a live process that is not PostgreSQL")
                .isEmpty();
    }

    @Test
    void theSourceDecidesWhichBinariesAreUsed() throws IOException {
        Path debian = root.resolve("lib/postgresql");
        Path bin = Files.createDirectories(debian.resolve("15/bin"));
        for (String program : List.of("initdb", "pg_ctl", "postgres")) {
            Files.createFile(
                    bin.resolve(program),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        MachineLayout layout = new MachineLayout(false, debian, null);
        assertThat(PostgresBinaries.locate(BinarySource.MACHINE, root.resolve("cache"), layout)
                        .binDirectory())
                .isEqualTo(bin);
        assertThat(PostgresBinaries.locate(BinarySource.AUTO, root.resolve("cache"), layout)
                        .binDirectory())
                .isEqualTo(bin);
        PostgresBinaries bundled = PostgresBinaries.locate(BinarySource.BUNDLED, root.resolve("cache"), layout);
        assertThat(bundled.origin()).startsWith("bundled");
        assertThat(bundled.binDirectory()).startsWith(root.resolve("cache"));
        assertThat(Files.isExecutable(bundled.program("postgres"))).isTrue();
    }

    @Test
    void noDebianDirectoryAndNoPathFindNothing() {
        List<String> tried = new ArrayList<>();
        assertThat(PostgresBinaries.onMachine(tried, new MachineLayout(false, root.resolve("absent"), null)))
                .isEmpty();
        assertThat(tried).containsExactly(root.resolve("absent") + "/<version>/bin", "PATH");
    }
}
