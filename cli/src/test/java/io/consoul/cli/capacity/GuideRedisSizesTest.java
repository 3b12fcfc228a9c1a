package io.consoul.cli.capacity;

import io.consoul.cli.Cli;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.RedisTier;
import io.consoul.infra.spec.Size;
import io.consoul.infra.spec.config.StackFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The guide's Recommended Redis Sizes, transcribed here from /work/shared/docs/scaling-guide.md (Capacity Planning,
 * Redis Sizing) — not from the constant — answered alike by {@code consoul capacity} and by the stack's spec:
 * <pre>
 * | Concurrent Sessions | Redis Size |
 * | &lt; 1,000            | 250 MB (Basic) |
 * | 1,000 - 10,000      | 1 GB |
 * | 10,000 - 100,000    | 6 GB |
 * | &gt; 100,000          | 26 GB+ (Cluster) |
 * </pre>
 * Each row at its bounds (a range holds its upper bound: 10,000 is in "1,000 - 10,000" as 100,000 is not "&gt; 100,000"),
 * the planner with the guide's own estimate (10 KB a session, safety factor 2), the spec through a stack whose size ×
 * maxReplicas holds that many sessions.
 */
class GuideRedisSizesTest {

    @ParameterizedTest(name = "{0} sessions ({1} × {2}) → {3}")
    @DisplayName("every published row: the planner and the spec choose the same size, the guide's")
    @CsvSource(delimiter = '|', textBlock = """
            10      | development | 1   | 250 MB (Basic)
            990     | development | 99  | 250 MB (Basic)
            1000    | development | 100 | 1 GB
            2000    | medium      | 10  | 1 GB
            10000   | medium      | 50  | 1 GB
            10500   | large       | 21  | 6 GB
            100000  | enterprise  | 100 | 6 GB
            """)
    void plannerAndSpecAgreeWithTheGuide(long sessions, String size, int maxReplicas, String guideSize) {
        assertEquals(sessions, (long) Size.fromKey(size).orElseThrow().concurrentSessions() * maxReplicas, "the row's input");
        assertEquals(guideSize, CapacityPlan.redis(10, sessions, 2).tier().label(), "consoul capacity");
        assertEquals(guideSize, specTier(size, maxReplicas).label(), "the stack's spec");
    }

    /**
     * The last row is past what a stack can hold (enterprise × the spec's 100 replicas = 100,000 sessions), so the
     * spec's side is the function its builder sizes with.
     */
    @ParameterizedTest(name = "{0} sessions → {1}")
    @DisplayName("past 100,000 sessions: the cluster, from the planner and from the spec's table")
    @CsvSource(delimiter = '|', textBlock = """
            100001  | 26 GB+ (Cluster)
            1000000 | 26 GB+ (Cluster)
            """)
    void pastTheLastRangeIsTheCluster(long sessions, String guideSize) {
        assertEquals(guideSize, CapacityPlan.redis(10, sessions, 2).tier().label());
        assertEquals(guideSize, RedisTier.forSessions(sessions).label());
    }

    @ParameterizedTest(name = "{0} KB × {1} sessions × 2")
    @DisplayName("one unit: the guide's decimal estimate against the clouds' binary sizes (1 GB = 1024 MiB)")
    @CsvSource(delimiter = '|', textBlock = """
            53    | 10000 | 1 GB
            54    | 10000 | 6 GB
            """)
    void anEstimateThatDoesNotFitMovesUpOneSize(double sessionKb, long sessions, String expected) {
        // 53 KB × 10,000 × 2 = 1,060 MB = 1.011e9 bytes ≤ 1 GiB (1.074e9); 54 KB: 1.080e9 bytes does not fit.
        assertEquals(expected, CapacityPlan.redis(sessionKb, sessions, 2).tier().label());
    }

    private static RedisTier specTier(String size, int maxReplicas) {
        StackFile file = StackFile.load(Cli.repositoryRoot().resolve("Pulumi.k8s-production.yaml"));
        Map<String, String> config = new LinkedHashMap<>(file.config());
        config.put("consoul:size", size);
        config.put("consoul:minReplicas", "1");
        config.put("consoul:maxReplicas", Integer.toString(maxReplicas));
        return DeploymentSpec.fromConfig(new StackFile(file.stackName(), config, file.secureKeys())
                .withSecrets(Map.of("consoul:apiKeys", "k", "consoul:redisUrl", "rediss://:p@redis.example.com:6379")))
                .redis().tier();
    }
}
