package io.consoul.support;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/** Three masters, no replicas: the smallest real Redis Cluster, made with {@code redis-cli --cluster create}. */
public final class RedisCluster implements AutoCloseable {
    private final List<RedisServer> nodes = new ArrayList<>();

    private RedisCluster() {}

    public static RedisCluster launch(String... extraArgs) {
        RedisCluster cluster = new RedisCluster();
        try {
            for (int i = 0; i < 3; i++) {
                List<String> args = new ArrayList<>(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "5000"));
                args.addAll(List.of(extraArgs));
                cluster.nodes.add(RedisServer.launch(args.toArray(String[]::new)));
            }
            List<String> command = new ArrayList<>(List.of(RedisServer.binary().replace("redis-server", "redis-cli"), "--cluster", "create"));
            cluster.nodes.forEach(n -> command.add("127.0.0.1:" + n.port()));
            command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Process create = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(create.getInputStream().readAllBytes());
            if (create.waitFor() != 0) throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
            cluster.awaitStateOk();
            return cluster;
        } catch (IOException | RuntimeException | InterruptedException e) {
            cluster.close();
            throw new IllegalStateException("could not start a Redis Cluster", e);
        }
    }

    /** Every master stopped (SIGTERM), until {@link #start}. */
    public void stop() {
        nodes.forEach(RedisServer::stop);
    }

    /** Every master started again on its port and data (its {@code nodes.conf} keeps the slots); waits for state ok. */
    public void start() {
        nodes.forEach(RedisServer::start);
        awaitStateOk();
    }

    private void awaitStateOk() {
        Awaitility.await("cluster_state:ok on every master").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(this::allOk);
    }

    private boolean allOk() throws IOException {
        for (RedisServer n : nodes) if (!n.bulk("CLUSTER INFO").contains("cluster_state:ok")) return false;
        return true;
    }

    /** The hash slot of {@code key} ({@code CLUSTER KEYSLOT}). */
    public int slotOf(String key) throws IOException {
        return Integer.parseInt(nodes.get(0).command("CLUSTER KEYSLOT " + key).substring(1));
    }

    /** The master that serves {@code key}'s slot: the one node that answers for it (the others redirect, MOVED). */
    public RedisServer ownerOf(String key) throws IOException {
        for (RedisServer n : nodes) if (n.command("EXISTS " + key).startsWith(":")) return n;
        throw new IllegalStateException("no master serves the slot of " + key);
    }

    /** Seed URLs for {@code CONSOUL_REDIS_CLUSTER=true}. */
    public String urls() {
        return nodes.stream().map(n -> "redis://127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
