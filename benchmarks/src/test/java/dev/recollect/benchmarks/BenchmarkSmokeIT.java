package dev.recollect.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every benchmark runs, small, in {@code ./mvnw verify}, so that none can rot unnoticed: each in a JVM of its own, on
 * the tests' PostgreSQL, with tiny sizes and one round. The test checks that it completes and prints its figures, never
 * what the figures are. Anchors on node run only where their packages are installed; otherwise the output says so.
 */
@PostgresTest
class BenchmarkSmokeIT {
    /** The module's directory, where the benchmarks find their anchors' scripts as {@code benchmarks/...}. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final TestDatabase database;

    BenchmarkSmokeIT(TestDatabase database) {
        this.database = database;
    }

    @Test
    void theJobQueueBenchmarkRuns() throws Exception {
        String out = runOnTheTestDatabase(JobQueueBench.class);

        assertThat(out)
                .contains("recollect: claim + complete of no-op jobs")
                .containsPattern("workers=1 batch=1 +jobs=50 +[\\d,]+ jobs/s")
                .containsPattern("workers=4 batch=1000 jobs=200 +[\\d,]+ jobs/s")
                .containsPattern("create-to-start latency over 10 jobs: p50 [\\d.]+ ms, p95 [\\d.]+ ms")
                .containsPattern("anchor skipped: .+|pg-boss");
    }

    @Test
    void theJobStatsBenchmarkRuns() throws Exception {
        String out = runOnTheTestDatabase(JobStatsBench.class);

        assertThat(out)
                .contains("anchor, seq-scan count(*) of 2,000 jobs:")
                .containsPattern("stats, last 24 h: +[\\d.]+ ms \\([\\d.]+ of the anchor\\)")
                .containsPattern("stats, last 30 days: +[\\d.]+ ms")
                .containsPattern("worker activity: +[\\d.]+ ms");
    }

    @Test
    void theMigrationBenchmarkRuns() throws Exception {
        String out = runOnTheTestDatabase(MigrationBench.class);

        assertThat(out)
                .containsPattern("set-based UPDATE \\(anchor\\): +[\\d,]+ docs/s")
                .containsPattern("runner, 2 workers, batches of 1000: .+ 12 batches, .+; completed")
                .containsPattern("runner, 2 workers, batches of 5000: .+ 3 batches, .+; completed");
    }

    @Test
    void theReviewPathBenchmarkRuns() throws Exception {
        String out = runOnTheTestDatabase(ReviewPathBench.class);

        assertThat(out)
                .contains("base: 100 learners, 1,000 concepts and phrasings")
                .containsPattern("RecordInteraction, 1 threads: +[\\d,]+ reviews/s \\(\\d+% of the anchor's [\\d,]+\\);"
                        + " p50 [\\d.]+ ms, p95 [\\d.]+ ms, p99 [\\d.]+ ms")
                .containsPattern("RecordInteraction, 8 threads: +[\\d,]+ reviews/s")
                .containsPattern("GetNextReview, 4 threads: +[\\d,]+ picks/s \\(\\d+ of 100 found a review\\);"
                        + " p50 [\\d.]+ ms, p95 [\\d.]+ ms");
    }

    @Test
    void theFsrsBenchmarkRuns() throws Exception {
        String out = run(FsrsBenchmark.class, List.of("--smoke"));

        assertThat(out)
                .containsPattern("FsrsBenchmark\\.next +thrpt +[\\d,.]+ +ops/s")
                .containsPattern("FsrsBenchmark\\.repeat +thrpt +[\\d,.]+ +ops/s")
                .containsPattern("anchor skipped: .+|reviews_per_second");
    }

    @Test
    void theOptimizerBenchmarkRuns() throws Exception {
        String out = run(OptimizerBench.class, List.of("--smoke", "benchmarks/target/optimizer-smoke"));

        assertThat(out)
                .containsPattern("revlog-150\\.csv: 150 cards, [\\d,]+ reviews, [\\d,]+ items")
                .containsPattern("recollect, in process: [\\d.]+ s, log loss [\\d.]+, RMSE\\(bins\\) [\\d.]+")
                .containsPattern("anchor skipped: .+|anchor: run benchmarks/fsrs/optimizer.sh");
    }

    private String runOnTheTestDatabase(Class<?> benchmark) throws Exception {
        List<String> args = new ArrayList<>(
                List.of("--smoke", "--database-url", database.jdbcUrl(), "--database-user", database.user()));
        if (database.password() != null) {
            args.addAll(List.of("--database-password", database.password()));
        }
        return run(benchmark, args);
    }

    /** Runs {@code benchmark}'s main in a JVM of its own from the repository's root; fails unless it exits 0. */
    private static String run(Class<?> benchmark, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path") + File.pathSeparator,
                benchmark.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        boolean ended = process.waitFor(300, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String out = output.get(30, TimeUnit.SECONDS);
        assertThat(ended)
                .as("%s ended within 300 s:%n%s", benchmark.getSimpleName(), out)
                .isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "could not read the output: " + e;
        }
    }
}
