package dev.recollect.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * {@code --log-format text|json}: text for people (logback.xml), one JSON object per line for machines
 * (logback-json.xml, logback's own {@code JsonEncoder}, with the MDC). Applied before the command runs, since logging
 * is configured when the process starts.
 */
final class LogFormat {
    private LogFormat() {}

    /** Switches to JSON logs when {@code args} ask for them; unknown values are left to picocli to refuse. */
    static void apply(List<String> args) {
        int at = args.indexOf("--log-format");
        boolean json = (at >= 0 && at + 1 < args.size() && args.get(at + 1).equals("json"))
                || args.contains("--log-format=json");
        if (json) {
            configure(LogFormat.class.getResource("/logback-json.xml"));
        }
    }

    private static void configure(URL config) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("could not configure JSON logs from " + config, e);
        }
    }
}
