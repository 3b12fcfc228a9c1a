package io.consoul.redis;

import io.consoul.config.ConsoulProperties;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Creates at most two Redis endpoints (sessions, rate limits), sharing one when both URLs are the same. */
@Configuration(proxyBeanMethods = false)
class RedisConfig {

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService redisScheduler() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "consoul-redis");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean(destroyMethod = "shutdown")
    ClientResources redisClientResources(ConsoulProperties properties, MeterRegistry registry) {
        Duration cap = properties.redisReconnectInterval();
        return ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), cap, 2, java.util.concurrent.TimeUnit.MILLISECONDS))
                // lettuce_command_completion_seconds{command}: Redis round trips by command, for dashboards and the benchmark
                .commandLatencyRecorder(new MicrometerCommandLatencyRecorder(registry,
                        MicrometerOptions.builder().histogram(false).localDistinction(false).build()))
                .build();
    }

    @Bean
    RedisEndpoints redisEndpoints(ConsoulProperties properties, ClientResources resources, ScheduledExecutorService scheduler) {
        RedisEndpoints endpoints = RedisEndpoints.create(properties, resources);
        endpoints.all().forEach(e -> e.connect(scheduler, properties.redisReconnectInterval()));
        return endpoints;
    }

    @Bean
    RedisHealth redisHealth(RedisEndpoints endpoints, ScheduledExecutorService scheduler, MeterRegistry registry) {
        RedisHealth health = new RedisHealth(endpoints);
        if (endpoints.configured()) {
            scheduler.scheduleWithFixedDelay(health::check, 0, 5, java.util.concurrent.TimeUnit.SECONDS);
        }
        Gauge.builder("consoul.redis.up", health, h -> h.lastKnownUp() ? 1 : 0)
                .description("1 when every configured Redis answers PING (1 without Redis: nothing to be down)")
                .register(registry);
        return health;
    }
}
