package dev.recollect.adapters.jdbi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.adapters.jdbi.server.LocalPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private Process probe(String mode) throws IOException {
        Files.createDirectories(base);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        HarnessProbe.class.getName(),
                        mode,
                        base.toString()))
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
