package dev.recollect.cli.app;

import dev.recollect.ports.metrics.MicrometerMetrics;
import dev.recollect.ports.out.JobReports;
import dev.recollect.ports.out.Metrics;
import io.micrometer.core.instrument.logging.LoggingMeterRegistry;
import io.micrometer.core.instrument.logging.LoggingRegistryConfig;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long-running command's metrics, logged: Micrometer's {@link LoggingMeterRegistry} writes one INFO line per active
 * meter to the {@code dev.recollect.cli.metrics} logger every interval, and once more, for the last partial
 * interval, when closed. A CLI worker has no endpoint to scrape; its log (plain or JSON) is where an operator already
 * looks. When off, it records nothing.
 */
public final class MetricsLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("dev.recollect.cli.metrics");

    private final LoggingMeterRegistry registry;
    private final Metrics metrics;
    private final Duration interval;

    private MetricsLog(LoggingMeterRegistry registry, Metrics metrics, Duration interval) {
        this.registry = registry;
        this.metrics = metrics;
        this.interval = interval;
    }

    /** A log that records nothing. */
    public static MetricsLog off() {
        return new MetricsLog(null, Metrics.NONE, null);
    }

    /** Starts logging every {@code interval}. */
    public static MetricsLog every(Duration interval) {
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
        LoggingMeterRegistry registry = LoggingMeterRegistry.builder(config)
                .clock(io.micrometer.core.instrument.Clock.SYSTEM)
                .loggingSink(log::info)
                .build();
        return new MetricsLog(registry, new MicrometerMetrics(registry), interval);
    }

    /** What the services record into. */
    public Metrics metrics() {
        return metrics;
    }

    /** Adds the job queue's gauges, read at most once per interval; nothing when off. */
    public MetricsLog withQueue(JobReports jobs, Clock clock) {
        if (metrics instanceof MicrometerMetrics micrometer) {
            micrometer.bindQueue(jobs, clock, interval);
        }
        return this;
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
    }
}
