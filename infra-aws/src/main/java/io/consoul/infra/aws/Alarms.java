package io.consoul.infra.aws;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.lb.TargetGroup;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.DeploymentSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudWatch alarms, the ALB's side of ops/prometheus/consoul-alerts.yml, each notifying an SNS topic (the stack's
 * {@code alarmTopicArn}, or one the program creates, with {@code alarmEmail} subscribed): 5xx the ALB answers itself
 * (no healthy target, a target that did not answer: the outage the tasks' own 5xx cannot show), and per colour 5xx
 * answered by the tasks and tasks failing the health check. The idle colour is watched too: it must be healthy before
 * anyone switches to it.
 */
final class Alarms {
    /** 5xx per minute, three minutes in a row. */
    static final int FIVE_XX_PER_MINUTE = 10;
    static final int EVALUATION_MINUTES = 3;

    private Alarms() {
    }

    /** @return the ARN of the topic the alarms notify */
    static Output<String> create(String name, DeploymentSpec spec, LoadBalancer loadBalancer, CustomResourceOptions opts) {
        Output<String> topic = topic(name, spec, opts);
        Output<Map<String, String>> alb = loadBalancer.alb().arnSuffix().applyValue(a -> Map.of("LoadBalancer", a));
        alarm(name + "-elb-5xx", null, alb, "HTTPCode_ELB_5XX_Count", "Sum", FIVE_XX_PER_MINUTE,
                "More than " + FIVE_XX_PER_MINUTE + " 5xx a minute from the load balancer itself (no healthy target?)",
                topic, opts);
        loadBalancer.targetGroups().forEach((color, group) -> {
            alarm(name + "-" + color.key() + "-target-5xx", color, dimensions(loadBalancer, group),
                    "HTTPCode_Target_5XX_Count", "Sum", FIVE_XX_PER_MINUTE,
                    "More than " + FIVE_XX_PER_MINUTE + " 5xx a minute from the " + color.key() + " tasks", topic, opts);
            alarm(name + "-" + color.key() + "-unhealthy-hosts", color, dimensions(loadBalancer, group),
                    "UnHealthyHostCount", "Maximum", 0,
                    "A " + color.key() + " task fails the ALB health check", topic, opts);
        });
        return topic;
    }

    private static Output<String> topic(String name, DeploymentSpec spec, CustomResourceOptions opts) {
        if (spec.platform().alarmTopicArn().isPresent()) {
            return Output.of(spec.platform().alarmTopicArn().get());
        }
        var topic = new Topic(name + "-alarms", TopicArgs.builder()
                .displayName("Consoul " + spec.environment().key() + " alarms").build(), opts);
        spec.platform().alarmEmail().ifPresent(email -> new TopicSubscription(name + "-alarms-email",
                TopicSubscriptionArgs.builder().topic(topic.arn()).protocol("email").endpoint(email).build(), opts));
        return topic.arn();
    }

    private static Output<Map<String, String>> dimensions(LoadBalancer loadBalancer, TargetGroup group) {
        return Output.tuple(loadBalancer.alb().arnSuffix(), group.arnSuffix())
                .applyValue(t -> Map.of("LoadBalancer", t.t1, "TargetGroup", t.t2));
    }

    private static MetricAlarm alarm(String name, Color color, Output<Map<String, String>> dimensions, String metric,
                                     String statistic, double threshold, String description, Output<String> topic,
                                     CustomResourceOptions opts) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (color != null) {
            tags.put("consoul:color", color.key());
        }
        return new MetricAlarm(name, MetricAlarmArgs.builder()
                .namespace("AWS/ApplicationELB")
                .metricName(metric)
                .dimensions(dimensions)
                .statistic(statistic)
                .period(60)
                .evaluationPeriods(EVALUATION_MINUTES)
                .comparisonOperator("GreaterThanThreshold")
                .threshold(threshold)
                // No traffic (an idle colour) is not an outage.
                .treatMissingData("notBreaching")
                .alarmDescription(description)
                .alarmActions(topic.applyValue(java.util.List::of))
                .okActions(topic.applyValue(java.util.List::of))
                .tags(tags)
                .build(), opts);
    }
}
