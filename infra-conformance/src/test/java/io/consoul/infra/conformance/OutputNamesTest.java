package io.consoul.infra.conformance;

import com.pulumi.Context;
import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.DeployEnvironment;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.StackOutputs;
import io.consoul.infra.spec.fixtures.SpecFixtures;
import io.consoul.infra.spec.mock.MockStack;
import io.consoul.infra.spec.mock.StackRun;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@Timeout(300)
class OutputNamesTest {
    /** Each cloud's program, as `pulumi up` would run it for a spec. */
    private static final Map<Cloud, BiConsumer<Context, DeploymentSpec>> PROGRAMS = new EnumMap<>(Map.of(
            Cloud.AWS, io.consoul.infra.aws.App::stack,
            Cloud.K8S, io.consoul.infra.k8s.App::stack,
            Cloud.GCP, io.consoul.infra.gcp.App::stack,
            Cloud.AZURE, io.consoul.infra.azure.App::stack));

    @Test
    @DisplayName("all four clouds export the same output names, every one with a value, so users and the switch command learn them once")
    void allCloudsExportTheSameOutputNames() {
        Map<Cloud, Set<String>> names = new EnumMap<>(Cloud.class);
        PROGRAMS.forEach((cloud, program) -> {
            DeploymentSpec spec = SpecFixtures.spec(cloud, DeployEnvironment.STAGING).build();
            StackRun run = MockStack.run(cloud.key() + "-staging", ctx -> program.accept(ctx, spec)).requireSuccess();
            run.outputs().forEach((name, value) -> assertNotNull(value, cloud.key() + " exports " + name + " without a value"));
            names.put(cloud, new TreeSet<>(run.outputs().keySet()));
        });
        assertEquals(Set.of(Cloud.values()), names.keySet(), "every cloud has a program");
        names.forEach((cloud, exported) ->
                assertEquals(new TreeSet<>(StackOutputs.NAMES), exported, cloud.key() + " exports other names"));
    }
}
