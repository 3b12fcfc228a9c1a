package io.consoul.chat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChatWorkersConfig {

    /** Threads for streams and parallel batch items; they finish before Redis closes (see ShutdownDrain). */
    @Bean(destroyMethod = "shutdown")
    ExecutorService chatWorkers() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "consoul-chat-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
