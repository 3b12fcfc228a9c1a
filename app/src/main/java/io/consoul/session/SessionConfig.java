package io.consoul.session;

import io.consoul.config.ConsoulProperties;
import io.consoul.redis.RedisEndpoints;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Picks the session store (Redis, Redis with memory fallback, or memory) and keeps the active-sessions gauge. */
@Configuration(proxyBeanMethods = false)
class SessionConfig {
    private static final Logger log = LoggerFactory.getLogger(SessionConfig.class);

    @Bean
    SessionStore sessionStore(ConsoulProperties p, RedisEndpoints redis, MeterRegistry registry) {
        SessionStore memory = new InMemorySessionStore(p.sessionTtl(), Clock.systemUTC());
        AtomicInteger degraded = new AtomicInteger();
        Gauge.builder("consoul.redis.degraded", degraded, AtomicInteger::get)
                .description("Whether Redis is in degraded mode (1=degraded, 0=healthy)").register(registry);
        Counter recovered = Counter.builder("consoul.redis.recovered")
                .description("Total number of Redis connection recoveries").register(registry);
        return redis.sessions().<SessionStore>map(endpoint -> {
            SessionStore store = new RedisSessionStore(endpoint, p.sessionKeyPrefix(), p.sessionTtl());
            return p.redisFallbackEnabled() ? new FallbackSessionStore(store, memory, degraded, recovered) : store;
        }).orElseGet(() -> {
            log.info("No session Redis configured: sessions live in this process's memory (one instance only)");
            return memory;
        });
    }

    /** The reference's orphan clean-up, on the session Redis only (memory entries always expire). */
    @Bean
    Object sessionGc(ConsoulProperties p, RedisEndpoints redis, JsonMapper json, ScheduledExecutorService redisScheduler) {
        if (p.sessionGcBatchSize() < 1 || p.sessionGcBatchSize() > 10_000) {
            throw new IllegalArgumentException("CONSOUL_SESSION_GC_BATCH_SIZE is " + p.sessionGcBatchSize() + "; allowed: 1 to 10000");
        }
        if (p.sessionGcInterval().isNegative()) {
            throw new IllegalArgumentException("CONSOUL_SESSION_GC_INTERVAL is negative; 0 turns it off");
        }
        return redis.sessions().filter(endpoint -> !p.sessionGcInterval().isZero()).map(endpoint -> {
            SessionGc gc = new SessionGc(endpoint, p.sessionKeyPrefix(), p.sessionTtl(), p.sessionGcBatchSize(), json, Clock.systemUTC());
            long every = p.sessionGcInterval().toMillis();
            redisScheduler.scheduleWithFixedDelay(gc::collect, every, every, TimeUnit.MILLISECONDS);
            return (Object) gc;
        }).orElse("off");
    }

    @Bean
    Sessions sessions(SessionStore store, JsonMapper json) {
        return new Sessions(store, json, Clock.systemUTC());
    }

    /** Counted off the request path, every few seconds, from the shared store: equal on every instance. */
    @Bean
    Gauge activeSessionsGauge(Sessions sessions, MeterRegistry registry, ScheduledExecutorService redisScheduler) {
        AtomicLong active = new AtomicLong();
        redisScheduler.scheduleWithFixedDelay(() -> {
            try {
                active.set(sessions.activeSessions());
            } catch (RuntimeException e) {
                log.debug("Active sessions not counted: store unavailable");
            }
        }, 0, 5, TimeUnit.SECONDS);
        return Gauge.builder("consoul.active.sessions", active, AtomicLong::get)
                .description("Number of active sessions").register(registry);
    }
}
