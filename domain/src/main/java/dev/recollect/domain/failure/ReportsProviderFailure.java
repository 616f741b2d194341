package dev.recollect.domain.failure;

/** Implemented by exceptions that carry a typed {@link ProviderFailure}, so that the classifier can use it. */
public interface ReportsProviderFailure {
    /** The typed failure this exception reports. */
    ProviderFailure providerFailure();
}
