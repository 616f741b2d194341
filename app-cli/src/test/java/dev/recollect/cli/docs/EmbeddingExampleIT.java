package dev.recollect.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.cli.testing.FakeGemini;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/embedding.md's example, as a reader would use it: its first {@code java} block is compiled on its own against
 * the library's jars and run in a JVM of its own, with only the environment the doc names, against a real PostgreSQL
 * and a stand-in for Gemini. The doc cannot drift from the code.
 */
@PostgresTest
class EmbeddingExampleIT {
    private static final Path DOC = Path.of("..", "docs", "embedding.md");
    private static final Pattern FIRST_JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    private final MockWebServer gemini = new MockWebServer();
    private final TestDatabase database;

    EmbeddingExampleIT(TestDatabase database) {
        this.database = database;
    }

    @AfterEach
    void stop() throws IOException {
        gemini.shutdown();
    }

    @Test
    void theDocsExampleCompilesAndRunsAServiceEndToEnd() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "embedding-example"));
        Path source = work.resolve("EmbeddingExample.java");
        Files.writeString(source, firstJavaBlock());
        Path classes = Files.createDirectories(work.resolve("classes"));
        compile(source, classes);
        gemini.setDispatcher(new FakeGemini());
        gemini.start();

        Run run = run(
                classes,
                Map.of(
                        "RECOLLECT_DATABASE_URL", urlWithCredentials(),
                        "GEMINI_API_KEY", "example-key",
                        "GEMINI_BASE_URL", gemini.url("/").toString()));

        assertThat(run.exitCode()).as(run.output()).isZero();
        int saved = FakeGemini.CONCEPTS.size() * FakeGemini.PHRASINGS_PER_CONCEPT;
        assertThat(run.output())
                .contains("Schema migrations applied: ")
                .containsPattern("Created job [0-9a-f-]{36}")
                .contains("completed, " + saved + " questions saved")
                .contains("Job completed with " + saved + " questions")
                .containsPattern("Q: Question \\d about (tidal|spring) tides, in full\\? \\[True, False]")
                .containsPattern("Answered \"True\": right; next review at 20\\d\\d-");
        RecordedRequest first = gemini.takeRequest(0, TimeUnit.SECONDS);
        assertThat(first.getHeader("x-goog-api-key")).isEqualTo("example-key");
    }

    private static String firstJavaBlock() throws IOException {
        Matcher block = FIRST_JAVA_BLOCK.matcher(Files.readString(DOC));
        assertThat(block.find()).as("docs/embedding.md has a java block").isTrue();
        String code = block.group(1);
        assertThat(code).contains("public final class EmbeddingExample", "public static void main(String[] args)");
        return code;
    }

    /** Compiles {@code source} as a reader's project would: against the library's jars, with every lint on. */
    private static void compile(Path source, Path classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(
                null,
                diagnostics,
                diagnostics,
                "-Xlint:all,-processing,-classfile,-path",
                "-Werror",
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                classes.toString(),
                source.toString());
        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
    }

    private String urlWithCredentials() {
        String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "user="
                + URLEncoder.encode(database.user(), StandardCharsets.UTF_8);
        return database.password() == null
                ? url
                : url + "&password=" + URLEncoder.encode(database.password(), StandardCharsets.UTF_8);
    }

    private record Run(int exitCode, String output) {}

    /** Runs the example in a JVM of its own, with {@code env} added to this one's, and waits for it to exit. */
    private static Run run(Path classes, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classes + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                "EmbeddingExample"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("GEMINI_") || name.startsWith("RECOLLECT_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            return new Run(-1, "timed out after 180 s:\n" + output.get(30, TimeUnit.SECONDS));
        }
        return new Run(process.exitValue(), output.get(30, TimeUnit.SECONDS));
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "could not read the output: " + e;
        }
    }
}
