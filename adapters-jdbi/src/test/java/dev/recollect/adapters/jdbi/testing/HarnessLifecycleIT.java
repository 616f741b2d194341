package dev.recollect.adapters.jdbi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.security.auth.module.UnixSystem;
import dev.recollect.adapters.jdbi.server.LocalPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the server in a JVM of its own and checks what is left once that JVM is gone. */
class HarnessLifecycleIT {
    private static final Pattern REPORT = Pattern.compile("pid=(\\d+) dir=(.+)");

    private final Path base = TestServer.clusterBase().resolveSibling("postgres-lifecycle");

    @Test
    void givenAJvmThatExits_thenItsServerStopsAndItsClusterIsDeleted() throws Exception {
        Process child = probe("exit");
        Matcher report = report(child);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();

        assertThat(ProcessHandle.of(Long.parseLong(report.group(1))).filter(ProcessHandle::isAlive))
                .as("the postmaster is gone")
                .isEmpty();
        assertThat(Path.of(report.group(2))).doesNotExist();
    }

    @Test
    void givenAJvmKilledWithSigkill_thenTheNextStartStopsItsServerAndDeletesItsCluster() throws Exception {
        Process child = probe("hang");
        Matcher report = report(child);
        long postmaster = Long.parseLong(report.group(1));
        child.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive))
                .as("a killed JVM cannot stop its server")
                .isPresent();

        try (LocalPostgres next = LocalPostgres.start(LocalPostgres.Options.ephemeralForTests(base))) {
            assertThat(next.serverPid()).isNotEqualTo(postmaster);
        }
        assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(Path.of(report.group(2))).doesNotExist();
    }

    @Test
    void givenACheckoutThePostgresAccountCannotEnter_thenTheHarnessRunsTwiceAndLeavesNothing() throws Exception {
        // A checkout under a directory closed to every other account, as a clone under /root is; its target/ is the
        // harness's working directory. Each run is a JVM of its own, as each `./mvnw verify` is.
        Path closed = Files.createDirectories(base.resolveSibling("closed-checkout"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path workdir = Files.createDirectories(closed.resolve("target"));
        List<Path> clusters = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Process child = probe(List.of("-Drecollect.test.workdir=" + workdir), "harness");
            Matcher report = report(child);
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("run " + (run + 1)).isZero();
            assertThat(ProcessHandle.of(Long.parseLong(report.group(1))).filter(ProcessHandle::isAlive))
                    .isEmpty();
            clusters.add(Path.of(report.group(2)));
        }
        assertThat(clusters.get(1)).isNotEqualTo(clusters.get(0));
        assertThat(clusters).allSatisfy(cluster -> assertThat(cluster).doesNotExist());
        if (new UnixSystem().getUid() == 0) {
            assertThat(clusters)
                    .as("clusters the postgres account can reach, each in a directory of its own, now deleted")
                    .allSatisfy(cluster -> assertThat(
                                    cluster.getParent().getFileName().toString())
                            .startsWith("recollect-ephemeral-"));
        }
    }

    private Process probe(String mode) throws IOException {
        return probe(List.of(), mode);
    }

    private Process probe(List<String> jvmOptions, String mode) throws IOException {
        Files.createDirectories(base);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), HarnessProbe.class.getName(), mode, base.toString()));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static Matcher report(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher matcher = REPORT.matcher(line);
            if (matcher.matches()) {
                return matcher;
            }
        }
        throw new AssertionError("the probe JVM ended without reporting its server");
    }
}
