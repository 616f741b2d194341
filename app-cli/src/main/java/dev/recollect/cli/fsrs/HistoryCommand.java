package dev.recollect.cli.fsrs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A command that reads review histories: a revlog CSV, or JSON histories on the standard input it is given. */
abstract class HistoryCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    HistoryInput histories = new HistoryInput();

    @Option(names = "--json", description = "Print JSON (fields in docs/cli.md).")
    boolean json;

    final InputStream stdin;

    HistoryCommand(InputStream stdin) {
        this.stdin = stdin;
    }
}
