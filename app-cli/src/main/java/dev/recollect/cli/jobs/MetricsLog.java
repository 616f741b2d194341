package dev.recollect.cli.jobs;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.logging.LoggingMeterRegistry;
import io.micrometer.core.instrument.logging.LoggingRegistryConfig;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's metrics, logged: Micrometer's {@link LoggingMeterRegistry} writes one INFO line per active meter to the
 * {@code dev.recollect.cli.metrics} logger every interval, and once more when closed. A CLI worker has no endpoint to
 * scrape; its log (plain or JSON) is where an operator already looks.
 */
final class MetricsLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("dev.recollect.cli.metrics");

    private final LoggingMeterRegistry registry;

    private MetricsLog(LoggingMeterRegistry registry) {
        this.registry = registry;
    }

    /** Starts logging every {@code interval}. */
    static MetricsLog every(Duration interval) {
        LoggingRegistryConfig config = new LoggingRegistryConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public Duration step() {
                return interval;
            }
        };
        return new MetricsLog(LoggingMeterRegistry.builder(config)
                .clock(Clock.SYSTEM)
                .loggingSink(log::info)
                .build());
    }

    MeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        registry.close();
    }
}
