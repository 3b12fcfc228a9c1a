package io.consoul.infra.aws;

import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.mock.MockedResource;
import io.consoul.infra.spec.mock.StackRun;
import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.DeployEnvironment;
import io.consoul.infra.spec.fixtures.SpecFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    @DisplayName("the ALB's own 5xx (no healthy target) is watched on the load balancer, not on a target group")
    void loadBalancerOwn5xxIsWatched() {
        StackRun run = AwsStackTest.run(AwsStackTest.spec(Color.BLUE));
        MockedResource elb = run.resource(ALARM, "consoul-elb-5xx");
        assertEquals("HTTPCode_ELB_5XX_Count", elb.input("metricName").orElseThrow());
        assertEquals(Map.of("LoadBalancer", run.resource(LOAD_BALANCER, "consoul").state().get("arnSuffix")),
                elb.input("dimensions").orElseThrow());
    }

    @Test
    @DisplayName("every alarm notifies the SNS topic the program creates, with alarmEmail subscribed to it")
    void alarmsNotifyACreatedTopic() {
        StackRun run = AwsStackTest.run(SpecFixtures.spec(Cloud.AWS, DeployEnvironment.PRODUCTION)
                .alarmEmail("oncall@example.com").build());
        Object topic = run.resource("aws:sns/topic:Topic", "consoul-alarms").state().get("arn");
        MockedResource subscription = run.resource("aws:sns/topicSubscription:TopicSubscription", "consoul-alarms-email");
        assertEquals("email", subscription.input("protocol").orElseThrow());
        assertEquals("oncall@example.com", subscription.input("endpoint").orElseThrow());
        assertEquals(topic, subscription.input("topic").orElseThrow());
        List<MockedResource> alarms = run.resourcesOfType(ALARM);
        assertEquals(5, alarms.size(), "the ALB's 5xx, and 5xx and unhealthy hosts per colour");
        alarms.forEach(a -> {
            assertEquals(List.of(topic), a.input("alarmActions").orElseThrow(), a.name() + " notifies no one");
            assertEquals(List.of(topic), a.input("okActions").orElseThrow(), a.name() + " never says it recovered");
        });
    }

    @Test
    @DisplayName("with alarmTopicArn the alarms notify that topic and no topic is created")
    void alarmsNotifyAGivenTopic() {
        String arn = "arn:aws:sns:us-east-1:123456789012:pager";
        StackRun run = AwsStackTest.run(SpecFixtures.spec(Cloud.AWS, DeployEnvironment.PRODUCTION).alarmTopicArn(arn).build());
        assertTrue(run.resourcesOfType("aws:sns/topic:Topic").isEmpty());
        run.resourcesOfType(ALARM).forEach(a -> assertEquals(List.of(arn), a.input("alarmActions").orElseThrow(), a.name()));
    }
}
