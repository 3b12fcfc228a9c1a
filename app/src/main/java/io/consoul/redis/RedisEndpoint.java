package io.consoul.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redis (standalone, TLS or Cluster) behind one shared, pipelined Lettuce connection.
 *
 * <p>The process starts whether or not Redis answers: until the first connection succeeds, commands fail fast
 * with {@link RedisUnavailableException} and a retry runs every {@code CONSOUL_REDIS_RECONNECT_INTERVAL}. After
 * that, Lettuce reconnects by itself; commands issued while disconnected are rejected at once rather than
 * queued, so a Redis outage turns into quick 503s, not hung requests.
 */
public final class RedisEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisEndpoint.class);

    private final String name;
    private final AbstractRedisClient client;
    private final boolean cluster;
    private final List<RedisURI> uris;
    private volatile StatefulConnection<String, String> connection;
    private volatile RedisClusterCommands<String, String> commands;
    private volatile RedisClusterAsyncCommands<String, String> async;

    RedisEndpoint(String name, String url, boolean cluster, Duration timeout, SslOptions ssl, ClientResources resources) {
        this.name = name;
        this.cluster = cluster;
        this.uris = Arrays.stream(url.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(RedisURI::create).peek(uri -> uri.setTimeout(timeout)).toList();
        TimeoutOptions timeouts = TimeoutOptions.enabled(timeout);
        if (cluster) {
            RedisClusterClient clusterClient = RedisClusterClient.create(resources, uris);
            clusterClient.setOptions(ClusterClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(timeouts)
                    .sslOptions(ssl)
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers().enablePeriodicRefresh(Duration.ofSeconds(30)).build())
                    .build());
            this.client = clusterClient;
        } else {
            if (uris.size() != 1) throw new IllegalArgumentException(name + " Redis URL must name one server unless CONSOUL_REDIS_CLUSTER=true");
            RedisClient redisClient = RedisClient.create(resources, uris.get(0));
            redisClient.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(timeouts)
                    .sslOptions(ssl)
                    .build());
            this.client = redisClient;
        }
    }

    /** Connects now or fails: for tools and benchmarks that need Redis up front. */
    public static RedisEndpoint connectNow(String url, boolean cluster, Duration timeout, ClientResources resources) {
        RedisEndpoint endpoint = new RedisEndpoint("Direct", url, cluster, timeout, SslOptions.create(), resources);
        if (!endpoint.tryConnect()) throw new RedisUnavailableException("Redis unreachable: " + endpoint.describe());
        return endpoint;
    }

    /** Tries to connect now; on failure keeps retrying in the background until it succeeds. */
    void connect(ScheduledExecutorService scheduler, Duration retryInterval) {
        if (tryConnect()) return;
        scheduler.schedule(() -> connect(scheduler, retryInterval), retryInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized boolean tryConnect() {
        if (connection != null) return true;
        try {
            StatefulConnection<String, String> c;
            if (cluster) {
                var clusterConnection = ((RedisClusterClient) client).connect();
                commands = clusterConnection.sync();
                async = clusterConnection.async();
                c = clusterConnection;
            } else {
                var standalone = ((RedisClient) client).connect();
                commands = standalone.sync();
                async = standalone.async();
                c = standalone;
            }
            connection = c;
            log.info("{} Redis connected ({})", name, describe());
            return true;
        } catch (RedisException e) {
            log.warn("{} Redis unreachable at {}; retrying in the background", name, describe());
            return false;
        }
    }

    /** The synchronous commands, shared by every thread; fails fast when Redis has never been reached. */
    public RedisClusterCommands<String, String> commands() {
        RedisClusterCommands<String, String> c = commands;
        if (c == null) throw new RedisUnavailableException(name + " Redis not connected");
        return c;
    }

    /**
     * The same connection's asynchronous commands: several in flight at once, one round-trip wait for all of them.
     * Timeouts apply as to the synchronous ones (the connection's timeout options expire every command).
     */
    public RedisClusterAsyncCommands<String, String> async() {
        RedisClusterAsyncCommands<String, String> c = async;
        if (c == null) throw new RedisUnavailableException(name + " Redis not connected");
        return c;
    }

    public boolean isCluster() {
        return cluster;
    }

    /** One PING; false on any failure. Used by readiness and the {@code consoul_redis_up} gauge. */
    public boolean ping() {
        try {
            return connection != null && "PONG".equalsIgnoreCase(commands().ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Host and port only: URLs may carry passwords, which never reach a log. */
    private String describe() {
        return uris.stream().map(u -> u.getHost() + ":" + u.getPort() + (cluster ? "" : "/" + u.getDatabase()))
                .reduce((a, b) -> a + "," + b).orElse("?");
    }

    @Override
    public void close() {
        StatefulConnection<String, String> c = connection;
        if (c != null) c.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
