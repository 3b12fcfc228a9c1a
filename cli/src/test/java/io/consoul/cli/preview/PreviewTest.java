package io.consoul.cli.preview;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.consoul.cli.Cli;
import io.consoul.cli.StackConfig;
import io.consoul.infra.spec.config.StackFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(300)
class PreviewTest {
    private static final String ROOT = Cli.repositoryRoot().toString();

    private static List<StackFile> stackFiles() {
        List<StackFile> files = StackFile.loadAll(Cli.repositoryRoot());
        Set<String> clouds = new HashSet<>();
        files.forEach(f -> clouds.add(f.stackName().substring(0, f.stackName().indexOf('-'))));
        assertEquals(Set.of("aws", "gcp", "azure", "k8s"), clouds, "a stack file of every cloud");
        return files;
    }

    private static Cli.Result preview(String... args) {
        String[] all = Stream.concat(Stream.of("preview", "--project-dir", ROOT), Stream.of(args)).toArray(String[]::new);
        Cli.Result result = Cli.run(all);
        assertEquals(0, result.exitCode(), result.err());
        return result;
    }

    @TestFactory
    @DisplayName("every stack file of every cloud previews as JSON of the published shape, secrets masked")
    Stream<DynamicTest> jsonShape() {
        return stackFiles().stream().map(file -> DynamicTest.dynamicTest(file.stackName(), () -> {
            String text = preview(file.stackName(), "--format", "json").out();
            JsonObject json = JsonParser.parseString(text).getAsJsonObject();
            assertEquals(List.of("stack", "cloud", "resources", "outputs"), List.copyOf(json.keySet()));
            assertEquals(file.stackName(), json.get("stack").getAsString());
            assertTrue(file.stackName().startsWith(json.get("cloud").getAsString() + "-"));
            Set<String> names = new HashSet<>();
            json.getAsJsonArray("resources").forEach(r -> names.add(r.getAsJsonObject().get("name").getAsString()));
            for (JsonElement element : json.getAsJsonArray("resources")) {
                JsonObject resource = element.getAsJsonObject();
                assertEquals(List.of("type", "name", "parent", "inputs"), List.copyOf(resource.keySet()));
                assertTrue(resource.get("type").getAsString().matches("[a-z-]+:[^:]*:[A-Za-z0-9]+"), resource.get("type").toString());
                assertTrue(resource.get("parent").isJsonNull() || names.contains(resource.get("parent").getAsString()),
                        "parent is a declared resource: " + resource);
                assertTrue(resource.get("inputs").isJsonObject());
            }
            assertTrue(json.getAsJsonObject("outputs").keySet().containsAll(
                    List.of("url", "previewUrl", "activeColor", "idleColor", "blueImage", "greenImage", "redisEndpoint")));
            for (String standIn : StackConfig.STAND_INS.values()) {
                assertFalse(text.contains(standIn), "secret stand-in printed: " + standIn);
                for (String part : standIn.split(",")) {
                    assertFalse(text.contains(part), "secret printed: " + part);
                }
            }
            assertTrue(text.contains("\"[secret]\""), "the stack's secrets show as [secret]");
            if (!file.stackName().equals("k8s-dev")) { // ClusterIP Services: every address is a fixed DNS name
                assertTrue(text.contains("[computed: "), "provider-computed values show as computed");
            }
        }));
    }

    /** Where each cloud's program writes a colour's replica bounds (the spec's minReplicas / maxReplicas). */
    private static final Set<String> MIN_KEYS = Set.of("minCapacity", "minInstanceCount", "minReplicas");
    private static final Set<String> MAX_KEYS = Set.of("maxCapacity", "maxInstanceCount", "maxReplicas");

