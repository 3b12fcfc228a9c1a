package io.consoul.infra.azure;

import com.pulumi.azurenative.cache.CacheFunctions;
import com.pulumi.azurenative.cache.Redis;
import com.pulumi.azurenative.cache.RedisArgs;
import com.pulumi.azurenative.cache.inputs.ListRedisKeysArgs;
import com.pulumi.azurenative.cache.inputs.SkuArgs;
import com.pulumi.azurenative.network.PrivateDnsZoneGroup;
import com.pulumi.azurenative.network.PrivateDnsZoneGroupArgs;
import com.pulumi.azurenative.network.PrivateEndpoint;
import com.pulumi.azurenative.network.PrivateEndpointArgs;
import com.pulumi.azurenative.network.PrivateZone;
import com.pulumi.azurenative.network.PrivateZoneArgs;
import com.pulumi.azurenative.network.VirtualNetworkLink;
import com.pulumi.azurenative.network.VirtualNetworkLinkArgs;
import com.pulumi.azurenative.network.inputs.PrivateDnsZoneConfigArgs;
import com.pulumi.azurenative.network.inputs.PrivateLinkServiceConnectionArgs;
import com.pulumi.azurenative.network.inputs.SubResourceArgs;
import com.pulumi.azurenative.network.inputs.SubnetArgs;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.RedisEnv;
import io.consoul.infra.spec.RedisSpec;
import io.consoul.infra.spec.RedisTier;

/**
 * Azure Cache for Redis with TLS only (port 6380, TLS 1.2+), public network access disabled, reached through a
 * private endpoint in the stack's VNet whose private DNS zone makes the usual host name resolve privately. Its
 * access key, which Azure generates, leaves only as a Pulumi secret.
 */
record AzureRedis(Output<String> host, Output<Integer> port, Output<String> accessKey) {
    static final String DNS_ZONE = "privatelink.redis.cache.windows.net";
    static final String REDIS_VERSION = "6";

    /** The C family capacity holding at least the guide's tier: C0 250 MB, C1 1 GB, C3 6 GB, C5 26 GB. */
    static int capacity(RedisTier tier) {
        return switch (tier) {
            case BASIC_250MB -> 0;
            case STANDARD_1GB -> 1;
            case LARGE_6GB -> 3;
            case CLUSTER_26GB -> 5;
        };
    }

    static AzureRedis create(String name, DeploymentSpec spec, AzureGroup group, AzureNetwork network,
                             CustomResourceOptions opts, InvokeOptions invoke) {
        RedisSpec redis = spec.redis();
        if (!redis.managed()) {
            return new AzureRedis(null, null, null);
        }
        var cache = new Redis(name, RedisArgs.builder()
                .resourceGroupName(group.name())
                // azure-native 2.10.0's SkuName enum lacks Standard: the string form.
                .sku(SkuArgs.builder().name(Either.ofLeft(redis.highAvailability() ? "Standard" : "Basic"))
                        .family(Either.ofLeft("C")).capacity(capacity(redis.tier())).build())
                .redisVersion(REDIS_VERSION)
                .enableNonSslPort(false)
                .minimumTlsVersion(Either.ofLeft("1.2"))
                .publicNetworkAccess(Either.ofLeft("Disabled"))
                .build(),
                CustomResourceOptions.merge(opts,
                        CustomResourceOptions.builder().protect(spec.platform().deletionProtection()).build()));
        privateEndpoint(name, group, network, cache, opts);
        Output<String> key = CacheFunctions.listRedisKeys(ListRedisKeysArgs.builder()
                        .resourceGroupName(group.name()).name(cache.name()).build(), invoke)
                .applyValue(keys -> keys.primaryKey()).asSecret();
        return new AzureRedis(cache.hostName(), cache.sslPort(), key);
    }

    private static void privateEndpoint(String name, AzureGroup group, AzureNetwork network, Redis cache,
                                        CustomResourceOptions opts) {
        var endpoint = new PrivateEndpoint(name + "-redis", PrivateEndpointArgs.builder()
                .resourceGroupName(group.name())
                .subnet(SubnetArgs.builder().id(network.endpointsSubnetId()).build())
                .privateLinkServiceConnections(PrivateLinkServiceConnectionArgs.builder()
                        .name(name + "-redis").privateLinkServiceId(cache.id()).groupIds("redisCache").build())
                .build(), opts);
        var zone = new PrivateZone(name + "-redis", PrivateZoneArgs.builder()
                .resourceGroupName(group.name()).privateZoneName(DNS_ZONE).location("Global").build(), opts);
        new VirtualNetworkLink(name + "-redis", VirtualNetworkLinkArgs.builder()
                .resourceGroupName(group.name()).privateZoneName(zone.name()).location("Global")
                .virtualNetwork(SubResourceArgs.builder().id(network.vnetId()).build())
                .registrationEnabled(false).build(), opts);
        new PrivateDnsZoneGroup(name + "-redis", PrivateDnsZoneGroupArgs.builder()
                .resourceGroupName(group.name()).privateEndpointName(endpoint.name())
                .privateDnsZoneConfigs(PrivateDnsZoneConfigArgs.builder().name("redis").privateDnsZoneId(zone.id()).build())
                .build(), opts);
    }

    /** {@code host:port}, no key. */
    Output<String> endpoint(DeploymentSpec spec) {
        if (host == null) {
            return Output.of(RedisEnv.endpoint(spec.redis().url().orElseThrow()));
        }
        return Output.tuple(host, port).applyValue(hp -> hp.t1 + ":" + hp.t2);
    }
}
