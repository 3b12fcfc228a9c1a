package io.consoul.infra.spec;

import io.consoul.infra.spec.limits.PlatformLimits;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link DeploymentSpec} directly (tests, tools); {@link #build()} applies the same defaults and
 * validation as reading config. Unset fields take the defaults documented on {@link DeploymentSpec}.
 */
public final class DeploymentSpecBuilder {
    Cloud cloud;
    DeployEnvironment environment;
    Size size = Size.MEDIUM;
    Integer minReplicas;
    Integer maxReplicas;
    Integer cpuTarget;
    Integer concurrency;
    Integer scaleInCooldown;
    Integer scaleOutCooldown;
    final Map<Color, Integer> colorMinReplicas = new EnumMap<>(Color.class);
    String scaleDownDelay;
    final Map<Color, String> images = new EnumMap<>(Color.class);
    Color activeColor = Color.BLUE;
    RedisMode redisMode = RedisMode.MANAGED;
    SecretValue redisUrl;
    SecretValue redisPassword;
    Boolean redisHighAvailability;
    final Map<AppSecret, SecretValue> secrets = new EnumMap<>(AppSecret.class);
    Boolean deletionProtection;
    Integer logRetentionDays;
    String certificateArn;
    Network network = Network.CREATE;
    String namespace;
    String serviceType; // null: Platform.DEFAULT_SERVICE_TYPE (read on k8s only)
    boolean allowPublicAccess;
    String alarmTopicArn;
    String alarmEmail;
    String domain;
    String dnsZone;
    String tlsIssuer;
    String dnsZoneResourceGroup;

    DeploymentSpecBuilder() {
    }

    public DeploymentSpecBuilder cloud(Cloud cloud) { this.cloud = cloud; return this; }
    public DeploymentSpecBuilder environment(DeployEnvironment environment) { this.environment = environment; return this; }
    public DeploymentSpecBuilder size(Size size) { this.size = size; return this; }
    public DeploymentSpecBuilder minReplicas(int value) { this.minReplicas = value; return this; }
    public DeploymentSpecBuilder maxReplicas(int value) { this.maxReplicas = value; return this; }
    public DeploymentSpecBuilder cpuTarget(int percent) { this.cpuTarget = percent; return this; }
    public DeploymentSpecBuilder concurrency(int requests) { this.concurrency = requests; return this; }
    public DeploymentSpecBuilder scaleInCooldown(int seconds) { this.scaleInCooldown = seconds; return this; }
    public DeploymentSpecBuilder scaleOutCooldown(int seconds) { this.scaleOutCooldown = seconds; return this; }
    public DeploymentSpecBuilder minReplicas(Color color, int value) { colorMinReplicas.put(color, value); return this; }
    public DeploymentSpecBuilder scaleDownDelay(String duration) { this.scaleDownDelay = duration; return this; }
    public DeploymentSpecBuilder image(Color color, String image) { images.put(color, image); return this; }
    public DeploymentSpecBuilder activeColor(Color color) { this.activeColor = color; return this; }
    public DeploymentSpecBuilder redisMode(RedisMode mode) { this.redisMode = mode; return this; }
    public DeploymentSpecBuilder redisUrl(String url) { this.redisUrl = new SecretValue(url); return this; }
    public DeploymentSpecBuilder redisPassword(String password) { this.redisPassword = new SecretValue(password); return this; }
    public DeploymentSpecBuilder redisHighAvailability(boolean on) { this.redisHighAvailability = on; return this; }
    public DeploymentSpecBuilder secret(AppSecret secret, String value) { secrets.put(secret, new SecretValue(value)); return this; }
    public DeploymentSpecBuilder deletionProtection(boolean on) { this.deletionProtection = on; return this; }
    public DeploymentSpecBuilder logRetentionDays(int days) { this.logRetentionDays = days; return this; }
    public DeploymentSpecBuilder certificateArn(String arn) { this.certificateArn = arn; return this; }
    public DeploymentSpecBuilder network(Network network) { this.network = network; return this; }
    public DeploymentSpecBuilder namespace(String namespace) { this.namespace = namespace; return this; }
    public DeploymentSpecBuilder serviceType(String type) { this.serviceType = type; return this; }
    public DeploymentSpecBuilder allowPublicAccess(boolean on) { this.allowPublicAccess = on; return this; }
    public DeploymentSpecBuilder alarmTopicArn(String arn) { this.alarmTopicArn = arn; return this; }
    public DeploymentSpecBuilder alarmEmail(String email) { this.alarmEmail = email; return this; }
    public DeploymentSpecBuilder domain(String domain) { this.domain = domain; return this; }
    public DeploymentSpecBuilder dnsZone(String zone) { this.dnsZone = zone; return this; }
    public DeploymentSpecBuilder tlsIssuer(String issuer) { this.tlsIssuer = issuer; return this; }
    public DeploymentSpecBuilder dnsZoneResourceGroup(String group) { this.dnsZoneResourceGroup = group; return this; }

    /** Validates and builds; throws {@link InvalidConfigException} listing every problem. */
    public DeploymentSpec build() {
        return build(new ArrayList<>());
    }

    /** Builds after config parsing, adding its problems (unparseable values) to the validator's. */
    DeploymentSpec build(List<String> problems) {
        SpecValidator.validate(this, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        Scaling scaling = scaling();
        boolean production = environment.isProduction();
        RedisSpec redis = new RedisSpec(redisMode, Optional.ofNullable(redisUrl), Optional.ofNullable(redisPassword),
                redisHighAvailability != null ? redisHighAvailability : production,
                RedisTier.forSessions((long) size.concurrentSessions() * scaling.maxReplicas()));
        Platform platform = new Platform(
                deletionProtection != null ? deletionProtection : production,
                logRetentionDays != null ? logRetentionDays : environment.defaultLogRetentionDays(),
                Optional.ofNullable(certificateArn), network,
                namespace != null ? namespace : DeploymentSpec.NAME + "-" + environment.key(),
                serviceType != null ? serviceType : Platform.DEFAULT_SERVICE_TYPE, allowPublicAccess,
                Optional.ofNullable(alarmTopicArn), Optional.ofNullable(alarmEmail),
                Optional.ofNullable(domain), Optional.ofNullable(dnsZone), Optional.ofNullable(tlsIssuer),
                Optional.ofNullable(dnsZoneResourceGroup));
        return new DeploymentSpec(cloud, environment, size, scaling, images, activeColor, redis, secrets, platform);
    }

    Scaling scaling() {
        Scaling d = Scaling.DEFAULTS;
        int defaultConcurrency = cloud != null ? PlatformLimits.of(cloud).defaultConcurrency(size) : d.concurrency();
        return new Scaling(or(minReplicas, d.minReplicas()), or(maxReplicas, d.maxReplicas()),
                or(cpuTarget, d.cpuTargetPercent()), or(concurrency, defaultConcurrency),
                or(scaleInCooldown, d.scaleInCooldownSeconds()), or(scaleOutCooldown, d.scaleOutCooldownSeconds()),
                colorMinReplicas, scaleDownDelaySeconds());
    }

    /** The parsed delay, or the default when unset or unparseable (the validator reports the latter). */
    int scaleDownDelaySeconds() {
        if (scaleDownDelay == null) {
            return Scaling.DEFAULT_SCALE_DOWN_DELAY_SECONDS;
        }
        long seconds = Durations.seconds(scaleDownDelay).orElse(Scaling.DEFAULT_SCALE_DOWN_DELAY_SECONDS);
        return (int) Math.min(seconds, Integer.MAX_VALUE);
    }

    private static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }
}