    @TestFactory
    @DisplayName("every stack file's preview declares what the file says: its images, its live colour, its replica bounds")
    Stream<DynamicTest> previewMeansTheStackFile() {
        return stackFiles().stream().map(file -> DynamicTest.dynamicTest(file.stackName(), () -> {
            JsonObject json = JsonParser.parseString(preview(file.stackName(), "--format", "json").out()).getAsJsonObject();
            JsonObject outputs = json.getAsJsonObject("outputs");
            Map<String, String> config = file.config();
            assertEquals(config.get("consoul:blueImage"), outputs.get("blueImage").getAsString());
            assertEquals(config.get("consoul:greenImage"), outputs.get("greenImage").getAsString());
            assertEquals(config.getOrDefault("consoul:activeColor", "blue"), outputs.get("activeColor").getAsString());
            // The file's bounds, else the spec's defaults (the guide's 2 and 10).
            int min = Integer.parseInt(config.getOrDefault("consoul:minReplicas", "2"));
            int max = Integer.parseInt(config.getOrDefault("consoul:maxReplicas", "10"));
            List<Integer> mins = new ArrayList<>();
            List<Integer> maxes = new ArrayList<>();
            json.getAsJsonArray("resources").forEach(r -> collect(r.getAsJsonObject().get("inputs"), mins, maxes));
            assertFalse(mins.isEmpty() || maxes.isEmpty(), "replica bounds declared somewhere: " + mins + " " + maxes);
            assertTrue(mins.stream().allMatch(v -> v == min), "minReplicas " + min + " everywhere: " + mins);
            assertTrue(maxes.stream().allMatch(v -> v == max), "maxReplicas " + max + " everywhere: " + maxes);
        }));
    }

