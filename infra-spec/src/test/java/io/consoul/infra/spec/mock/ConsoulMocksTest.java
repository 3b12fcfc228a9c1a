package io.consoul.infra.spec.mock;

import com.pulumi.core.Output;
import com.pulumi.deployment.Deployment;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.core.TypeShape;
import com.pulumi.resources.InvokeArgs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class ConsoulMocksTest {

    @Test
    @DisplayName("an unmocked provider function fails the run loudly, naming its token")
    void unmockedFunctionFailsLoudly() {
        StackRun run = MockStack.run("aws-dev", ctx -> {
            Output<Map<String, Object>> answer = Deployment.getInstance().invoke("aws:s3/getBucket:getBucket",
                    TypeShape.map(String.class, Object.class), InvokeArgs.Empty, InvokeOptions.Empty);
            ctx.export("bucket", answer);
        });
        assertFalse(run.succeeded());
        assertEquals(java.util.List.of("aws:s3/getBucket:getBucket"), run.unmockedCalls());
        assertTrue(run.errorText().contains("Unmocked provider function 'aws:s3/getBucket:getBucket'"), run.errorText());
    }

    @Test
    @DisplayName("provider-computed values are synthesised: AWS ARNs, load balancer DNS, Redis endpoints, Kubernetes names")
    void computedValuesAreSynthesised() {
        Map<String, Object> lb = ComputedValues.complete("aws:lb/loadBalancer:LoadBalancer", "consoul", Map.of());
        assertEquals("arn:aws:lb:us-east-1:123456789012:loadbalancer/consoul", lb.get("arn"));
        assertTrue(String.valueOf(lb.get("dnsName")).endsWith(".elb.amazonaws.com"));
        Map<String, Object> redis = ComputedValues.complete("aws:elasticache/replicationGroup:ReplicationGroup", "r", Map.of());
        assertTrue(String.valueOf(redis.get("primaryEndpointAddress")).contains(".cache.amazonaws.com"));
        Map<String, Object> svc = ComputedValues.complete("kubernetes:core/v1:Service", "consoul", Map.of("metadata", Map.of("namespace", "ns")));
        assertEquals("consoul", ((Map<?, ?>) svc.get("metadata")).get("name"));
        assertEquals("ns", ((Map<?, ?>) svc.get("metadata")).get("namespace"));
    }

    @Test
    @DisplayName("values the program set are never overridden by synthesised ones")
    void programValuesWin() {
        Map<String, Object> tg = ComputedValues.complete("aws:lb/targetGroup:TargetGroup", "tg", Map.of("name", "explicit"));
        assertEquals("explicit", tg.get("name"));
    }
}
