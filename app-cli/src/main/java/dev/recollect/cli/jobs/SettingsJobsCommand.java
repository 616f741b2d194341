package dev.recollect.cli.jobs;

import dev.recollect.cli.app.JobSettings;
import dev.recollect.cli.command.BaseCommand;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code recollect jobs settings}: the job settings in force and where each came from. It needs no database, so it
 * also checks a configuration before a worker is started with it.
 */
@Command(
        name = "settings",
        description = "Show the effective job settings and where each came from (default, environment, option).",
        mixinStandardHelpOptions = true)
public final class SettingsJobsCommand extends BaseCommand {
    @Mixin
    JobOptions options;

    @Override
    public Integer call() {
        Output out = output();
        try {
            List<JobSettings.Setting> settings =
                    JobSettings.from(environment(), options.given()).describe();
            out.document(Map.of(
                    "settings",
                    settings.stream()
                            .map(setting -> {
                                Map<String, Object> json = new LinkedHashMap<>();
                                json.put("name", setting.name());
                                json.put("value", setting.value());
                                json.put("source", setting.source());
                                json.put("variable", setting.variable());
                                json.put("option", setting.option());
                                return json;
                            })
                            .toList()));
            int width = settings.stream().mapToInt(s -> s.name().length()).max().orElse(0);
            for (JobSettings.Setting setting : settings) {
                out.line(String.format(
                        Locale.ROOT, "%-" + width + "s  %-8s  %s", setting.name(), setting.value(), setting.source()));
            }
            return ExitCode.OK;
        } finally {
            out.flush();
        }
    }
}