    /** Every whole number under one of the replica-bound keys, at any depth of a resource's inputs. */
    private static void collect(JsonElement element, List<Integer> mins, List<Integer> maxes) {
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(e -> collect(e, mins, maxes));
        } else if (element.isJsonObject()) {
            element.getAsJsonObject().entrySet().forEach(e -> {
                JsonElement value = e.getValue();
                if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
                    if (MIN_KEYS.contains(e.getKey())) {
                        mins.add(value.getAsInt());
                    } else if (MAX_KEYS.contains(e.getKey())) {
                        maxes.add(value.getAsInt());
                    }
                } else {
                    collect(value, mins, maxes);
                }
            });
        }
    }

    @TestFactory
    @DisplayName("every stack file previews as a table (with every resource) and as a DOT graph rooted at the stack")
    Stream<DynamicTest> tableAndDot() {
        return stackFiles().stream().map(file -> DynamicTest.dynamicTest(file.stackName(), () -> {
            JsonObject json = JsonParser.parseString(preview(file.stackName(), "--format", "json").out()).getAsJsonObject();
            int resources = json.getAsJsonArray("resources").size();
            String table = preview(file.stackName()).out();
            assertTrue(table.contains(resources + " resources"), table);
            assertTrue(table.contains("not a substitute for `pulumi preview`"));
            String dot = preview(file.stackName(), "--format", "dot").out();
            assertTrue(dot.startsWith("digraph \"" + file.stackName() + "\" {"), dot);
            assertEquals(resources, dot.lines().filter(l -> l.contains(" -> r")).count(), "one edge into every resource");
            assertTrue(dot.strip().endsWith("}"));
        }));
    }

    @TestFactory
    @DisplayName("--set activeColor=green moves production routing to green on every cloud's production stack")
    Stream<DynamicTest> setActiveColorChangesRouting() {
        return Stream.of("aws", "gcp", "azure", "k8s").map(cloud -> DynamicTest.dynamicTest(cloud, () -> {
            String stack = cloud + "-production";
            JsonObject blue = JsonParser.parseString(preview(stack, "--format", "json").out()).getAsJsonObject();
            JsonObject green = JsonParser.parseString(preview(stack, "--format", "json", "--set", "activeColor=green").out())
                    .getAsJsonObject();
            assertEquals("blue", blue.getAsJsonObject("outputs").get("activeColor").getAsString());
            assertEquals("green", green.getAsJsonObject("outputs").get("activeColor").getAsString());
            assertNotEquals(blue.get("resources"), green.get("resources"), "the resources change, not just an output");
        }));
    }

    @Test
    @DisplayName("AWS: the production listener forwards to the active colour's target group, before and after --set")
    void awsListenerFollowsActiveColor() {
        assertTrue(listener(preview("aws-production", "--format", "json").out()).contains("[computed: consoul-blue.arn]"));
        assertTrue(listener(preview("aws-production", "--format", "json", "--set", "activeColor=green").out())
                .contains("[computed: consoul-green.arn]"));
    }

    @Test
    @DisplayName("the same stack previews to the same JSON every time (stable for tools)")
    void jsonIsStable() {
        assertEquals(preview("aws-production", "--format", "json").out(), preview("aws-production", "--format", "json").out());
    }

    @Test
    @DisplayName("a bad --set value fails before the program runs, naming the key and what is allowed")
    void badOverrideFails() {
        Cli.Result result = Cli.run("preview", "--project-dir", ROOT, "aws-dev", "--set", "activeColor=purple");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("consoul:activeColor"), result.err());
    }

    @Test
    @DisplayName("a misspelt --set key fails before the program runs, naming the nearest known key")
    void unknownOverrideKeyFails() {
        Cli.Result result = Cli.run("preview", "--project-dir", ROOT, "aws-dev", "--set", "minReplica=3");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("consoul:minReplica is not a Consoul setting: did you mean consoul:minReplicas?"),
                result.err());
    }

    @TestFactory
    @DisplayName("with a domain, every production stack previews url https://<domain>, an HTTPS previewUrl, and declares the certificate and DNS records")
    Stream<DynamicTest> productionOnTheDomain() {
        Map<String, List<String>> certificateAndDns = Map.of(
                "aws", List.of("aws:acm/certificate:Certificate", "aws:route53/record:Record"),
                "gcp", List.of("gcp:cloudrun/domainMapping:DomainMapping", "gcp:dns/recordSet:RecordSet"),
                "azure", List.of("azure-native:app:ManagedCertificate", "azure-native:network:RecordSet"),
                "k8s", List.of("kubernetes:networking.k8s.io/v1:Ingress"));
        return certificateAndDns.keySet().stream().sorted().map(cloud -> DynamicTest.dynamicTest(cloud, () -> {
            List<String> args = new ArrayList<>(List.of(cloud + "-production", "--format", "json",
                    "--set", "domain=api.example.com"));
            // what each cloud needs with a domain, and only that (a key another cloud reads is refused)
            args.addAll(switch (cloud) {
                case "k8s" -> List.of("--set", "tlsIssuer=letsencrypt");
                case "azure" -> List.of("--set", "dnsZone=example.com", "--set", "dnsZoneResourceGroup=dns");
                default -> List.of("--set", "dnsZone=example.com");
            });
            JsonObject json = JsonParser.parseString(preview(args.toArray(String[]::new)).out()).getAsJsonObject();
            JsonObject outputs = json.getAsJsonObject("outputs");
            assertEquals("https://api.example.com", outputs.get("url").getAsString());
            // preview.<domain> where the stack routes it, else the platform's own per-colour HTTPS URL (Container Apps' label URL)
            assertTrue(outputs.get("previewUrl").getAsString().startsWith("https://"), outputs.get("previewUrl").getAsString());
            Set<String> types = new HashSet<>();
            json.getAsJsonArray("resources").forEach(r -> types.add(r.getAsJsonObject().get("type").getAsString()));
            assertTrue(types.containsAll(certificateAndDns.get(cloud)), cloud + " declares " + types);
        }));
    }

    private static String listener(String json) {
        for (JsonElement element : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("resources")) {
            JsonObject resource = element.getAsJsonObject();
            if (resource.get("type").getAsString().equals("aws:lb/listener:Listener")
                    && resource.get("name").getAsString().equals("consoul-production")) {
                return resource.get("inputs").toString();
            }
        }
        throw new AssertionError("no production listener");
    }
}
