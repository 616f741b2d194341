package dev.recollect.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.cli.CliRun;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code recollect} in-process against one test database, as an operator with an external PostgreSQL would. */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestDatabase database;

    Cli(TestDatabase database) {
        this.database = database;
    }

    /** Runs a command with the database options appended. */
    CliRun run(String stdin, String... args) {
        return runWith(System.getenv(), stdin, args);
    }

    /** Runs a command with the database options appended, under {@code env}. */
    CliRun runWith(java.util.Map<String, String> env, String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(CliRun.databaseOptions(database));
        return CliRun.withEnvironment(env, stdin, all.toArray(String[]::new));
    }

    /** Runs a command with {@code --json} and parses its output; the command must succeed. */
    JsonNode json(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        CliRun run = run("", all.toArray(String[]::new));
        if (run.exitCode() != 0) {
            throw new AssertionError("exit " + run.exitCode() + ": " + run.err() + run.out());
        }
        try {
            return JSON.readTree(run.out());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("not JSON: " + run.out(), e);
        }
    }
}
