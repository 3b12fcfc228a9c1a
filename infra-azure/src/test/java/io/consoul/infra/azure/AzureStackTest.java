package io.consoul.infra.azure;

import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.DeployEnvironment;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.DeploymentSpecBuilder;
import io.consoul.infra.spec.StackOutputs;
import io.consoul.infra.spec.fixtures.SpecFixtures;
import io.consoul.infra.spec.fixtures.SwitchRule;
import io.consoul.infra.spec.mock.ConsoulMocks;
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
class AzureStackTest {
    static final String APP = "azure-native:app:ContainerApp";
    static final String REDIS = "azure-native:cache:Redis";
    static final String NEXT_IMAGE = "ghcr.io/consoul/consoul:1.2.0";

    static StackRun run(DeploymentSpec spec) {
        return MockStack.run("azure-" + spec.environment().key(), ctx -> App.stack(ctx, spec)).requireSuccess();
    }

    static DeploymentSpecBuilder spec(Color active) {
        return SpecFixtures.spec(Cloud.AZURE, DeployEnvironment.STAGING).activeColor(active);
    }

    static MockedResource app(StackRun run) {
        return run.resource(APP, "consoul");
    }

    /** The traffic weight labelled with this colour. */
    static Map<?, ?> traffic(StackRun run, Color color) {
        List<?> weights = (List<?>) app(run).input("configuration.ingress.traffic").orElseThrow();
        return weights.stream().map(t -> (Map<?, ?>) t).filter(t -> color.key().equals(t.get("label")))
                .findFirst().orElseThrow(() -> new AssertionError("no traffic labelled " + color.key() + ": " + weights));
    }

    @ParameterizedTest(name = "production traffic is 100 % on the active label''s revision, the idle label is the preview ({0} active)")
    @EnumSource(Color.class)
    void productionOnActivePreviewOnIdle(Color active) {
        StackRun run = run(spec(active).allowPublicAccess(true).build());
        assertEquals(100, traffic(run, active).get("weight"));
        assertEquals(0, traffic(run, active.other()).get("weight"));
        assertNotEquals(true, traffic(run, active).get("latestRevision"), "pinned to a revision by name, never 'latest'");
        assertNotEquals(traffic(run, active).get("revisionName"), traffic(run, active.other()).get("revisionName"));
        assertEquals("Multiple", app(run).input("configuration.activeRevisionsMode").orElseThrow());
        assertEquals("https://consoul.kindhill-1234.eastus.azurecontainerapps.io", run.outputs().get(StackOutputs.URL));
        assertEquals("https://consoul---" + active.other().key() + ".kindhill-1234.eastus.azurecontainerapps.io",
                run.outputs().get(StackOutputs.PREVIEW_URL));
    }

    @Test
    @DisplayName("switching activeColor changes only the traffic weights; every other input is identical")
    void switchingChangesOnlyTraffic() {
        StackRun blue = run(spec(Color.BLUE).build());
        StackRun green = run(spec(Color.GREEN).build());
        SwitchRule.assertOnlyRoutingChanges(blue, green, r -> r.type().equals(APP), (b, g) -> {
            assertEquals(withoutTraffic(b), withoutTraffic(g), "template and configuration must not change on a switch");
            for (Color color : Color.values()) {
                Map<Object, Object> before = new HashMap<>(traffic(blue, color));
                Map<Object, Object> after = new HashMap<>(traffic(green, color));
                assertNotEquals(before.remove("weight"), after.remove("weight"));
                assertEquals(before, after, "a label keeps its revision across a switch");
            }
        });
    }

    @ParameterizedTest(name = "a new image for the idle colour leaves production traffic where it was ({0} active)")
    @EnumSource(Color.class)
    void idleImageChangeKeepsProductionTraffic(Color active) {
        StackRun before = run(spec(active).build());
        StackRun after = run(spec(active).image(active.other(), NEXT_IMAGE).build());
        assertEquals(traffic(before, active), traffic(after, active), "the active revision and its 100 %");
        assertNotEquals(traffic(before, active.other()).get("revisionName"), traffic(after, active.other()).get("revisionName"));
        assertEquals(NEXT_IMAGE, app(after).input("template.containers.0.image").orElseThrow());
        assertEquals(traffic(after, active.other()).get("revisionName"),
                "consoul--" + app(after).input("template.revisionSuffix").orElseThrow(),
                "the template materialises the revision only the preview label reaches");
    }

