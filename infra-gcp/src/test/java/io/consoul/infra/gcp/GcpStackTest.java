package io.consoul.infra.gcp;

import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.DeployEnvironment;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.DeploymentSpecBuilder;
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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class GcpStackTest {
    static final String SERVICE = "gcp:cloudrunv2/service:Service";
    static final String REDIS = "gcp:redis/instance:Instance";
    static final String NEXT_IMAGE = "ghcr.io/consoul/consoul:1.2.0";

    static StackRun run(DeploymentSpec spec) {
        return MockStack.run("gcp-" + spec.environment().key(), ctx -> App.stack(ctx, spec)).requireSuccess();
    }

    static DeploymentSpecBuilder spec(Color active) {
        return SpecFixtures.spec(Cloud.GCP, DeployEnvironment.STAGING).activeColor(active);
    }

    static MockedResource service(StackRun run) {
        return run.resource(SERVICE, "consoul");
    }

    /** The traffic entry tagged with this colour. */
    static Map<?, ?> traffic(StackRun run, Color color) {
        List<?> traffics = (List<?>) service(run).input("traffics").orElseThrow();
        return traffics.stream().map(t -> (Map<?, ?>) t).filter(t -> color.key().equals(t.get("tag")))
                .findFirst().orElseThrow(() -> new AssertionError("no traffic tagged " + color.key() + ": " + traffics));
    }

    @ParameterizedTest(name = "production traffic is 100 % on the active colour''s revision, the idle tag is the preview ({0} active)")
    @EnumSource(Color.class)
    void productionOnActivePreviewOnIdle(Color active) {
        StackRun run = run(spec(active).build());
        assertEquals(100, traffic(run, active).get("percent"));
        assertEquals(0, traffic(run, active.other()).get("percent"));
        assertEquals("TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", traffic(run, active).get("type"),
                "pinned to a revision by name, never to 'latest'");
        assertNotEquals(traffic(run, active).get("revision"), traffic(run, active.other()).get("revision"),
                "the colours run different images, so different revisions");
        String url = (String) run.outputs().get(StackOutputs.URL);
        assertEquals(url.replace("https://", "https://" + active.other().key() + "---"),
                run.outputs().get(StackOutputs.PREVIEW_URL));
        assertEquals(active.key(), run.outputs().get(StackOutputs.ACTIVE_COLOR));
    }

    @Test
    @DisplayName("switching activeColor changes only the traffic percentages; every other input is identical")
    void switchingChangesOnlyTraffic() {
        StackRun blue = run(spec(Color.BLUE).build());
        StackRun green = run(spec(Color.GREEN).build());
        SwitchRule.assertOnlyRoutingChanges(blue, green, r -> r.type().equals(SERVICE), (b, g) -> {
            assertEquals(withoutTraffic(b), withoutTraffic(g), "the template must not change on a switch");
            for (Color color : Color.values()) {
                Map<Object, Object> before = new HashMap<>(traffic(blue, color));
                Map<Object, Object> after = new HashMap<>(traffic(green, color));
                assertNotEquals(before.remove("percent"), after.remove("percent"));
                assertEquals(before, after, "a tag keeps its revision across a switch");
            }
        });
    }

    @ParameterizedTest(name = "a new image for the idle colour leaves production traffic where it was ({0} active)")
    @EnumSource(Color.class)
    void idleImageChangeKeepsProductionTraffic(Color active) {
        StackRun before = run(spec(active).build());
        StackRun after = run(spec(active).image(active.other(), NEXT_IMAGE).build());
        assertEquals(traffic(before, active), traffic(after, active), "the active revision and its 100 %");
        assertNotEquals(traffic(before, active.other()).get("revision"), traffic(after, active.other()).get("revision"));
        assertEquals(0, traffic(after, active.other()).get("percent"));
        assertEquals(NEXT_IMAGE, service(after).input("template.containers.0.image").orElseThrow(),
                "the template materialises the new revision, which only the preview tag reaches");
        assertEquals(traffic(after, active.other()).get("revision"), service(after).input("template.revision").orElseThrow());
    }

    @Test
    @DisplayName("Redis is private: VPC-only address, AUTH and TLS, reached by Direct VPC egress; standard tier in production")
    void redisIsPrivate() {
        StackRun run = run(SpecFixtures.spec(Cloud.GCP, DeployEnvironment.PRODUCTION).build());
        MockedResource redis = run.resource(REDIS, "consoul");
        assertEquals("DIRECT_PEERING", redis.input("connectMode").orElseThrow());
        assertEquals("consoul-id", redis.input("authorizedNetwork").orElseThrow(), "only the stack's own VPC");
        assertEquals(true, redis.input("authEnabled").orElseThrow());
        assertEquals("SERVER_AUTHENTICATION", redis.input("transitEncryptionMode").orElseThrow());
        assertEquals("STANDARD_HA", redis.input("tier").orElseThrow());
        MockedResource service = service(run);
        assertEquals("PRIVATE_RANGES_ONLY", service.input("template.vpcAccess.egress").orElseThrow());
        assertEquals("consoul-id", service.input("template.vpcAccess.networkInterfaces.0.network").orElseThrow());
        assertEquals("10.0.0.3:6378", run.outputs().get(StackOutputs.REDIS_ENDPOINT));
        assertEquals("BASIC", run(spec(Color.BLUE).build()).resource(REDIS, "consoul").input("tier").orElseThrow(),
                "staging has no replica");
    }

    @Test
    @DisplayName("the app trusts Memorystore's private CA: its server certificate's CA is CONSOUL_REDIS_CA_CERT")
    void appTrustsTheRedisCa() {
        StackRun run = run(spec(Color.BLUE).build());
        List<?> envs = (List<?>) service(run).input("template.containers.0.envs").orElseThrow();
        Object ca = envs.stream().map(e -> (Map<?, ?>) e).filter(e -> "CONSOUL_REDIS_CA_CERT".equals(e.get("name")))
                .map(e -> e.get("value")).findFirst().orElseThrow(() -> new AssertionError("CONSOUL_REDIS_CA_CERT not set"));
        assertEquals("-----BEGIN CERTIFICATE-----mock", ca, "the instance's first server CA certificate");
    }

    @Test
    @DisplayName("secrets are Pulumi secrets in Secret Manager; the service names them and never holds a value")
    void secretsArePulumiSecrets() {
        StackRun run = run(spec(Color.BLUE).build());
        List<MockedResource> versions = run.resourcesOfType("gcp:secretmanager/secretVersion:SecretVersion");
        assertEquals(Set.of("CONSOUL_API_KEYS", "OPENAI_API_KEY", "CONSOUL_SESSION_REDIS_URL", "CONSOUL_RATE_LIMIT_REDIS_URL"),
                Set.copyOf(envFromSecrets(run)));
        assertEquals(4, versions.size(), "one secret version per secret variable");
        versions.forEach(v -> assertTrue(v.secretInputs().contains("secretData"), v.name() + " is not a Pulumi secret"));
        String session = (String) run.resource("gcp:secretmanager/secretVersion:SecretVersion",
                "consoul-consoul-session-redis-url").input("secretData").orElseThrow();
        assertEquals("rediss://:mock-auth-string-0123456789@10.0.0.3:6378/1", session, "AUTH, TLS, db 1");
        String inputs = service(run).inputs().toString();
        assertFalse(inputs.contains(SpecFixtures.API_KEYS), "API keys in the service");
        assertFalse(inputs.contains("mock-auth-string"), "Redis AUTH string in the service");
    }

    @Test
    @DisplayName("the runtime account holds no project role, only read access to each of its own secrets")
    void leastPrivilegeServiceAccount() {
        StackRun run = run(spec(Color.BLUE).build());
        assertTrue(run.resourcesOfType("gcp:projects/iAMMember:IAMMember").isEmpty());
        List<MockedResource> grants = run.resourcesOfType("gcp:secretmanager/secretIamMember:SecretIamMember");
        assertEquals(4, grants.size());
        String email = "consoul-staging@consoul-mock.iam.gserviceaccount.com";
        grants.forEach(g -> {
            assertEquals("roles/secretmanager.secretAccessor", g.input("role").orElseThrow());
            assertEquals("serviceAccount:" + email, g.input("member").orElseThrow());
        });
        assertEquals(email, service(run).input("template.serviceAccount").orElseThrow(),
                "revisions run as this account, not the default compute account");
    }

    @Test
    @DisplayName("anyone may invoke the service only when the stack sets allowPublicAccess")
    void publicInvocationOnlyWhenSaid() {
        String invoker = "gcp:cloudrunv2/serviceIamMember:ServiceIamMember";
        assertTrue(run(spec(Color.BLUE).build()).resourcesOfType(invoker).isEmpty());
        MockedResource grant = run(spec(Color.BLUE).allowPublicAccess(true).build()).resource(invoker, "consoul-public");
        assertEquals("allUsers", grant.input("member").orElseThrow());
        assertEquals("roles/run.invoker", grant.input("role").orElseThrow());
    }

    @Test
    @DisplayName("the guide's numbers reach the service: 0-10 instances, concurrency 80, CPU 2, 4Gi, probes from the spec")
    void guideNumbersReachTheService() {
        StackRun run = run(spec(Color.BLUE).minReplicas(0).build());
        MockedResource s = service(run);
        assertEquals(0, s.input("template.scaling.minInstanceCount").orElseThrow());
        assertEquals(10, s.input("template.scaling.maxInstanceCount").orElseThrow());
        assertEquals(80, s.input("template.maxInstanceRequestConcurrency").orElseThrow());
        assertEquals(Map.of("cpu", "2", "memory", "4Gi"), s.input("template.containers.0.resources.limits").orElseThrow());
        assertEquals(8000, s.input("template.containers.0.ports.0.containerPort").orElseThrow());
        assertEquals("/health", s.input("template.containers.0.livenessProbe.httpGet.path").orElseThrow());
        assertEquals(10, s.input("template.containers.0.livenessProbe.initialDelaySeconds").orElseThrow());
        assertEquals(30, s.input("template.containers.0.livenessProbe.periodSeconds").orElseThrow());
        assertEquals(10, s.input("template.containers.0.livenessProbe.timeoutSeconds").orElseThrow());
        assertEquals(3, s.input("template.containers.0.livenessProbe.failureThreshold").orElseThrow());
        assertEquals("/ready", s.input("template.containers.0.startupProbe.httpGet.path").orElseThrow());
        assertEquals(5, s.input("template.containers.0.startupProbe.initialDelaySeconds").orElseThrow());
        assertEquals(10, s.input("template.containers.0.startupProbe.periodSeconds").orElseThrow());
        assertEquals("900s", s.input("template.timeout").orElseThrow(), "15 minutes for long streams");
        assertEquals(false, s.input("template.containers.0.resources.cpuIdle").orElseThrow(),
                "at 2 vCPU, CPU stays allocated between requests, said explicitly");
    }

    @Test
    @DisplayName("greenMinReplicas (green runs the newer image) is green's revision minimum; blue's revision is untouched")
    void colourMinimumIsThatColoursRevision() {
        StackRun plain = run(spec(Color.BLUE).build());
        StackRun scaled = run(spec(Color.BLUE).minReplicas(Color.GREEN, 6).build());
        assertEquals(6, service(scaled).input("template.scaling.minInstanceCount").orElseThrow());
        assertEquals(traffic(plain, Color.BLUE), traffic(scaled, Color.BLUE), "the live colour keeps its revision and 100 %");
        assertNotEquals(traffic(plain, Color.GREEN).get("revision"), traffic(scaled, Color.GREEN).get("revision"));
        assertEquals(traffic(scaled, Color.GREEN).get("revision"), service(scaled).input("template.revision").orElseThrow(),
                "the new minimum is a new green revision, the one this update creates");
    }

    @Test
    @DisplayName("with a domain: a Cloud Run domain mapping (Google-managed certificate), its CNAME in the zone, url on it")
    void httpsOnTheDomain() {
        StackRun run = run(SpecFixtures.spec(Cloud.GCP, DeployEnvironment.PRODUCTION)
                .domain("api.example.com").dnsZone("example.com").build());
        MockedResource mapping = run.resource("gcp:cloudrun/domainMapping:DomainMapping", "consoul");
        assertEquals("api.example.com", mapping.input("name").orElseThrow());
        assertEquals(service(run).state().get("name"), mapping.input("spec.routeName").orElseThrow());
        assertEquals("consoul-mock", mapping.input("metadata.namespace").orElseThrow(), "the project");
        MockedResource record = run.resource("gcp:dns/recordSet:RecordSet", "consoul-domain");
        assertEquals("api.example.com.", record.input("name").orElseThrow());
        assertEquals("CNAME", record.input("type").orElseThrow());
        assertEquals(List.of("ghs.googlehosted.com."), record.input("rrdatas").orElseThrow());
        assertEquals("example-com", record.input("managedZone").orElseThrow());
        assertEquals("https://api.example.com", run.outputs().get(StackOutputs.URL));
        assertTrue(((String) run.outputs().get(StackOutputs.PREVIEW_URL)).startsWith("https://green---"),
                "the idle tag's own URL, which has Google's certificate");
    }

    @Test
    @DisplayName("the startup probe waits long enough for Direct VPC egress (a minute or more), within Cloud Run's 240 s")
    void startupProbeWaitsForDirectVpcEgress() {
        MockedResource s = service(run(spec(Color.BLUE).build()));
        int initial = (Integer) s.input("template.containers.0.startupProbe.initialDelaySeconds").orElseThrow();
        int window = (Integer) s.input("template.containers.0.startupProbe.periodSeconds").orElseThrow()
                * (Integer) s.input("template.containers.0.startupProbe.failureThreshold").orElseThrow();
        assertTrue(window >= 120, "egress may take a minute or more to connect; the window was " + window + " s");
        assertTrue(window <= 240 && initial <= 240, "Cloud Run caps both at 240 s");
        assertEquals("/ready", s.input("template.containers.0.startupProbe.httpGet.path").orElseThrow(),
                "the check needs Redis, reached through the VPC");
    }

    @Test
    @DisplayName("development (0.5 vCPU) on Cloud Run: concurrency 1 and CPU only during requests, both said explicitly")
    void fractionalCpuIsLegal() {
        MockedResource s = service(run(spec(Color.BLUE).size(io.consoul.infra.spec.Size.DEVELOPMENT).build()));
        assertEquals(Map.of("cpu", "0.5", "memory", "1Gi"), s.input("template.containers.0.resources.limits").orElseThrow());
        assertEquals(1, s.input("template.maxInstanceRequestConcurrency").orElseThrow());
        assertEquals(true, s.input("template.containers.0.resources.cpuIdle").orElseThrow());
    }

    @Test
    @DisplayName("every CA of the Memorystore instance is trusted, and a rotated CA renames the revision")
    void everyRedisCaIsTrustedAndRotationRenames() {
        String oldCa = "-----BEGIN CERTIFICATE-----\nold\n-----END CERTIFICATE-----";
        String newCa = "-----BEGIN CERTIFICATE-----\nnew\n-----END CERTIFICATE-----";
        StackRun one = runWithCas(List.of(oldCa));
        StackRun two = runWithCas(List.of(oldCa, newCa));
        assertEquals(oldCa + "\n" + newCa, redisCa(two), "both CAs, in the instance's order");
        assertNotEquals(service(one).input("template.revision").orElseThrow(),
                service(two).input("template.revision").orElseThrow(),
                "the CA variable is in the template: a new CA is a new revision, never a changed one under an old name");
        assertEquals(service(one).input("template.revision").orElseThrow(), service(runWithCas(List.of(oldCa)))
                .input("template.revision").orElseThrow(), "the same template keeps its name");
    }

    private static StackRun runWithCas(List<String> cas) {
        var mocks = io.consoul.infra.spec.mock.ConsoulMocks.builder().resourceState(REDIS,
                Map.of("serverCaCerts", cas.stream().map(c -> Map.of("cert", c)).toList())).build();
        DeploymentSpec spec = spec(Color.BLUE).build();
        return MockStack.run("gcp-staging", mocks, ctx -> App.stack(ctx, spec)).requireSuccess();
    }

    private static Object redisCa(StackRun run) {
        List<?> envs = (List<?>) service(run).input("template.containers.0.envs").orElseThrow();
        return envs.stream().map(e -> (Map<?, ?>) e).filter(e -> "CONSOUL_REDIS_CA_CERT".equals(e.get("name")))
                .map(e -> e.get("value")).findFirst().orElseThrow(() -> new AssertionError("CONSOUL_REDIS_CA_CERT not set"));
    }

    @Test
    @DisplayName("the stack exports exactly the shared output names, all resolved")
    void exportsSharedOutputNames() {
        StackRun run = run(spec(Color.BLUE).build());
        assertEquals(Set.copyOf(StackOutputs.NAMES), run.outputs().keySet());
        run.outputs().forEach((name, value) -> assertTrue(value != null && !value.toString().isBlank(), name));
    }

    private static List<String> envFromSecrets(StackRun run) {
        List<?> envs = (List<?>) service(run).input("template.containers.0.envs").orElseThrow();
        return envs.stream().map(e -> (Map<?, ?>) e).filter(e -> e.containsKey("valueSource"))
                .map(e -> (String) e.get("name")).toList();
    }

    private static Map<String, Object> withoutTraffic(MockedResource service) {
        Map<String, Object> inputs = new HashMap<>(service.inputs());
        inputs.remove("traffics");
        return inputs;
    }

}
