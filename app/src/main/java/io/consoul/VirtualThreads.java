package io.consoul;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads where the JRE has them (21+, as the container image runs). The build targets Java 17, so they are
 * looked up at run time; on 17 there are none and callers keep their platform-thread way.
 */
public final class VirtualThreads {
    /** {@code Thread::isVirtual}, or null before Java 21. A constant, so the JIT turns the call into a field read. */
    private static final MethodHandle IS_VIRTUAL = lookUpIsVirtual();

    private VirtualThreads() {}

    /** Whether the JRE has virtual threads. */
    public static boolean available() {
        return IS_VIRTUAL != null;
    }

    /** Whether {@code thread} is a virtual thread (never before Java 21). */
    public static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) return false;
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable e) { // Thread::isVirtual throws nothing
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code Thread.ofVirtual().name(namePrefix, 1).factory()}: unstarted virtual threads named {@code namePrefix1},
     * {@code namePrefix2}, ...; null before Java 21.
     */
    public static ThreadFactory factory(String namePrefix) {
        if (!available()) return null;
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            builder = Class.forName("java.lang.Thread$Builder$OfVirtual").getMethod("name", String.class, long.class)
                    .invoke(builder, namePrefix, 1L);
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException e) { // Thread::isVirtual was found, so the builder is there too
            throw new IllegalStateException("Java " + Runtime.version() + " has Thread.isVirtual but no virtual-thread builder", e);
        }
    }

    private static MethodHandle lookUpIsVirtual() {
        if (Runtime.version().feature() < 21) return null; // preview in 19 and 20: present, but the builder may refuse
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
