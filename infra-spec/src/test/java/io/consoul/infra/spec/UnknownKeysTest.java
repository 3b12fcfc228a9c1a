package io.consoul.infra.spec;

import io.consoul.infra.spec.config.StackFile;
import io.consoul.infra.spec.fixtures.SpecFixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ground rule: an unknown key in our namespace is an error with the nearest known key, never silently ignored. */
class UnknownKeysTest {
    private static final String NOT_A_SETTING = "is not a Consoul setting";

    private static List<String> problems(Map<String, String> overrides) {
        Map<String, String> config = SpecFixtures.config();
        config.putAll(overrides);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> DeploymentSpec.fromConfig(SpecFixtures.source("aws-staging", config)));
        return e.problems();
    }

    private static String problemAbout(List<String> problems, String key) {
        return problems.stream().filter(p -> p.startsWith(key + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no problem about " + key + ": " + problems));
    }

    @Test
    @DisplayName("a typo consoul:minReplica is refused naming consoul:minReplicas, with the other problems in one error")
    void typoIsRefusedNamingTheNearestKey() {
        List<String> problems = problems(Map.of("consoul:minReplica", "3", "consoul:size", "huge"));
        assertEquals("consoul:minReplica is not a Consoul setting: did you mean consoul:minReplicas? Rename or remove it",
                problemAbout(problems, "consoul:minReplica"));
        problemAbout(problems, "consoul:size");
    }

    @Test
    @DisplayName("a misspelt secret is refused like any key, and its value is never shown")
    void misspeltSecretIsRefusedWithoutItsValue() {
        List<String> problems = problems(Map.of("consoul:openaiApiKy", "sk-live-do-not-print"));
        String problem = problemAbout(problems, "consoul:openaiApiKy");
        assertTrue(problem.contains("did you mean consoul:openaiApiKey?"), problem);
        assertFalse(String.join("\n", problems).contains("sk-live-do-not-print"), problems.toString());
    }

    @Test
    @DisplayName("letter case does not hide the intended key: consoul:redisURL → consoul:redisUrl")
    void caseIsIgnoredForTheSuggestion() {
        assertTrue(problemAbout(problems(Map.of("consoul:redisURL", "redis://x:6379")), "consoul:redisURL")
                .contains("did you mean consoul:redisUrl?"));
    }

    @Test
    @DisplayName("a key far from every known key is refused without a silly suggestion, listing the settings instead")
    void farKeyIsRefusedWithoutSuggestion() {
        String problem = problemAbout(problems(Map.of("consoul:region", "eu-west-1")), "consoul:region");
        assertFalse(problem.contains("did you mean"), problem);
        assertTrue(problem.startsWith("consoul:region " + NOT_A_SETTING + ": remove it; the settings are "), problem);
        assertTrue(problem.contains("minReplicas") && problem.contains("apiKeys") && problem.contains("blueImage"), problem);
    }

    @Test
    @DisplayName("keys of other namespaces (aws:, gcp:, azure-native:, kubernetes:) are not ours")
    void otherNamespacesAreNotOurs() {
        Map<String, String> config = SpecFixtures.config();
        config.putAll(Map.of("aws:region", "eu-west-1", "gcp:project", "p", "azure-native:location", "westeurope",
                "kubernetes:context", "prod"));
        DeploymentSpec spec = DeploymentSpec.fromConfig(SpecFixtures.source("aws-staging", config));
        assertEquals(Cloud.AWS, spec.cloud());
    }

    @Test
    @DisplayName("every key docs/deploying.md documents is one the spec reads (the known keys come from the reader)")
    void everyDocumentedKeyIsKnown() throws IOException {
        String guide = Files.readString(SpecFixtures.repositoryRoot().resolve("docs/deploying.md"));
        String section = guide.substring(guide.indexOf("## Configuration"), guide.indexOf("## Outputs"));
        Matcher row = Pattern.compile("(?m)^\\| (`[A-Za-z]+`(?: / `[A-Za-z]+`)*) \\|").matcher(section);
        Map<String, String> config = SpecFixtures.config();
        while (row.find()) {
            for (Matcher key = Pattern.compile("`([A-Za-z]+)`").matcher(row.group(1)); key.find(); ) {
                config.putIfAbsent("consoul:" + key.group(1), "not-a-valid-value");
            }
        }
        assertTrue(config.size() > 30, "the configuration table was not found: " + config.keySet());
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> DeploymentSpec.fromConfig(SpecFixtures.source("aws-staging", config)));
        assertTrue(e.problems().stream().noneMatch(p -> p.contains(NOT_A_SETTING)), e.getMessage());
    }

    @Test
    @DisplayName("a misspelt encrypted key in a stack file is refused too, though its value cannot be read offline")
    void misspeltSecureKeyInStackFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("Pulumi.aws-dev.yaml");
        Files.writeString(file, """
                config:
                  consoul:blueImage: ghcr.io/consoul/consoul:1.0.0
                  consoul:greenImage: ghcr.io/consoul/consoul:1.0.0
                  consoul:apiKey:
                    secure: AAABAMk1
                """);
        StackFile stack = StackFile.load(file);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> SpecFixtures.fromStackFile(stack));
        assertTrue(problemAbout(e.problems(), "consoul:apiKey").contains("did you mean consoul:apiKeys?"), e.getMessage());
    }

    @Test
    @DisplayName("edit distance: insertions, deletions and substitutions each count one")
    void editDistance() {
        assertEquals(3, UnknownKeys.levenshtein("kitten", "sitting"));
        assertEquals(1, UnknownKeys.levenshtein("minReplica", "minReplicas"));
        assertEquals(0, UnknownKeys.levenshtein("", ""));
        assertEquals(4, UnknownKeys.levenshtein("", "size"));
        assertTrue(UnknownKeys.problems(Set.of("size"), Set.of("size")).isEmpty());
    }
}