    @Test
    @DisplayName("Redis is private and TLS-only: public access disabled, no port 6379, a private endpoint in the VNet")
    void redisIsPrivate() {
        StackRun run = run(SpecFixtures.spec(Cloud.AZURE, DeployEnvironment.PRODUCTION).build());
        MockedResource redis = run.resource(REDIS, "consoul");
        assertEquals("Disabled", redis.input("publicNetworkAccess").orElseThrow());
        assertEquals(false, redis.input("enableNonSslPort").orElseThrow());
        assertEquals("1.2", redis.input("minimumTlsVersion").orElseThrow());
        assertEquals("Standard", redis.input("sku.name").orElseThrow(), "a replica with failover in production");
        MockedResource endpoint = run.resource("azure-native:network:PrivateEndpoint", "consoul-redis");
        assertEquals("consoul-id", endpoint.input("privateLinkServiceConnections.0.privateLinkServiceId").orElseThrow());
        assertEquals(List.of("redisCache"), endpoint.input("privateLinkServiceConnections.0.groupIds").orElseThrow());
        assertEquals("consoul-endpoints-id", endpoint.input("subnet.id").orElseThrow());
        assertEquals("privatelink.redis.cache.windows.net",
                run.resource("azure-native:network:PrivateZone", "consoul-redis").input("privateZoneName").orElseThrow());
        assertEquals("consoul.redis.cache.windows.net:6380", run.outputs().get(StackOutputs.REDIS_ENDPOINT));
        assertEquals("Basic", run(spec(Color.BLUE).build()).resource(REDIS, "consoul").input("sku.name").orElseThrow());
    }

    @Test
    @DisplayName("secrets are Pulumi secrets held as Container App secrets; the Redis key reaches only the URLs")
    void secretsAreContainerAppSecrets() {
        StackRun run = run(spec(Color.BLUE).build());
        MockedResource app = app(run);
        List<?> secrets = (List<?>) app.input("configuration.secrets").orElseThrow();
        Map<String, Object> byName = new HashMap<>();
        secrets.forEach(s -> byName.put((String) ((Map<?, ?>) s).get("name"), ((Map<?, ?>) s).get("value")));
        assertEquals(Set.of("consoul-api-keys", "openai-api-key", "consoul-session-redis-url", "consoul-rate-limit-redis-url"),
                byName.keySet());
        assertEquals("rediss://:mock-primary-key@consoul.redis.cache.windows.net:6380/1", byName.get("consoul-session-redis-url"));
        assertEquals("rediss://:mock-primary-key@consoul.redis.cache.windows.net:6380/0", byName.get("consoul-rate-limit-redis-url"));
        List<?> env = (List<?>) app.input("template.containers.0.env").orElseThrow();
        String template = app.input("template").orElseThrow().toString();
        assertFalse(template.contains(SpecFixtures.API_KEYS), "API keys in the template");
        assertFalse(template.contains("mock-primary-key"), "Redis key in the template");
        assertTrue(env.contains(Map.of("name", "CONSOUL_SESSION_REDIS_URL", "secretRef", "consoul-session-redis-url")));
    }

    @Test
    @DisplayName("every Container App secret value is a Pulumi secret, the generated Redis key included")
    void containerAppSecretValuesArePulumiSecrets() {
        DeploymentSpec spec = spec(Color.BLUE).build();
        var secretEnv = spec.secretEnv(com.pulumi.core.Output.of("r.redis.cache.windows.net"),
                com.pulumi.core.Output.of(6380), com.pulumi.core.Output.ofSecret("generated-key"), true);
        var secrets = ContainerAppService.secrets(secretEnv);
        assertEquals(4, secrets.size());
        secrets.forEach(s -> assertTrue(MockStack.isSecret(s.value().orElseThrow()), s.name() + " is not a Pulumi secret"));
    }

    @Test
    @DisplayName("the guide's numbers reach the app: 0-10 replicas, CPU 2.0, 4Gi, HTTP rule at 80, probes from the spec")
    void guideNumbersReachTheApp() {
        StackRun run = run(spec(Color.BLUE).minReplicas(0).build());
        MockedResource a = app(run);
        assertEquals(0, a.input("template.scale.minReplicas").orElseThrow());
        assertEquals(10, a.input("template.scale.maxReplicas").orElseThrow());
        assertEquals("80", a.input("template.scale.rules.0.http.metadata.concurrentRequests").orElseThrow());
        assertEquals(2.0, ((Number) a.input("template.containers.0.resources.cpu").orElseThrow()).doubleValue());
        assertEquals("4Gi", a.input("template.containers.0.resources.memory").orElseThrow());
        assertEquals(8000, a.input("configuration.ingress.targetPort").orElseThrow());
        Map<?, ?> liveness = probe(a, "Liveness");
        assertEquals(Map.of("path", "/health", "port", 8000), liveness.get("httpGet"));
        assertEquals(List.of(10, 30, 10, 3), List.of(liveness.get("initialDelaySeconds"), liveness.get("periodSeconds"),
                liveness.get("timeoutSeconds"), liveness.get("failureThreshold")));
        Map<?, ?> readiness = probe(a, "Readiness");
        assertEquals(Map.of("path", "/ready", "port", 8000), readiness.get("httpGet"));
        assertEquals(List.of(5, 10, 3), List.of(readiness.get("initialDelaySeconds"), readiness.get("periodSeconds"),
                readiness.get("failureThreshold")));
    }

