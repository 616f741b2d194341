package dev.recollect.adapters.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A probe in a JVM of its own, for the tests that kill a worker with SIGKILL: start it on this test's class path, wait
 * for the line that says it reached the point of interest, kill it. The probes call {@link #hang()} there.
 */
final class ChildJvm {
    private ChildJvm() {}

    /** Starts {@code main} with {@code args}, its stderr discarded. */
    static Process start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Probes live for seconds: C1 alone and the serial collector start them on a fraction of the CPU.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Waits until {@code process} prints {@code line} (failing with {@code why} if it ends first), then kills it. */
    static void killAfter(Process process, String line, String why) throws IOException, InterruptedException {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String read;
        do {
            read = out.readLine();
        } while (read != null && !read.equals(line));
        assertThat(read).as(why).isEqualTo(line);
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Blocks forever: only SIGKILL ends a probe that calls it. */
    static void hang() {
        Object never = new Object();
        synchronized (never) {
            while (true) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    // Only SIGKILL ends the probe.
                }
            }
        }
    }
}
