package dev.recollect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.adapters.jdbi.server.SharedPostgres;
import dev.recollect.adapters.jdbi.testing.TestHomes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The way a learner uses Recollect on the default, embedded database: a worker runs in one terminal while, in
 * others, prompts are queued, a quiz is taken and stats are read. Every command is a process of its own, started by
 * the {@code ./recollect} launcher, against one home.
 */
class SharedServerIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROMPTS = List.of("Prime numbers", "Photosynthesis", "NATO phonetic alphabet");
    private static final Pattern COMPLETED = Pattern.compile("^job (\\w{8})\\s+completed\\b.*");
    private static final int LEARNERS = 20;

    private final SharedPostgres.Settings settings = TestHomes.create("shared-cli");
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        processes.forEach(Process::destroyForcibly);
        TestHomes.stop(settings);
    }

    @Test
    void aWorkerRunsWhileTwentyLearnersQueueJobsTakeAQuizAndReadStats() throws Exception {
        Process worker = launch(List.of("jobs", "work", "--provider", "offline", "--concurrency", "4"), null);
        // The worker's progress lines, as it prints them when piped: one per change, "completed" last. Read as they
        // come, so that the worker never waits on a full pipe.
        Set<String> completed = ConcurrentHashMap.newKeySet();
        CountDownLatch allCompleted = new CountDownLatch(LEARNERS);
        Thread reader = new Thread(() -> readProgress(worker, completed, allCompleted), "worker-progress");
        reader.setDaemon(true);
        reader.start();

        List<Process> commands = new ArrayList<>();
        List<Path> errors = new ArrayList<>();
        for (int i = 0; i < LEARNERS; i++) {
            Path err = Files.createTempFile(TARGET, "create", ".err");
            errors.add(err);
            commands.add(launch(
                    List.of("jobs", "create", "--user", "learner-" + i, "--prompt", PROMPTS.get(i % PROMPTS.size())),
                    err));
        }
        Path quizErr = Files.createTempFile(TARGET, "quiz", ".err");
        Process quiz = launch(List.of("quiz", "--user", "learner-0"), quizErr);
        try (OutputStream answers = quiz.getOutputStream()) {
            answers.write("q\n".getBytes(StandardCharsets.UTF_8));
        }
        Path statsErr = Files.createTempFile(TARGET, "stats", ".err");
        Process stats = launch(List.of("stats", "--user", "learner-1", "--json"), statsErr);
        commands.add(quiz);
        commands.add(stats);
        errors.add(quizErr);
        errors.add(statsErr);

        for (int i = 0; i < commands.size(); i++) {
            Process command = commands.get(i);
            String out = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(command.waitFor(5, TimeUnit.MINUTES)).isTrue();
            String err = Files.readString(errors.get(i));
            assertThat(command.exitValue()).as(out + err).isZero();
            assertThat(err).doesNotContain("waiting");
        }
        assertThat(worker.isAlive())
                .as("no command waited for the worker to exit")
                .isTrue();

        assertThat(allCompleted.await(5, TimeUnit.MINUTES))
                .as("the worker completed every job")
                .isTrue();
        assertThat(completed).hasSize(LEARNERS);

        long postmaster;
        long keeper;
        try (SharedPostgres.Attachment check =
                        SharedPostgres.attach(settings, SharedPostgres.Role.COMMAND, "test", notice -> {});
                Connection connection = DriverManager.getConnection(
                        check.jdbcUrl(SharedPostgres.DATABASE), check.user(), check.password());
                ResultSet jobs = connection
                        .createStatement()
                        .executeQuery("SELECT count(DISTINCT user_id) FILTER (WHERE status = 'completed'),"
                                + " count(*) FROM generation_jobs")) {
            postmaster = check.server().postmasterPid();
            keeper = check.server().keeperPid();
            jobs.next();
            assertThat(jobs.getInt(1)).as("learners with a completed job").isEqualTo(LEARNERS);
            assertThat(jobs.getInt(2)).isEqualTo(LEARNERS);
        }

        worker.destroy();
        assertThat(worker.waitFor(2, TimeUnit.MINUTES)).isTrue();
        // The last user has left: after its one-second grace the keeper stops the server, and nothing remains.
        for (long pid : List.of(postmaster, keeper)) {
            ProcessHandle.of(pid).ifPresent(process -> process.onExit().join());
        }
        assertThat(ProcessHandle.allProcesses()
                        .filter(p -> p.info()
                                        .commandLine()
                                        .orElse("")
                                        .contains(settings.home().toString())
                                || p.info().commandLine().orElse("").contains(settings.dataRoot() + "/"))
                        .map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
                .as("no PostgreSQL, keeper or command of this home remains")
                .isEmpty();
        JsonNode status = JSON.readTree(launchAndRead(List.of("db", "status", "--json")));
        assertThat(status.get("running").asBoolean()).isFalse();
    }

    private static void readProgress(Process worker, Set<String> completed, CountDownLatch allCompleted) {
        try (BufferedReader progress =
                new BufferedReader(new InputStreamReader(worker.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = progress.readLine()) != null) {
                Matcher matcher = COMPLETED.matcher(line);
                if (matcher.matches() && completed.add(matcher.group(1))) {
                    allCompleted.countDown();
                }
            }
        } catch (IOException e) {
            // The worker ended; the latch says whether it had completed everything.
        }
    }

    private Process launch(List<String> arguments, Path err) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("recollect").toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().clear();
        builder.environment().putAll(TestHomes.environment(settings));
        if (err != null) {
            builder.redirectError(err.toFile());
        }
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private String launchAndRead(List<String> arguments) throws IOException, InterruptedException {
        Process process = launch(arguments, Files.createTempFile(TARGET, "status", ".err"));
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(2, TimeUnit.MINUTES);
        return out;
    }
}