    @Test
    @DisplayName("ingress is external only when the stack sets allowPublicAccess; otherwise the environment is internal")
    void publicIngressOnlyWhenSaid() {
        StackRun closed = run(spec(Color.BLUE).build());
        assertEquals(false, app(closed).input("configuration.ingress.external").orElseThrow());
        assertEquals(true, closed.resource("azure-native:app:ManagedEnvironment", "consoul")
                .input("vnetConfiguration.internal").orElseThrow());
        assertTrue(((String) closed.outputs().get(StackOutputs.URL)).contains(".internal."));
        StackRun open = run(spec(Color.BLUE).allowPublicAccess(true).build());
        assertEquals(true, app(open).input("configuration.ingress.external").orElseThrow());
        assertEquals(false, app(open).input("configuration.ingress.allowInsecure").orElseThrow());
    }

    @Test
    @DisplayName("logs go to a Log Analytics workspace with the spec's retention, kept within Azure's 30-730 days")
    void logsKeptAsTheSpecSays() {
        StackRun run = run(SpecFixtures.spec(Cloud.AZURE, DeployEnvironment.PRODUCTION).build());
        assertEquals(90, run.resource("azure-native:operationalinsights:Workspace", "consoul").input("retentionInDays").orElseThrow());
        MockedResource env = run.resource("azure-native:app:ManagedEnvironment", "consoul");
        assertEquals("log-analytics", env.input("appLogsConfiguration.destination").orElseThrow());
        assertEquals(30, run(spec(Color.BLUE).environment(DeployEnvironment.DEV).build())
                .resource("azure-native:operationalinsights:Workspace", "consoul").input("retentionInDays").orElseThrow());
    }

    @Test
    @DisplayName("greenMinReplicas (green runs the newer image) is green's revision minimum; blue's revision is untouched")
    void colourMinimumIsThatColoursRevision() {
        StackRun plain = run(spec(Color.BLUE).build());
        StackRun scaled = run(spec(Color.BLUE).minReplicas(Color.GREEN, 6).build());
        assertEquals(6, app(scaled).input("template.scale.minReplicas").orElseThrow());
        assertEquals(traffic(plain, Color.BLUE), traffic(scaled, Color.BLUE), "the live colour keeps its revision and 100 %");
        assertNotEquals(traffic(plain, Color.GREEN).get("revisionName"), traffic(scaled, Color.GREEN).get("revisionName"));
    }

    @Test
    @DisplayName("only the two colours' revisions stay active: a deployment script keeps those the traffic names")
    void onlyTheColoursRevisionsStayActive() {
        StackRun run = run(spec(Color.BLUE).build());
        MockedResource script = run.resource("azure-native:resources:AzureCliScript", "consoul-revisions");
        String keep = traffic(run, Color.BLUE).get("revisionName") + " " + traffic(run, Color.GREEN).get("revisionName");
        List<?> env = (List<?>) script.input("environmentVariables").orElseThrow();
        Map<Object, Object> vars = new HashMap<>();
        env.forEach(e -> vars.put(((Map<?, ?>) e).get("name"), ((Map<?, ?>) e).get("value")));
        assertEquals(keep, vars.get("KEEP"));
        assertEquals("consoul", vars.get("APP"));
        assertEquals(keep, script.input("forceUpdateTag").orElseThrow(), "re-runs whenever the colours' revisions change");
        assertEquals(RevisionCleanup.SCRIPT, script.input("scriptContent").orElseThrow());
        MockedResource grant = run.resource("azure-native:authorization:RoleAssignment", "consoul-revisions");
        assertEquals(run.resource("azure-native:resources:ResourceGroup", "consoul").state().get("id"),
                grant.input("scope").orElseThrow(), "the grant reaches the stack's resource group only");
        assertEquals(run.resource("azure-native:managedidentity:UserAssignedIdentity", "consoul-revisions")
                .state().get("principalId"), grant.input("principalId").orElseThrow());
        assertTrue(((String) grant.input("roleDefinitionId").orElseThrow()).endsWith(DeploymentScripts.CONTRIBUTOR));
    }

