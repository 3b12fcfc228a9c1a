package io.consoul;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Virtual threads are found on Java 21 and later, and only there; on the build's Java 17 there are none. */
class VirtualThreadsTest {

    @Test
    void theFactoryMakesNamedVirtualThreadsWhereTheJreHasThemAndIsAbsentOnJava17() throws Exception {
        boolean jreHasThem = Runtime.version().feature() >= 21;
        assertThat(VirtualThreads.available()).as("on Java %s", Runtime.version()).isEqualTo(jreHasThem);
        assertThat(VirtualThreads.isVirtual(Thread.currentThread())).as("JUnit's platform thread").isFalse();

        ThreadFactory factory = VirtualThreads.factory("test-virtual-");
        if (!jreHasThem) {
            assertThat(factory).isNull();
            return;
        }
        AtomicReference<Thread> ran = new AtomicReference<>();
        Thread t = factory.newThread(() -> ran.set(Thread.currentThread()));
        t.start();
        t.join();
        assertThat(VirtualThreads.isVirtual(ran.get())).isTrue();
        assertThat(ran.get().getName()).isEqualTo("test-virtual-1");
    }
}
