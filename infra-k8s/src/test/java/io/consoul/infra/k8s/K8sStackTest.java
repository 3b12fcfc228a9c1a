package io.consoul.infra.k8s;

import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.DeployEnvironment;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.RedisMode;
import io.consoul.infra.spec.StackOutputs;
import io.consoul.infra.spec.fixtures.SpecFixtures;
import io.consoul.infra.spec.fixtures.SwitchRule;
import io.consoul.infra.spec.mock.MockStack;
import io.consoul.infra.spec.mock.MockedResource;
import io.consoul.infra.spec.mock.StackRun;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class K8sStackTest {
    static final String SERVICE = "kubernetes:core/v1:Service";
    static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";

    static StackRun run(DeploymentSpec spec) {
        return MockStack.run("k8s-" + spec.environment().key(), ctx -> App.stack(ctx, spec)).requireSuccess();
    }

    static DeploymentSpec spec(Color active) {
        return SpecFixtures.spec(Cloud.K8S, DeployEnvironment.STAGING).activeColor(active).build();
    }

    static MockedResource container(StackRun run, Color color) {
        List<?> containers = (List<?>) run.resource(DEPLOYMENT, "consoul-" + color.key())
                .input("spec.template.spec.containers").orElseThrow();
        Map<?, ?> c = (Map<?, ?>) containers.get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> inputs = (Map<String, Object>) c;
        return new MockedResource("container", color.key(), inputs, Set.of(), inputs);
    }

    @ParameterizedTest(name = "Service consoul selects the active colour, consoul-preview the idle one ({0} active)")
    @EnumSource(Color.class)
    void productionServiceSelectsActiveColour(Color active) {
        StackRun run = run(spec(active));
        assertEquals(active.key(), run.resource(SERVICE, "consoul").input("spec.selector.color").orElseThrow());
        assertEquals(active.other().key(), run.resource(SERVICE, "consoul-preview").input("spec.selector.color").orElseThrow());
        assertEquals("consoul", run.resource(SERVICE, "consoul").input("metadata.name").orElseThrow());
        for (Color color : Color.values()) {
            assertEquals(color.key(), run.resource(DEPLOYMENT, "consoul-" + color.key())
                    .input("spec.template.metadata.labels.color").orElseThrow(), "pods carry their colour");
        }
        assertEquals(active.key(), run.outputs().get(StackOutputs.ACTIVE_COLOR));
    }

    @Test
    @DisplayName("switching activeColor changes only the two Services' selectors; every other input is identical")
    void switchingChangesOnlyRouting() {
        StackRun blue = run(spec(Color.BLUE));
        StackRun green = run(spec(Color.GREEN));
        Set<String> routing = Set.of("consoul", "consoul-preview");
        SwitchRule.assertOnlyRoutingChanges(blue, green, r -> r.type().equals(SERVICE) && routing.contains(r.name()),
                (b, g) -> {
                    assertNotEquals(b.inputs(), g.inputs(), b.name() + " must select the other colour");
                    assertEquals(b.input("spec.ports"), g.input("spec.ports"), "only the selector changes");
                });
    }

    @Test
    @DisplayName("Redis is not reachable from outside: ClusterIP only, and a NetworkPolicy admits only Consoul's pods")
    void redisIsPrivate() {
        StackRun run = run(spec(Color.BLUE));
        assertEquals("ClusterIP", run.resource(SERVICE, "consoul-redis").input("spec.type").orElseThrow());
        MockedResource policy = run.resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "consoul-redis");
        assertEquals("consoul-redis", policy.input("spec.podSelector.matchLabels.app").orElseThrow());
        assertEquals("consoul", policy.input("spec.ingress.0.from.0.podSelector.matchLabels.app").orElseThrow());
        assertEquals(List.of(Map.of("protocol", "TCP", "port", 6379)), policy.input("spec.ingress.0.ports").orElseThrow());
    }

    @Test
    @DisplayName("the app is reachable only through its two Services, on the app port; metrics are never published")
    void appOnlyThroughServices() {
        StackRun run = run(spec(Color.BLUE));
        for (MockedResource service : run.resourcesOfType(SERVICE)) {
            ((List<?>) service.input("spec.ports").orElseThrow()).forEach(port ->
                    assertNotEquals(9090, ((Map<?, ?>) port).get("port"), service.name() + " publishes metrics"));
        }
        for (Color color : Color.values()) {
            MockedResource container = container(run, color);
            ((List<?>) container.input("ports").orElseThrow()).forEach(port ->
                    assertFalse(((Map<?, ?>) port).containsKey("hostPort"), "no host port bypasses the Service"));
        }
        assertEquals("http", run.resource(SERVICE, "consoul").input("spec.ports.0.targetPort").orElseThrow());
    }

    @Test
    @DisplayName("secrets are Pulumi secrets and reach pods only through a Kubernetes Secret")
    void secretsArePulumiSecrets() {
        StackRun run = run(spec(Color.BLUE));
        assertTrue(run.resource("kubernetes:core/v1:Secret", "consoul").secretInputs().contains("stringData"));
        assertTrue(run.resource("kubernetes:core/v1:Secret", "consoul-redis").secretInputs().contains("stringData"));
        Map<?, ?> data = (Map<?, ?>) run.resource("kubernetes:core/v1:Secret", "consoul").input("stringData").orElseThrow();
        assertEquals(Set.of("CONSOUL_API_KEYS", "OPENAI_API_KEY", "CONSOUL_SESSION_REDIS_URL", "CONSOUL_RATE_LIMIT_REDIS_URL"),
                data.keySet());
        assertTrue(String.valueOf(data.get("CONSOUL_SESSION_REDIS_URL")).endsWith("/1"), "sessions on db 1");
        assertTrue(String.valueOf(data.get("CONSOUL_RATE_LIMIT_REDIS_URL")).endsWith("/0"), "rate limits on db 0");
        for (Color color : Color.values()) {
            String deployment = run.resource(DEPLOYMENT, "consoul-" + color.key()).inputs().toString();
            assertFalse(deployment.contains(SpecFixtures.API_KEYS), "API keys in a Deployment");
            assertFalse(deployment.contains(SpecFixtures.REDIS_PASSWORD), "Redis password in a Deployment");
            assertEquals("consoul", container(run, color).input("envFrom.1.secretRef.name").orElseThrow());
        }
    }

    @Test
    @DisplayName("the guide's numbers reach the resources: rollout, probes, preStop, grace, resources, HPA, PDB")
    void guideNumbersReachResources() {
        StackRun run = run(spec(Color.BLUE));
        MockedResource deployment = run.resource(DEPLOYMENT, "consoul-blue");
        assertEquals("RollingUpdate", deployment.input("spec.strategy.type").orElseThrow());
        assertEquals("25%", deployment.input("spec.strategy.rollingUpdate.maxSurge").orElseThrow());
        assertEquals(0, deployment.input("spec.strategy.rollingUpdate.maxUnavailable").orElseThrow());
        int grace = (Integer) deployment.input("spec.template.spec.terminationGracePeriodSeconds").orElseThrow();
        assertTrue(grace >= 10 + 5 + 60, "termination grace covers pre-stop, shutdown delay and drain, was " + grace);
        assertEquals(true, deployment.input("spec.template.spec.securityContext.runAsNonRoot").orElseThrow());

        MockedResource c = container(run, Color.BLUE);
        assertEquals("/health", c.input("livenessProbe.httpGet.path").orElseThrow());
        assertEquals(8000, c.input("livenessProbe.httpGet.port").orElseThrow());
        assertEquals(10, c.input("livenessProbe.initialDelaySeconds").orElseThrow());
        assertEquals(30, c.input("livenessProbe.periodSeconds").orElseThrow());
        assertEquals(10, c.input("livenessProbe.timeoutSeconds").orElseThrow());
        assertEquals(3, c.input("livenessProbe.failureThreshold").orElseThrow());
        assertEquals("/ready", c.input("readinessProbe.httpGet.path").orElseThrow());
        assertEquals(5, c.input("readinessProbe.initialDelaySeconds").orElseThrow());
        assertEquals(10, c.input("readinessProbe.periodSeconds").orElseThrow());
        assertEquals(3, c.input("readinessProbe.failureThreshold").orElseThrow());
        assertEquals(List.of("/bin/sh", "-c", "sleep 10"), c.input("lifecycle.preStop.exec.command").orElseThrow());
        assertEquals(Map.of("cpu", "500m", "memory", "1Gi"), c.input("resources.requests").orElseThrow());
        assertEquals(Map.of("cpu", "2000m", "memory", "4Gi"), c.input("resources.limits").orElseThrow());
        assertEquals(false, c.input("securityContext.allowPrivilegeEscalation").orElseThrow());

        MockedResource hpa = run.resource("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "consoul-blue");
        assertEquals(2, hpa.input("spec.minReplicas").orElseThrow());
        assertEquals(10, hpa.input("spec.maxReplicas").orElseThrow());
        assertEquals("cpu", hpa.input("spec.metrics.0.resource.name").orElseThrow());
        assertEquals(70, hpa.input("spec.metrics.0.resource.target.averageUtilization").orElseThrow());
        assertEquals(1, ((List<?>) hpa.input("spec.metrics").orElseThrow()).size(),
                "CPU only: memory utilisation is relative to the request, which a JVM heap of 75 % of the limit exceeds for good");
        assertEquals(300, hpa.input("spec.behavior.scaleDown.stabilizationWindowSeconds").orElseThrow());
        assertEquals(60, hpa.input("spec.behavior.scaleUp.stabilizationWindowSeconds").orElseThrow());
        assertEquals("consoul-blue", hpa.input("spec.scaleTargetRef.name").orElseThrow());

        MockedResource pdb = run.resource("kubernetes:policy/v1:PodDisruptionBudget", "consoul-blue");
        assertEquals(1, pdb.input("spec.maxUnavailable").orElseThrow());
        assertEquals("blue", pdb.input("spec.selector.matchLabels.color").orElseThrow());
    }

    @Test
    @DisplayName("an external Redis replaces the in-cluster one and its URL is wired with the right databases")
    void externalRedis() {
        DeploymentSpec spec = SpecFixtures.spec(Cloud.K8S, DeployEnvironment.PRODUCTION)
                .redisMode(RedisMode.EXTERNAL).redisUrl(SpecFixtures.REDIS_URL).build();
        StackRun run = run(spec);
        assertTrue(run.resourcesOfType("kubernetes:apps/v1:StatefulSet").isEmpty());
        Map<?, ?> data = (Map<?, ?>) run.resource("kubernetes:core/v1:Secret", "consoul").input("stringData").orElseThrow();
        assertEquals(SpecFixtures.REDIS_URL + "/1", data.get("CONSOUL_SESSION_REDIS_URL"));
        assertEquals("redis.example.com:6379", run.outputs().get(StackOutputs.REDIS_ENDPOINT));
    }

    @ParameterizedTest(name = "the {0} Deployment leaves spec.replicas to its HPA, which keeps minReplicas")
    @EnumSource(Color.class)
    void deploymentLeavesReplicasToTheHpa(Color color) {
        StackRun run = run(SpecFixtures.spec(Cloud.K8S, DeployEnvironment.STAGING).minReplicas(3).build());
        MockedResource deployment = run.resource("kubernetes:apps/v1:Deployment", "consoul-" + color.key());
        assertTrue(deployment.input("spec.replicas").isEmpty(),
                "spec.replicas conflicts with the HPA's scale subresource under server-side apply (pulumi-kubernetes #2542)");
        MockedResource hpa = run.resource("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "consoul-" + color.key());
        assertEquals(3, hpa.input("spec.minReplicas").orElseThrow(), "a new stack is raised to minReplicas by the HPA");
        assertEquals(deployment.input("metadata.name").orElseThrow(), hpa.input("spec.scaleTargetRef.name").orElseThrow());
    }

    @Test
    @DisplayName("with a domain: an Ingress with TLS from the cert-manager ClusterIssuer, url and previewUrl HTTPS on it")
    void httpsOnTheDomain() {
        StackRun run = run(SpecFixtures.spec(Cloud.K8S, DeployEnvironment.PRODUCTION)
                .domain("api.example.com").tlsIssuer("letsencrypt").build());
        MockedResource ingress = run.resource("kubernetes:networking.k8s.io/v1:Ingress", "consoul");
        assertEquals(Map.of("cert-manager.io/cluster-issuer", "letsencrypt"), ingress.input("metadata.annotations").orElseThrow());
        assertEquals(List.of("api.example.com", "preview.api.example.com"), ingress.input("spec.tls.0.hosts").orElseThrow());
        assertEquals("consoul-tls", ingress.input("spec.tls.0.secretName").orElseThrow());
        assertEquals("api.example.com", ingress.input("spec.rules.0.host").orElseThrow());
        assertEquals("consoul", ingress.input("spec.rules.0.http.paths.0.backend.service.name").orElseThrow());
        assertEquals("preview.api.example.com", ingress.input("spec.rules.1.host").orElseThrow());
        assertEquals("consoul-preview", ingress.input("spec.rules.1.http.paths.0.backend.service.name").orElseThrow());
        assertEquals("https://api.example.com", run.outputs().get(StackOutputs.URL));
        assertEquals("https://preview.api.example.com", run.outputs().get(StackOutputs.PREVIEW_URL));
    }

    @Test
    @DisplayName("greenMinReplicas raises the green HPA's floor only")
    void colourMinimumAppliesToThatColour() {
        StackRun run = run(SpecFixtures.spec(Cloud.K8S, DeployEnvironment.STAGING).minReplicas(Color.GREEN, 6).build());
        String hpa = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
        assertEquals(6, run.resource(hpa, "consoul-green").input("spec.minReplicas").orElseThrow());
        assertEquals(2, run.resource(hpa, "consoul-blue").input("spec.minReplicas").orElseThrow());
    }

    @Test
    @DisplayName("in-cluster Redis passes Pod Security 'restricted' and its StatefulSet is governed by a headless Service")
    void redisIsRestrictedAndHeadless() {
        StackRun run = run(spec(Color.BLUE));
        MockedResource statefulSet = run.resource("kubernetes:apps/v1:StatefulSet", "consoul-redis");
        MockedResource service = run.resource(SERVICE, "consoul-redis");
        assertEquals("None", service.input("spec.clusterIP").orElseThrow(), "a StatefulSet's governing Service is headless");
        assertEquals(service.input("metadata.name").orElseThrow(), statefulSet.input("spec.serviceName").orElseThrow());
        String pod = "spec.template.spec.";
        assertEquals(true, statefulSet.input(pod + "securityContext.runAsNonRoot").orElseThrow());
        assertEquals("RuntimeDefault", statefulSet.input(pod + "securityContext.seccompProfile.type").orElseThrow());
        String c = pod + "containers.0.securityContext.";
        assertEquals(false, statefulSet.input(c + "allowPrivilegeEscalation").orElseThrow());
        assertEquals(List.of("ALL"), statefulSet.input(c + "capabilities.drop").orElseThrow());
        assertEquals(true, statefulSet.input(c + "runAsNonRoot").orElseThrow());
    }

    @Test
    @DisplayName("a rotated secret rolls both colours' pods: the pod template carries a digest of the Secret, never a value")
    void rotatedSecretRollsPods() {
        StackRun before = run(spec(Color.BLUE));
        StackRun after = run(SpecFixtures.spec(Cloud.K8S, DeployEnvironment.STAGING)
                .secret(io.consoul.infra.spec.AppSecret.API_KEYS, "rotated-key").build());
        String annotation = "spec.template.metadata.annotations." + ColorDeployment.SECRET_DIGEST_ANNOTATION.replace(".", "\\.");
        for (Color color : Color.values()) {
            Map<?, ?> b = (Map<?, ?>) before.resource("kubernetes:apps/v1:Deployment", "consoul-" + color.key())
                    .input("spec.template.metadata.annotations").orElseThrow();
            Map<?, ?> a = (Map<?, ?>) after.resource("kubernetes:apps/v1:Deployment", "consoul-" + color.key())
                    .input("spec.template.metadata.annotations").orElseThrow();
            Object digest = a.get(ColorDeployment.SECRET_DIGEST_ANNOTATION);
            assertTrue(digest instanceof String d && d.matches("[0-9a-f]{16}"), "digest: " + digest);
            assertNotEquals(b.get(ColorDeployment.SECRET_DIGEST_ANNOTATION), digest, color + " keeps the old secret");
        }
    }

    @Test
    @DisplayName("the stack exports exactly the shared output names, all resolved")
    void exportsSharedOutputNames() {
        StackRun run = run(spec(Color.BLUE));
        assertEquals(Set.copyOf(StackOutputs.NAMES), run.outputs().keySet());
        run.outputs().forEach((name, value) -> assertTrue(value != null && !value.toString().isBlank(), name));
        assertEquals("http://consoul.lb.example.com", run.outputs().get(StackOutputs.URL));
        assertEquals("http://consoul-preview.lb.example.com", run.outputs().get(StackOutputs.PREVIEW_URL));
    }

}