    @Test
    @DisplayName("the cleanup script deactivates every active revision but the two colours' (run against a stand-in az)")
    void cleanupScriptDeactivatesOnlyOtherRevisions() throws Exception {
        List<String> calls = runWithStandInAz(RevisionCleanup.SCRIPT,
                Map.of("APP", "consoul", "RG", "consoul-rg", "KEEP", "consoul--vblue consoul--vgreen"),
                String.join("\n",
                        "case \"$*\" in",
                        "  *'revision list'*'[?properties.active].name'*) printf 'consoul--vblue\\nconsoul--vold1\\nconsoul--vgreen\\nconsoul--vold2\\n' ;;",
                        "esac"));
        List<String> deactivated = calls.stream()
                .filter(line -> line.contains("revision deactivate"))
                .map(line -> line.replaceAll(".*--revision ", "")).toList();
        assertEquals(List.of("consoul--vold1", "consoul--vold2"), deactivated);
    }

    /** Runs a deployment script with {@code env} against a stand-in {@code az} that logs its calls and runs {@code azBody}. */
    static List<String> runWithStandInAz(String script, Map<String, String> env, String azBody) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("consoul-az");
        java.nio.file.Path log = dir.resolve("calls.log");
        java.nio.file.Path az = dir.resolve("az");
        java.nio.file.Files.writeString(az, String.join("\n", "#!/bin/sh", "echo \"$*\" >> " + log, azBody, ""));
        az.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
        pb.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return java.nio.file.Files.readAllLines(log);
    }

    @Test
    @DisplayName("the stack exports exactly the shared output names, all resolved")
    void exportsSharedOutputNames() {
        StackRun run = run(spec(Color.BLUE).build());
        assertEquals(Set.copyOf(StackOutputs.NAMES), run.outputs().keySet());
        run.outputs().forEach((name, value) -> assertTrue(value != null && !value.toString().isBlank(), name));
    }

    static DeploymentSpecBuilder withDomain(String domain) {
        return SpecFixtures.spec(Cloud.AZURE, DeployEnvironment.PRODUCTION).allowPublicAccess(true)
                .domain(domain).dnsZone("example.com").dnsZoneResourceGroup("dns");
    }

    static final String RECORD = "azure-native:network:RecordSet";
    static final String CERTIFICATE = "azure-native:app:ManagedCertificate";

    @Test
    @DisplayName("with a domain, first deploy: asuid TXT and CNAME in the Azure DNS zone, the host on the app unbound, a"
            + " managed certificate after it and a script that binds it; url https on the domain, preview the idle label")
    void httpsOnTheDomainFirstDeploy() {
        StackRun run = run(withDomain("api.example.com").build());
        MockedResource txt = run.resource(RECORD, "consoul-domain-verification");
        assertEquals("asuid.api", txt.input("relativeRecordSetName").orElseThrow());
        assertEquals("TXT", txt.input("recordType").orElseThrow());
        assertEquals("example.com", txt.input("zoneName").orElseThrow());
        assertEquals("dns", txt.input("resourceGroupName").orElseThrow(), "the zone's own resource group");
        Object verificationId = ((Map<?, ?>) run.resource("azure-native:app:ManagedEnvironment", "consoul").state()
                .get("customDomainConfiguration")).get("customDomainVerificationId");
        assertEquals(List.of(verificationId), txt.input("txtRecords.0.value").orElseThrow(),
                "the verification id Azure reports, readable before the app exists");
        MockedResource cname = run.resource(RECORD, "consoul-domain");
        assertEquals("api", cname.input("relativeRecordSetName").orElseThrow());
        assertEquals("consoul.kindhill-1234.eastus.azurecontainerapps.io", cname.input("cnameRecord.cname").orElseThrow(),
                "the host points at the app's own FQDN");

        Map<?, ?> custom = (Map<?, ?>) app(run).input("configuration.ingress.customDomains.0").orElseThrow();
        assertEquals("api.example.com", custom.get("name"));
        assertEquals("Disabled", custom.get("bindingType"), "no certificate exists to bind before the first deploy");

        MockedResource certificate = run.resource(CERTIFICATE, "consoul-domain");
        assertEquals("api.example.com", certificate.input("properties.subjectName").orElseThrow());
        assertEquals("CNAME", certificate.input("properties.domainControlValidation").orElseThrow());
        assertEquals(AzureDomain.certificateName("consoul", "api.example.com"),
                certificate.input("managedCertificateName").orElseThrow());
        MockedResource bind = run.resource("azure-native:resources:AzureCliScript", "consoul-domain");
        Map<Object, Object> vars = new HashMap<>();
        ((List<?>) bind.input("environmentVariables").orElseThrow())
                .forEach(e -> vars.put(((Map<?, ?>) e).get("name"), ((Map<?, ?>) e).get("value")));
        assertEquals(certificate.state().get("id"), vars.get("CERT"));
        assertEquals("api.example.com", vars.get("HOST"));

        assertEquals("https://api.example.com", run.outputs().get(StackOutputs.URL));
        assertEquals("https://consoul---green.kindhill-1234.eastus.azurecontainerapps.io",
                run.outputs().get(StackOutputs.PREVIEW_URL), "the idle label's URL, whose certificate Azure provides");
    }

    @Test
    @DisplayName("with a domain, later deploys: the app declares the binding to the existing certificate, so its PUT keeps it")
    void laterDeployKeepsTheBinding() {
        String id = "/subscriptions/s/resourceGroups/consoul/providers/Microsoft.App/managedEnvironments/consoul"
                + "/managedCertificates/consoul-api-example-com";
        ConsoulMocks mocks = ConsoulMocks.builder().function("azure-native:app:getManagedCertificate", args -> {
            assertEquals(AzureDomain.certificateName("consoul", "api.example.com"), args.get("managedCertificateName"));
            return Map.of("id", id, "name", "consoul-api-example-com", "location", "westeurope", "type",
                    "Microsoft.App/managedEnvironments/managedCertificates", "tags", Map.of(),
                    "systemData", Map.of(), "properties", Map.of("subjectName", "api.example.com",
                            "provisioningState", "Succeeded", "domainControlValidation", "CNAME",
                            "error", "", "validationToken", ""));
        }).build();
        DeploymentSpec spec = withDomain("api.example.com").build();
        StackRun run = MockStack.run("azure-production", mocks, ctx -> App.stack(ctx, spec)).requireSuccess();
        Map<?, ?> custom = (Map<?, ?>) app(run).input("configuration.ingress.customDomains.0").orElseThrow();
        assertEquals("SniEnabled", custom.get("bindingType"));
        assertEquals(id, custom.get("certificateId"));
    }

    @Test
    @DisplayName("a zone apex: an A record of the environment's static IP and HTTP validation (an apex holds no CNAME)")
    void apexDomain() {
        StackRun run = run(withDomain("example.com").build());
        MockedResource a = run.resource(RECORD, "consoul-domain");
        assertEquals("@", a.input("relativeRecordSetName").orElseThrow());
        assertEquals("A", a.input("recordType").orElseThrow());
        assertEquals(run.resource("azure-native:app:ManagedEnvironment", "consoul").state().get("staticIp"),
                a.input("aRecords.0.ipv4Address").orElseThrow());
        assertEquals("asuid", run.resource(RECORD, "consoul-domain-verification").input("relativeRecordSetName").orElseThrow());
        assertEquals("HTTP", run.resource(CERTIFICATE, "consoul-domain").input("properties.domainControlValidation").orElseThrow());
    }

    @Test
    @DisplayName("the bind script waits for the issued certificate, then binds it (run against a stand-in az)")
    void bindScriptWaitsThenBinds() throws Exception {
        List<String> calls = runWithStandInAz(AzureDomain.BIND_SCRIPT,
                Map.of("APP", "consoul", "RG", "consoul-rg", "HOST", "api.example.com", "CERT", "/cert/id"), "")
                .stream().filter(l -> !l.startsWith("extension")).toList();
        assertTrue(calls.get(0).startsWith("resource wait --ids /cert/id --custom properties.provisioningState=='Succeeded'"),
                calls.toString());
        assertEquals("containerapp hostname bind --name consoul --resource-group consoul-rg --hostname api.example.com"
                + " --certificate /cert/id --output none", calls.get(1));
    }

    private static Map<?, ?> probe(MockedResource app, String type) {
        List<?> probes = (List<?>) app.input("template.containers.0.probes").orElseThrow();
        return probes.stream().map(p -> (Map<?, ?>) p).filter(p -> type.equals(p.get("type"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> withoutTraffic(MockedResource app) {
        Map<String, Object> inputs = new HashMap<>(app.inputs());
        Map<String, Object> configuration = new HashMap<>((Map<String, Object>) inputs.get("configuration"));
        Map<String, Object> ingress = new HashMap<>((Map<String, Object>) configuration.get("ingress"));
        ingress.remove("traffic");
        configuration.put("ingress", ingress);
        inputs.put("configuration", configuration);
        return inputs;
    }

}
