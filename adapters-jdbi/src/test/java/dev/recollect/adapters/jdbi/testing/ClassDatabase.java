package dev.recollect.adapters.jdbi.testing;

import dev.recollect.adapters.jdbi.JdbiPersistence;

/**
 * A database for one jqwik test class, which JUnit's {@link PostgresTest} extension does not reach: made on first
 * use, dropped by the class's {@code @AfterContainer} method.
 */
public final class ClassDatabase {
    private final String name;
    private TestDatabase database;

    /** A database named after {@code owner}. */
    public ClassDatabase(Class<?> owner) {
        this.name = owner.getSimpleName();
    }

    /** The database, made on the first call. */
    public synchronized TestDatabase get() {
        if (database == null) {
            database = TestServer.get().newDatabase(name);
        }
        return database;
    }

    /** The stores over the database's pool. */
    public JdbiPersistence persistence() {
        return JdbiPersistence.over(get().pooled());
    }

    /** Drops the database (and closes its pool), if it was made. */
    public synchronized void drop() {
        if (database != null) {
            TestServer.get().dropDatabase(database);
            database = null;
        }
    }
}
