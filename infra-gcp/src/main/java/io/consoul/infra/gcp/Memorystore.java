package io.consoul.infra.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.redis.Instance;
import com.pulumi.gcp.redis.InstanceArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.RedisEnv;
import io.consoul.infra.spec.RedisSpec;

/**
 * Memorystore Redis on a private address of the stack's VPC (no public endpoint exists), with AUTH and in-transit
 * encryption; the standard tier (a replica with automatic failover) where the spec asks for high availability.
 * Memorystore generates the AUTH string; it leaves only as a Pulumi secret.
 */
record Memorystore(Output<String> host, Output<Integer> port, Output<String> authString, Output<String> caCert) {
    static final String REDIS_VERSION = "REDIS_7_0";
    /** TLS with the server's certificate: the only in-transit mode Memorystore offers. */
    static final String TRANSIT_ENCRYPTION = "SERVER_AUTHENTICATION";

    static Memorystore create(String name, DeploymentSpec spec, String region, GcpNetwork network,
                              CustomResourceOptions opts) {
        RedisSpec redis = spec.redis();
        if (!redis.managed()) {
            return new Memorystore(null, null, null, null);
        }
        var instance = new Instance(name, InstanceArgs.builder()
                .displayName("Consoul sessions (db 1) and rate limits (db 0)")
                .region(region)
                .tier(redis.highAvailability() ? "STANDARD_HA" : "BASIC")
                .memorySizeGb(memorySizeGb(redis.tier().memoryMb()))
                .redisVersion(REDIS_VERSION)
                .authorizedNetwork(network.network().id())
                .connectMode("DIRECT_PEERING")
                .authEnabled(true)
                .transitEncryptionMode(TRANSIT_ENCRYPTION)
                .build(),
                CustomResourceOptions.merge(opts,
                        CustomResourceOptions.builder().protect(spec.platform().deletionProtection()).build()));
        return new Memorystore(instance.host(), instance.port(), instance.authString().asSecret(),
                instance.serverCaCerts().applyValue(Memorystore::firstCert));
    }

    /**
     * The CA that signed the server's TLS certificate: Google's private CA, which the app must be told to trust
     * ({@code CONSOUL_REDIS_CA_CERT}). Public data, so a plain variable.
     */
    private static String firstCert(java.util.List<com.pulumi.gcp.redis.outputs.InstanceServerCaCert> certs) {
        return certs == null || certs.isEmpty() ? "" : certs.get(0).cert().orElse("");
    }

    /** Memorystore sizes in whole GB, at least 1: the guide's tier rounded up. */
    static int memorySizeGb(int memoryMb) {
        return Math.max(1, (memoryMb + 1023) / 1024);
    }

    /** {@code host:port}, no password. */
    Output<String> endpoint(DeploymentSpec spec) {
        if (host == null) {
            return Output.of(RedisEnv.endpoint(spec.redis().url().orElseThrow()));
        }
        return Output.tuple(host, port).applyValue(hp -> hp.t1 + ":" + hp.t2);
    }
}
