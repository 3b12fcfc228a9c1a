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
                .authorizedNetwork(network.networkId())
                .connectMode("DIRECT_PEERING")
                .authEnabled(true)
                .transitEncryptionMode(TRANSIT_ENCRYPTION)
                .build(),
                CustomResourceOptions.merge(opts,
                        CustomResourceOptions.builder().protect(spec.platform().deletionProtection()).build()));
        return new Memorystore(instance.host(), instance.port(), instance.authString().asSecret(),
                instance.serverCaCerts().applyValue(Memorystore::caBundle));
    }

    /**
     * Every CA of the instance, as one PEM bundle the app trusts ({@code CONSOUL_REDIS_CA_CERT}). An instance has one
     * or more: five years after creation a new CA appears beside the old one, and the server certificate moves to it
     * while the old one is still valid (https://cloud.google.com/memorystore/docs/redis/in-transit-encryption#certificate_authority_rotation),
     * so trusting only the first would break TLS at the rotation. Public data, so a plain variable; a new CA changes
     * the revision template and so rolls out a new revision.
     */
    static String caBundle(java.util.List<com.pulumi.gcp.redis.outputs.InstanceServerCaCert> certs) {
        if (certs == null) {
            return "";
        }
        return certs.stream().map(c -> c.cert().orElse("").trim()).filter(c -> !c.isEmpty())
                .collect(java.util.stream.Collectors.joining("\n")) ;
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
