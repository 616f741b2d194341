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
    void aClusterWhoseOwnerLivesIsKeptAndOneWithAGarbledOwnerIsReaped() throws IOException {
        Path alive = Files.createDirectories(root.resolve("cluster-alive"));
        StaleClusters.claim(alive);
        Path garbled = Files.createDirectories(root.resolve("cluster-garbled"));
        Files.writeString(garbled.resolve("owner.pid"), "not a pid");
        Path unowned = Files.createDirectories(root.resolve("not-a-cluster"));

        StaleClusters.reap(root);

        assertThat(alive).exists();
        assertThat(garbled).doesNotExist();
        assertThat(unowned).exists();
        assertThat(StaleClusters.postmasterPid(alive)).isEmpty();
        Files.createDirectories(alive.resolve("data"));
        Files.writeString(alive.resolve("data/postmaster.pid"), "4242\n/data\n");
        assertThat(StaleClusters.postmasterPid(alive.resolve("data"))).contains(4242L);
        Files.writeString(alive.resolve("data/postmaster.pid"), "");
        assertThat(StaleClusters.postmasterPid(alive.resolve("data"))).isEmpty();
        StaleClusters.delete(root.resolve("never-existed"));
        StaleClusters.reap(root.resolve("never-existed"));
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
