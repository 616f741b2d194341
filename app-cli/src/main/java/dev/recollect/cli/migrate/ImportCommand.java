package dev.recollect.cli.migrate;

import dev.recollect.cli.app.App;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code recollect import}: imports from other systems. */
@Command(
        name = "import",
        description = "Import data from other systems.",
        mixinStandardHelpOptions = true,
        subcommands = {ImportCommand.ConvexExportCommand.class})
public final class ImportCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code import convex-export PATH}. */
    @Command(
            name = "convex-export",
            description = "Import a Convex export (ZIP or directory) into staging, one JSONB document per row.",
            mixinStandardHelpOptions = true)
    static final class ConvexExportCommand extends AppCommand {
        @Parameters(paramLabel = "PATH", description = "The export: a ZIP, or a directory with one folder per table.")
        Path path;

        @Override
        protected int run(App app, Output out) throws IOException {
            List<ConvexExport.TableReport> reports = new ConvexExport(
                            app.recollect().importDocuments(), app.clock().instant())
                    .importFrom(path);
            Map<String, Object> document = new LinkedHashMap<>();
            document.put(
                    "tables",
                    reports.stream()
                            .map(r -> {
                                Map<String, Object> m = new LinkedHashMap<>();
                                m.put("table", r.table());
                                m.put("read", r.read());
                                m.put("imported", r.imported());
                                m.put("alreadyPresent", r.alreadyPresent());
                                m.put("malformed", r.malformed());
                                return m;
                            })
                            .toList());
            out.document(document);
            for (ConvexExport.TableReport r : reports) {
                out.line(
                        "%-24s %6d lines, %6d imported, %6d already present, %d malformed",
                        r.table(),
                        r.read(),
                        r.imported(),
                        r.alreadyPresent(),
                        r.malformed().size());
                r.malformed().stream().limit(20).forEach(m -> out.line("    %s", m));
            }
            if (reports.isEmpty()) {
                out.line("No tables found in %s (expected <table>/documents.jsonl).", path);
            }
            return ExitCode.OK;
        }
    }
}
