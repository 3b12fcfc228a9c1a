package io.consoul.infra.k8s;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.DeployEnvironment;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.RedisMode;
import io.consoul.infra.spec.fixtures.LibraryRules;
import io.consoul.infra.spec.fixtures.SpecFixtures;
import io.consoul.infra.spec.mock.ConsoulMocks;
import io.consoul.infra.spec.mock.MockStack;
import io.consoul.infra.spec.mock.MockedResource;
import io.consoul.infra.spec.mock.StackRun;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ConsoulService} used as a library: (name, args, options), inside a team's own program. */
@Timeout(120)
class ConsoulServiceLibraryTest {

    @Test
    @DisplayName("into a team's namespace, with its Redis: no Namespace and no in-cluster Redis declared, everything in that namespace")
    void existingNamespaceAndExternalRedis() {
        DeploymentSpec spec = SpecFixtures.spec(Cloud.K8S, DeployEnvironment.PRODUCTION)
                .redisMode(RedisMode.EXTERNAL).redisUrl(SpecFixtures.REDIS_URL).build();
        StackRun run = MockStack.run("team-prod", ctx -> new ConsoulService("consoul", ConsoulServiceArgs.builder()
                .spec(spec).existingNamespace(Output.of("team-apps")).build(), null)).requireSuccess();
        assertEquals(List.of(), run.resourcesOfType("kubernetes:core/v1:Namespace"));
        assertTrue(run.resourcesOfType("kubernetes:apps/v1:StatefulSet").isEmpty()
                        && run.resources().stream().noneMatch(r -> r.name().contains("redis")),
                "an external Redis: nothing of Redis is declared");
        List<MockedResource> namespaced = run.resources().stream().filter(r -> r.type().startsWith("kubernetes:")).toList();
        assertTrue(!namespaced.isEmpty());
        namespaced.forEach(r -> assertEquals("team-apps", r.input("metadata.namespace").orElseThrow(), r.type() + " " + r.name()));
    }

    @Test
    @DisplayName("an explicit provider (another cluster) reaches every child; every child is parented to the component")
    void explicitProviderAndParenting() {
        ConsoulMocks mocks = ConsoulMocks.create();
        DeploymentSpec spec = SpecFixtures.spec(Cloud.K8S, DeployEnvironment.PRODUCTION).build();
        StackRun run = MockStack.run("team-prod", mocks, ctx -> {
            var cluster = new Provider("team-cluster", ProviderArgs.builder().context("team-cluster").build());
            var consoul = new ConsoulService("consoul", ConsoulServiceArgs.builder().spec(spec).build(),
                    ComponentResourceOptions.builder().provider(cluster).build());
            ctx.export("activeColor", consoul.activeColor());
        }).requireSuccess();
        LibraryRules.assertChildrenUseProvider(mocks, run, "kubernetes:", "team-cluster");
        LibraryRules.assertParentedTo(run, "kubernetes:", ConsoulService.TYPE);
        assertEquals("blue", run.outputs().get("activeColor"));
    }
}
