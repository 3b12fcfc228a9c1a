package io.consoul.infra.aws;

import com.pulumi.aws.lb.Listener;
import com.pulumi.aws.lb.ListenerArgs;
import com.pulumi.aws.lb.TargetGroup;
import com.pulumi.aws.lb.TargetGroupArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionRedirectArgs;
import com.pulumi.aws.lb.inputs.TargetGroupHealthCheckArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.HealthChecks;
import io.consoul.infra.spec.Ports;
import io.consoul.infra.spec.Probe;
import io.consoul.infra.spec.Shutdown;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The ALB: a target group per colour, the production listener forwarding to the active colour and the test listener
 * to the idle one. Switching colours changes only those two listeners' target group.
 */
record LoadBalancer(com.pulumi.aws.lb.LoadBalancer alb, Map<Color, TargetGroup> targetGroups,
                    List<Listener> listeners, Output<String> url, Output<String> previewUrl) {
    /** A modern TLS policy: TLS 1.2 and 1.3 only. */
    static final String SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    /** The ports the internet may reach. */
    static List<Integer> listenerPorts(boolean https) {
        return https
                ? List.of(Ports.HTTP, Ports.HTTPS, Ports.PREVIEW_HTTPS)
                : List.of(Ports.HTTP, Ports.PREVIEW_HTTP);
    }

    /** @param certificateArn the HTTPS listeners' certificate (null serves plain HTTP) */
    static LoadBalancer create(String name, DeploymentSpec spec, AwsNetwork network, SecurityGroups groups,
                               Output<String> certificateArn, CustomResourceOptions opts) {
        var alb = new com.pulumi.aws.lb.LoadBalancer(name, com.pulumi.aws.lb.LoadBalancerArgs.builder()
                .loadBalancerType("application")
                .internal(false)
                .securityGroups(groups.loadBalancer().id().applyValue(List::of))
                .subnets(network.publicSubnets())
                .enableDeletionProtection(spec.platform().deletionProtection())
                .dropInvalidHeaderFields(true)
                .build(), opts);
        Map<Color, TargetGroup> targets = new EnumMap<>(Color.class);
        for (Color color : spec.colors()) {
            targets.put(color, targetGroup(name, color, network, opts));
        }
        boolean https = certificateArn != null;
        String protocol = https ? "HTTPS" : "HTTP";
        int prodPort = https ? Ports.HTTPS : Ports.HTTP;
        int previewPort = https ? Ports.PREVIEW_HTTPS : Ports.PREVIEW_HTTP;
        var production = listener(name + "-production", alb, certificateArn, prodPort, forward(targets.get(spec.activeColor())), opts);
        var preview = listener(name + "-preview", alb, certificateArn, previewPort, forward(targets.get(spec.idleColor())), opts);
        List<Listener> listeners = https
                ? List.of(production, preview, listener(name + "-redirect", alb, certificateArn, Ports.HTTP, redirectToHttps(), opts))
                : List.of(production, preview);
        String scheme = https ? "https://" : "http://";
        // On the stack's domain the certificate names the host; the ALB's own DNS name it does not.
        boolean onDomain = spec.platform().domain().isPresent();
        return new LoadBalancer(alb, targets, listeners,
                onDomain ? AwsDomain.url(spec, false) : alb.dnsName().applyValue(dns -> scheme + dns),
                onDomain ? AwsDomain.url(spec, true) : alb.dnsName().applyValue(dns -> scheme + dns + ":" + previewPort));
    }

    /**
     * The target group checks {@code /health}, not {@code /ready}, on purpose. ECS replaces a task that fails its
     * load-balancer check, so checking {@code /ready} (which fails while Redis is unreachable) would turn a Redis
     * outage into every task of both colours being killed and restarted. Draining needs no check: when ECS stops a
     * task it first deregisters it, waits out the deregistration delay while in-flight requests finish, and only
     * then sends SIGTERM (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-connection-draining.html).
     */
    private static TargetGroup targetGroup(String name, Color color, AwsNetwork network, CustomResourceOptions opts) {
        Probe check = HealthChecks.LIVENESS;
        return new TargetGroup(name + "-" + color.key(), TargetGroupArgs.builder()
                .port(Ports.APP).protocol("HTTP").targetType("ip")
                .vpcId(network.vpcId())
                .deregistrationDelay(Shutdown.TERMINATION_GRACE_SECONDS)
                .healthCheck(TargetGroupHealthCheckArgs.builder()
                        .enabled(true)
                        .path(check.path())
                        .port(Integer.toString(Ports.APP))
                        .protocol("HTTP")
                        .healthyThreshold(check.healthyThreshold())
                        .unhealthyThreshold(check.unhealthyThreshold())
                        .interval(check.periodSeconds())
                        .timeout(check.timeoutSeconds())
                        .matcher("200")
                        .build())
                .build(), opts);
    }

    private static Listener listener(String name, com.pulumi.aws.lb.LoadBalancer alb, Output<String> certificateArn,
                                     int port, ListenerDefaultActionArgs action, CustomResourceOptions opts) {
        boolean tls = certificateArn != null && port != Ports.HTTP;
        var args = ListenerArgs.builder().loadBalancerArn(alb.arn()).port(port)
                .protocol(tls ? "HTTPS" : "HTTP").defaultActions(action);
        if (tls) {
            args.certificateArn(certificateArn).sslPolicy(SSL_POLICY);
        }
        return new Listener(name, args.build(), opts);
    }

    private static ListenerDefaultActionArgs forward(TargetGroup target) {
        return ListenerDefaultActionArgs.builder().type("forward").targetGroupArn(target.arn()).build();
    }

    private static ListenerDefaultActionArgs redirectToHttps() {
        return ListenerDefaultActionArgs.builder().type("redirect")
                .redirect(ListenerDefaultActionRedirectArgs.builder()
                        .protocol("HTTPS").port(Integer.toString(Ports.HTTPS)).statusCode("HTTP_301").build())
                .build();
    }
}
