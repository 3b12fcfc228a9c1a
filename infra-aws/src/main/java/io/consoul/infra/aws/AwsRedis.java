package io.consoul.infra.aws;

import com.pulumi.aws.elasticache.ReplicationGroup;
import com.pulumi.aws.elasticache.ReplicationGroupArgs;
import com.pulumi.aws.elasticache.SubnetGroup;
import com.pulumi.aws.elasticache.SubnetGroupArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.Ports;
import io.consoul.infra.spec.RedisSpec;
import io.consoul.infra.spec.RedisTier;

import java.util.List;

/**
 * ElastiCache Redis in the private subnets, TLS in transit, an auth token from the stack's secrets, and in
 * production a replica in the other zone with automatic failover.
 */
record AwsRedis(Output<String> host, Output<Integer> port) {
    static final String ENGINE_VERSION = "7.1";
    /** A node per tier of the guide's Redis table, each with at least the tier's memory. */
    static String nodeType(RedisTier tier) {
        return switch (tier) {
            case BASIC_250MB -> "cache.t4g.micro";
            case STANDARD_1GB -> "cache.t4g.small";
            case LARGE_6GB -> "cache.m7g.large";
            case CLUSTER_26GB -> "cache.r7g.xlarge";
        };
    }

    static AwsRedis create(String name, DeploymentSpec spec, AwsNetwork network, SecurityGroups groups,
                           CustomResourceOptions opts) {
        RedisSpec redis = spec.redis();
        if (!redis.managed()) {
            return new AwsRedis(null, null);
        }
        var subnets = new SubnetGroup(name + "-redis", SubnetGroupArgs.builder()
                .description("Consoul Redis: private subnets only")
                .subnetIds(network.privateSubnets()).build(), opts);
        boolean ha = redis.highAvailability();
        var group = new ReplicationGroup(name + "-redis", ReplicationGroupArgs.builder()
                .description("Consoul sessions (db 1) and rate limits (db 0)")
                .engine("redis").engineVersion(ENGINE_VERSION)
                .nodeType(nodeType(redis.tier()))
                .port(Ports.REDIS)
                .numCacheClusters(ha ? 2 : 1)
                .automaticFailoverEnabled(ha)
                .multiAzEnabled(ha)
                .transitEncryptionEnabled(true)
                .atRestEncryptionEnabled(true)
                .authToken(redis.password().orElseThrow().output())
                .subnetGroupName(subnets.name())
                .securityGroupIds(groups.redis().id().applyValue(List::of))
                .snapshotRetentionLimit(spec.environment().isProduction() ? 7 : 0)
                .applyImmediately(!spec.environment().isProduction())
                .build(), opts);
        return new AwsRedis(group.primaryEndpointAddress(), group.port().applyValue(p -> p.orElse(Ports.REDIS)));
    }

    /** {@code host:port}, no password. */
    Output<String> endpoint(DeploymentSpec spec) {
        if (host == null) {
            return Output.of(io.consoul.infra.spec.RedisEnv.endpoint(spec.redis().url().orElseThrow()));
        }
        return Output.tuple(host, port).applyValue(hp -> hp.t1 + ":" + hp.t2);
    }
}
