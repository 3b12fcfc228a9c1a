package io.consoul.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.VirtualThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stream work runs on virtual threads where the JRE has them (21+), on named daemon platform threads on 17. */
class ChatWorkersConfigTest {

    @Test
    void streamWorkRunsOnVirtualThreadsWhereTheJreHasThemAndOnTheCachedPoolOtherwise() throws Exception {
        ExecutorService workers = new ChatWorkersConfig().chatWorkers();
        try {
            Thread worker = workers.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            boolean jreHasVirtualThreads = Runtime.version().feature() >= 21;
            assertThat(VirtualThreads.isVirtual(worker)).as("virtual on Java %s", Runtime.version()).isEqualTo(jreHasVirtualThreads);
            assertThat(worker.getName()).startsWith("consoul-chat-");
            assertThat(worker.isDaemon()).as("never keeps the JVM alive").isTrue();
        } finally {
            workers.shutdown();
        }
        assertThat(workers.awaitTermination(10, TimeUnit.SECONDS)).as("shut down by the bean's destroy method").isTrue();
    }

    @Test
    void onJava17TheLookupFindsNoVirtualThreadsAndSaysSo() {
        ExecutorService virtual = ChatWorkersConfig.virtualThreadPerTask("x-");
        try {
            assertThat(virtual != null).isEqualTo(Runtime.version().feature() >= 21);
        } finally {
            if (virtual != null) virtual.shutdown();
        }
    }
}
