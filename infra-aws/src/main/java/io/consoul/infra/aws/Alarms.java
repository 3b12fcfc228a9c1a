package io.consoul.infra.aws;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.lb.TargetGroup;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.Color;

import java.util.Map;

/**
 * CloudWatch alarms on each colour's target group, the ALB's side of ops/prometheus/consoul-alerts.yml: 5xx answered
 * by the tasks, and tasks failing the health check. One pair per colour, the idle one too: it must be healthy
 * before anyone switches to it.
 */
final class Alarms {
    /** 5xx per minute from the tasks of one colour, three minutes in a row. */
    static final int TARGET_5XX_PER_MINUTE = 10;
    static final int EVALUATION_MINUTES = 3;

    private Alarms() {
    }

    static void create(String name, LoadBalancer loadBalancer, CustomResourceOptions opts) {
        loadBalancer.targetGroups().forEach((color, group) -> {
            alarm(name + "-" + color.key() + "-target-5xx", color, loadBalancer, group,
                    "HTTPCode_Target_5XX_Count", "Sum", TARGET_5XX_PER_MINUTE,
                    "More than " + TARGET_5XX_PER_MINUTE + " 5xx a minute from the " + color.key() + " tasks", opts);
            alarm(name + "-" + color.key() + "-unhealthy-hosts", color, loadBalancer, group,
                    "UnHealthyHostCount", "Maximum", 0,
                    "A " + color.key() + " task fails the ALB health check", opts);
        });
    }

    private static MetricAlarm alarm(String name, Color color, LoadBalancer loadBalancer, TargetGroup group, String metric,
                                     String statistic, double threshold, String description, CustomResourceOptions opts) {
        Output<Map<String, String>> dimensions = Output.tuple(loadBalancer.alb().arnSuffix(), group.arnSuffix())
                .applyValue(t -> Map.of("LoadBalancer", t.t1, "TargetGroup", t.t2));
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
                .tags(Map.of("consoul:color", color.key()))
                .build(), opts);
    }
}
