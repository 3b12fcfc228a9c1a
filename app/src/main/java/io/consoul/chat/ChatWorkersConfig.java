package io.consoul.chat;

import io.consoul.VirtualThreads;
import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChatWorkersConfig {
    private static final Logger log = LoggerFactory.getLogger(ChatWorkersConfig.class);

    /**
     * Threads for streams, WebSocket replies and parallel batch items; they finish before Redis closes (see
     * ShutdownDrain). A stream spends nearly all its life waiting for the model's next token, so on a JRE with
     * virtual threads (21+, the container's LTS JRE) each task gets one: thousands of open streams then cost a few
     * KiB each instead of a platform thread's stack, and a sleeping or blocked stream holds no carrier. The build
     * targets Java 17, so they are looked up at run time; on 17 the pool is cached platform threads as before.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService chatWorkers() {
        ExecutorService virtual = virtualThreadPerTask("consoul-chat-");
        if (virtual != null) {
            log.info("Streams and chat workers run on virtual threads");
            return virtual;
        }
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "consoul-chat-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 1).factory())}, or null before Java 21. */
    static ExecutorService virtualThreadPerTask(String namePrefix) {
        ThreadFactory virtual = VirtualThreads.factory(namePrefix);
        if (virtual == null) return null;
        try {
            Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
            return (ExecutorService) perTask.invoke(null, virtual);
        } catch (ReflectiveOperationException e) { // a JRE without it after all: the platform pool serves
            log.warn("Virtual threads unavailable on Java {}: {}", Runtime.version(), e.toString());
            return null;
        }
    }
}
