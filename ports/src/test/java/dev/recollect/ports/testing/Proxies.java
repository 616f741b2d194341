package dev.recollect.ports.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/** Ports whose calls a test intercepts: to fail some of them, swap a part, or count them, and pass the rest on. */
public final class Proxies {
    private Proxies() {}

    /** What happens to one call: answer it, throw, or {@link Call#proceed()} to the real port. */
    @FunctionalInterface
    public interface Around {
        /**
         * Handles {@code call}.
         *
         * @throws Throwable whatever the call should throw
         */
        Object handle(Call call) throws Throwable;
    }

    /**
     * One intercepted call.
     *
     * @param method the port's method
     * @param args its arguments; {@code null} for none
     * @param real the port behind the proxy
     */
    public record Call(Method method, Object[] args, Object real) {
        /** The method's name. */
        public String name() {
            return method.getName();
        }

        /** Calls the real port, rethrowing what it throws as it threw it. */
        public Object proceed() throws Throwable {
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** {@code real} behind {@code around}; {@link Object}'s own methods always reach {@code real}. */
    public static <T> T around(Class<T> port, T real, Around around) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            Call call = new Call(method, args, real);
            return method.getDeclaringClass() == Object.class ? call.proceed() : around.handle(call);
        }));
    }
}
