/**
 * Metrics through Micrometer: {@link dev.recollect.ports.metrics.MicrometerMetrics} implements the {@link
 * dev.recollect.ports.out.Metrics} port over the registry an embedding service already runs. Micrometer is an optional
 * dependency of this module: a service that passes no registry never loads it.
 */
package dev.recollect.ports.metrics;
