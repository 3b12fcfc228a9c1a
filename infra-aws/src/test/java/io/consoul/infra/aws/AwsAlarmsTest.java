package io.consoul.infra.aws;

import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.mock.MockedResource;
import io.consoul.infra.spec.mock.StackRun;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(120)
class AwsAlarmsTest {
    static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    static final String LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";

    @ParameterizedTest(name = "the {0} target group has a 5xx alarm and an unhealthy-hosts alarm, each watching it on the ALB")
    @EnumSource(Color.class)
    void eachColourTargetGroupIsWatched(Color color) {
        StackRun run = AwsStackTest.run(AwsStackTest.spec(Color.BLUE));
        Object targetGroup = run.resource(AwsStackTest.TARGET_GROUP, "consoul-" + color.key()).state().get("arnSuffix");
        Object alb = run.resource(LOAD_BALANCER, "consoul").state().get("arnSuffix");

        MockedResource errors = run.resource(ALARM, "consoul-" + color.key() + "-target-5xx");
        assertEquals("AWS/ApplicationELB", errors.input("namespace").orElseThrow());
        assertEquals("HTTPCode_Target_5XX_Count", errors.input("metricName").orElseThrow());
        assertEquals(targetGroup, errors.input("dimensions.TargetGroup").orElseThrow(), "5xx alarm watches its own colour");
        assertEquals(alb, errors.input("dimensions.LoadBalancer").orElseThrow());

        MockedResource unhealthy = run.resource(ALARM, "consoul-" + color.key() + "-unhealthy-hosts");
        assertEquals("UnHealthyHostCount", unhealthy.input("metricName").orElseThrow());
        assertEquals(targetGroup, unhealthy.input("dimensions.TargetGroup").orElseThrow(), "unhealthy alarm watches its own colour");
        assertEquals(alb, unhealthy.input("dimensions.LoadBalancer").orElseThrow());
        assertEquals("GreaterThanThreshold", unhealthy.input("comparisonOperator").orElseThrow());
        assertEquals(0.0, ((Number) unhealthy.input("threshold").orElseThrow()).doubleValue());
    }
}
