package dev.recollect.adapters.jdbi.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The JUnit 5 extension behind {@link PostgresTest}: one database per test class, dropped after the class. */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestDatabase database = context.getStore(NAMESPACE).remove(key(context), TestDatabase.class);
        if (database != null) {
            TestServer.get().dropDatabase(database);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return database(context);
    }

    private static TestDatabase database(ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        key(context),
                        k -> TestServer.get().newDatabase(classOf(context).getSimpleName()),
                        TestDatabase.class);
    }

    /** Nested classes share their outermost class's database, as they share its fixtures. */
    private static Class<?> classOf(ExtensionContext context) {
        Class<?> type = context.getRequiredTestClass();
        while (type.getEnclosingClass() != null) {
            type = type.getEnclosingClass();
        }
        return type;
    }

    private static String key(ExtensionContext context) {
        return classOf(context).getName();
    }
}
