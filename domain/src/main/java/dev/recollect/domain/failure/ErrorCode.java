package dev.recollect.domain.failure;

/** The error codes a failed job carries, as the reference app names them. */
public enum ErrorCode {
    /** The LLM's output did not have the expected shape, or was cut short. */
    SCHEMA_VALIDATION,
    /** The provider asked us to slow down. */
    RATE_LIMIT,
    /** The provider rejected the credentials. */
    API_KEY,
    /** The provider is misconfigured: unknown model, bad base URL, missing setting. */
    CONFIG_ERROR,
    /** The provider could not be reached, or did not answer in time. */
    NETWORK,
    /** The provider refused the content. */
    CONTENT_BLOCKED,
    /** Anything else. */
    UNKNOWN
}
