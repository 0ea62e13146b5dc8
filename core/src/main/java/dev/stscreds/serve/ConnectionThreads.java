package dev.stscreds.serve;

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One thread per connection: a virtual thread where the JDK has them (21 and later), so that
 * thousands of open connections cost little memory; else a daemon platform thread with a small
 * stack. The library is built for Java 17, hence the lookup by reflection.
 */
final class ConnectionThreads {
    private static final long PLATFORM_STACK_BYTES = 256 * 1024;

    private ConnectionThreads() {}

    /** Threads named {@code prefix-N}. */
    static ThreadFactory named(String prefix) {
        ThreadFactory virtual = virtualThreads(prefix);
        if (virtual != null) return virtual;
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(null, task, prefix + "-" + n.incrementAndGet(), PLATFORM_STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
    }

    /** True when connections run on virtual threads in this JVM. */
    static boolean virtual() {
        return virtualThreads("probe") != null;
    }

    private static ThreadFactory virtualThreads(String prefix) {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Method name = Class.forName("java.lang.Thread$Builder").getMethod("name", String.class, long.class);
            builder = name.invoke(builder, prefix + "-", 1L);
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // Java 17 to 20: no virtual threads (or only as a preview)
        }
    }
}
