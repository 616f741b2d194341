package dev.recollect.adapters.jdbi.server;

/** Where {@link LocalPostgres} takes its PostgreSQL programs from. */
public enum BinarySource {
    /** The machine's binaries if there are any, otherwise the bundled ones. */
    AUTO,
    /** Only the machine's binaries: {@code pg_config --bindir}, Debian's versioned directory, or {@code PATH}. */
    MACHINE,
    /** Only the binaries bundled in the {@code io.zonky.test.postgres} artifact on the class path. */
    BUNDLED
}
