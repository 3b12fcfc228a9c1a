package io.consoul.examples;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.consoul.infra.aws.ConsoulService;
import io.consoul.infra.aws.ConsoulServiceArgs;
import io.consoul.infra.spec.AppSecret;
import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.DeployEnvironment;
import io.consoul.infra.spec.DeploymentSpec;

import java.util.Arrays;
import java.util.List;

/**
 * A team's program: Consoul, production-sized, in the VPC the team already runs, in the region of an explicit
 * provider. Everything not set here takes the scaling guide's defaults (medium size, 2–10 tasks, CPU 70 %).
 */
public final class ExistingVpc {
    private ExistingVpc() {
    }

    public static void main(String[] args) {
        Pulumi.run(ExistingVpc::stack);
    }

    /** What this program reads from its stack config. */
    record Settings(String region, String vpcId, List<String> publicSubnetIds, List<String> privateSubnetIds,
                    String image, String apiKeys, String redisPassword) {
    }

    static void stack(Context ctx) {
        var config = ctx.config();
        declare(ctx, new Settings(config.require("region"), config.require("vpcId"),
                list(config.require("publicSubnetIds")), list(config.require("privateSubnetIds")),
                config.require("image"), config.require("apiKeys"), config.require("redisPassword")));
    }

    /** Declares the program for settings built anywhere (its test builds them directly). */
    static ConsoulService declare(Context ctx, Settings settings) {
        var region = new Provider("consoul-region", ProviderArgs.builder().region(settings.region()).build());
        var spec = DeploymentSpec.builder()
                .cloud(Cloud.AWS).environment(DeployEnvironment.PRODUCTION)
                .image(Color.BLUE, settings.image()).image(Color.GREEN, settings.image())
                .secret(AppSecret.API_KEYS, settings.apiKeys())
                .redisPassword(settings.redisPassword())
                .build();
        var consoul = new ConsoulService("consoul", ConsoulServiceArgs.builder()
                .spec(spec)
                .existingVpc(Output.of(settings.vpcId()),
                        settings.publicSubnetIds().stream().map(Output::of).toList(),
                        settings.privateSubnetIds().stream().map(Output::of).toList())
                .build(),
                ComponentResourceOptions.builder().provider(region).build());
        ctx.export("url", consoul.url());
        ctx.export("previewUrl", consoul.previewUrl());
        ctx.export("activeColor", consoul.activeColor());
        return consoul;
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
