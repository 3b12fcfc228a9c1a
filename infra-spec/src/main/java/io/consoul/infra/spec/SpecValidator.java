package io.consoul.infra.spec;

import io.consoul.infra.spec.limits.PlatformLimits;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The rules a deployable spec follows; each message names the key, the value and what is allowed. */
final class SpecValidator {
    static final int MAX_REPLICAS_CEILING = 100;
    static final int MAX_PERCENT = 100;
    static final int MAX_CONCURRENCY = 1000;
    static final int MAX_COOLDOWN_SECONDS = 3600;
    /** ElastiCache's auth token rule, which also keeps the password safe inside a URL. */
    static final int MIN_PASSWORD = 16;
    static final int MAX_PASSWORD = 128;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private SpecValidator() {
    }

    static void validate(DeploymentSpecBuilder b, List<String> problems) {
        if (b.cloud == null) {
            problems.add("consoul:cloud is not set and the stack name does not start with one of: " + Cloud.allowed()
                    + " (name stacks <cloud>-<environment>, or set consoul:cloud)");
        }
        if (b.environment == null) {
            problems.add("consoul:environment is not set and the stack name does not end with one of: "
                    + DeployEnvironment.allowed() + " (name stacks <cloud>-<environment>, or set consoul:environment)");
        }
        for (Color color : Color.values()) {
            String image = b.images.get(color);
            if (image == null || image.isBlank()) {
                problems.add("consoul:" + color.key() + "Image is missing: set the container image of the "
                        + color.key() + " colour, e.g. ghcr.io/consoul/consoul:1.0.0");
            } else if (image.chars().anyMatch(Character::isWhitespace)) {
                problems.add("consoul:" + color.key() + "Image = '" + image + "' is not an image reference: no spaces allowed");
            }
        }
        scaling(b, problems);
        redis(b, problems);
        for (AppSecret secret : AppSecret.values()) {
            if (secret.required() && !b.secrets.containsKey(secret)) {
                problems.add("consoul:" + secret.configKey() + " is missing: set it with `pulumi config set --secret consoul:"
                        + secret.configKey() + " <value>`");
            }
        }
        platform(b, problems);
        if (b.cloud != null) {
            // The cloud's own limits: a size or concurrency it would reject is refused here, before any resource.
            PlatformLimits.of(b.cloud).check(b.size, b.scaling(), b.concurrency != null, problems);
        }
    }

    private static void scaling(DeploymentSpecBuilder b, List<String> problems) {
        Scaling s = b.scaling();
        int floor = b.cloud != null && b.cloud.allowsScaleToZero() ? 0 : 1;
        if (s.minReplicas() < floor) {
            problems.add("consoul:minReplicas = " + s.minReplicas() + " is not allowed"
                    + (b.cloud != null ? " on " + b.cloud.key() : "") + ": allowed " + floor + ".." + MAX_REPLICAS_CEILING
                    + (floor == 1 ? " (only gcp and azure scale to zero)" : ""));
        }
        if (s.maxReplicas() < 1 || s.maxReplicas() > MAX_REPLICAS_CEILING) {
            problems.add("consoul:maxReplicas = " + s.maxReplicas() + " is out of range: allowed 1.." + MAX_REPLICAS_CEILING);
        }
        if (s.minReplicas() > s.maxReplicas()) {
            problems.add("consoul:minReplicas = " + s.minReplicas() + " is greater than consoul:maxReplicas = "
                    + s.maxReplicas() + ": minReplicas must be <= maxReplicas");
        }
        range(problems, "cpuTarget", s.cpuTargetPercent(), 1, MAX_PERCENT, " (percent)");
        range(problems, "concurrency", s.concurrency(), 1, MAX_CONCURRENCY, " (requests per instance)");
        range(problems, "scaleInCooldown", s.scaleInCooldownSeconds(), 0, MAX_COOLDOWN_SECONDS, " (seconds)");
        range(problems, "scaleOutCooldown", s.scaleOutCooldownSeconds(), 0, MAX_COOLDOWN_SECONDS, " (seconds)");
        colorCapacity(b, s, floor, problems);
    }

    /** Longest scale-down delay: a day. Beyond it the old colour is no rollback target but a second deployment. */
    static final long MAX_SCALE_DOWN_DELAY_SECONDS = 86_400;

    /** {@code blueMinReplicas}, {@code greenMinReplicas} and {@code scaleDownDelay}, the pre-scaled switch's settings. */
    private static void colorCapacity(DeploymentSpecBuilder b, Scaling s, int floor, List<String> problems) {
        for (Color color : Color.values()) {
            Integer min = b.colorMinReplicas.get(color);
            if (min == null) {
                continue;
            }
            String key = "consoul:" + color.key() + "MinReplicas";
            if (min < floor || min > s.maxReplicas()) {
                problems.add(key + " = " + min + " is not allowed" + (b.cloud != null ? " on " + b.cloud.key() : "")
                        + ": allowed " + floor + ".." + s.maxReplicas() + " (at most consoul:maxReplicas = "
                        + s.maxReplicas() + (floor == 1 ? "; only gcp and azure scale to zero" : "") + ")");
            } else if (min != s.minReplicas()
                    && !RevisionPlan.ownMinimumAllowed(b.cloud, color, b.images.get(Color.BLUE), b.images.get(Color.GREEN))) {
                problems.add(key + " = " + min + " is not allowed on " + b.cloud.key() + " while " + color.key()
                        + " runs " + (b.images.get(Color.BLUE).equals(b.images.get(Color.GREEN)) ? "the same image as "
                        + color.other().key() : "the older image") + ": a colour's minimum is part of its revision, and"
                        + " an update can create a revision only for the colour with the newer image ("
                        + RevisionPlan.templateColor(b.images.get(Color.BLUE), b.images.get(Color.GREEN)).key()
                        + "); allowed: " + s.minReplicas() + " (consoul:minReplicas), or give " + color.key()
                        + " the newer image first");
            }
        }
        if (b.scaleDownDelay != null) {
            var seconds = Durations.seconds(b.scaleDownDelay);
            if (seconds.isEmpty() || seconds.getAsLong() > MAX_SCALE_DOWN_DELAY_SECONDS) {
                problems.add("consoul:scaleDownDelay = '" + b.scaleDownDelay + "' is not allowed: allowed "
                        + Durations.ALLOWED + ", from 0 to 24h");
            }
        }
    }

    private static void redis(DeploymentSpecBuilder b, List<String> problems) {
        if (b.redisMode == RedisMode.EXTERNAL) {
            if (b.redisUrl == null) {
                problems.add("consoul:redisUrl is missing but consoul:redis = external: set it with "
                        + "`pulumi config set --secret consoul:redisUrl rediss://:<password>@<host>:6379`");
            } else if (!RedisEnv.isRedisUrl(b.redisUrl.reveal())) {
                problems.add("consoul:redisUrl = [secret] is not a Redis URL: allowed redis://[:password@]host:port[/db]"
                        + " or rediss://…");
            }
            return;
        }
        if (b.redisUrl != null) {
            problems.add("consoul:redisUrl is set but consoul:redis = managed: set consoul:redis to external to use it,"
                    + " or remove consoul:redisUrl");
        }
        if (b.redisPassword == null
                && !StackSecrets.required(Optional.ofNullable(b.cloud), b.redisMode).contains(StackSecrets.REDIS_PASSWORD)) {
            return;
        }
        if (b.redisPassword == null) {
            problems.add("consoul:redisPassword is missing but consoul:redis = managed: set it with "
                    + "`pulumi config set --secret consoul:redisPassword $(openssl rand -hex 32)`");
        } else if (b.redisPassword.length() < MIN_PASSWORD || b.redisPassword.length() > MAX_PASSWORD
                || b.redisPassword.contains("@") || b.redisPassword.contains("\"") || b.redisPassword.contains("/")) {
            problems.add("consoul:redisPassword = [secret, " + b.redisPassword.length() + " characters] is not allowed: "
                    + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters without @, \" or /");
        }
    }

    private static void platform(DeploymentSpecBuilder b, List<String> problems) {
        if (b.logRetentionDays != null
                && Arrays.stream(Platform.LOG_RETENTION_DAYS).noneMatch(d -> d == b.logRetentionDays)) {
            problems.add("consoul:logRetentionDays = " + b.logRetentionDays + " is not allowed: allowed "
                    + Arrays.toString(Platform.LOG_RETENTION_DAYS));
        }
        if (b.certificateArn != null && !b.certificateArn.startsWith("arn:aws:acm:")) {
            problems.add("consoul:certificateArn = '" + b.certificateArn + "' is not an ACM certificate ARN: allowed "
                    + "arn:aws:acm:<region>:<account>:certificate/<id>");
        }
        Network n = b.network;
        if (n.existing() && (n.publicSubnetIds().size() < Network.ZONES || n.privateSubnetIds().size() < Network.ZONES)) {
            problems.add("consoul:vpcId = '" + n.vpcId().orElseThrow() + "' needs consoul:publicSubnetIds and "
                    + "consoul:privateSubnetIds with at least " + Network.ZONES + " subnets each (one per zone); got "
                    + n.publicSubnetIds().size() + " public and " + n.privateSubnetIds().size() + " private");
        }
        if (!n.existing() && (!n.publicSubnetIds().isEmpty() || !n.privateSubnetIds().isEmpty())) {
            problems.add("consoul:publicSubnetIds / consoul:privateSubnetIds are set without consoul:vpcId: set the VPC"
                    + " they belong to, or remove them to create a new VPC");
        }
        if (b.namespace != null && !DNS_LABEL.matcher(b.namespace).matches()) {
            problems.add("consoul:namespace = '" + b.namespace + "' is not a Kubernetes namespace name: allowed lower-case"
                    + " letters, digits and '-', at most 63 characters");
        }
        if (b.alarmTopicArn != null && !b.alarmTopicArn.startsWith("arn:aws:sns:")) {
            problems.add("consoul:alarmTopicArn = '" + b.alarmTopicArn + "' is not an SNS topic ARN: allowed "
                    + "arn:aws:sns:<region>:<account>:<topic>");
        }
        if (b.alarmEmail != null && !b.alarmEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add("consoul:alarmEmail = '" + b.alarmEmail + "' is not an e-mail address: allowed name@example.com");
        }
        if (b.alarmTopicArn != null && b.alarmEmail != null) {
            problems.add("consoul:alarmEmail is set together with consoul:alarmTopicArn: subscribe the address to your"
                    + " topic yourself, or remove consoul:alarmTopicArn to have the program create one for it");
        }
        domain(b, problems);
        keysOfOtherClouds(b, problems);
        if (b.serviceType != null && Arrays.stream(Platform.SERVICE_TYPES).noneMatch(t -> t.equals(b.serviceType))) {
            problems.add("consoul:serviceType = '" + b.serviceType + "' is unknown: allowed "
                    + String.join(", ", Platform.SERVICE_TYPES));
        }
    }

    /** A key that only some clouds' programs read: its value when set, and what it is for. */
    private record CloudKey(String key, Object value, Set<Cloud> readOn, String what) {}

    /**
     * Keys only some clouds' programs read (docs/deploying.md marks them "AWS:", "Kubernetes:", "Azure:"). Set on a
     * stack of another cloud, they would be ignored without a word, like a typo; so they are refused, naming where
     * they apply.
     */
    private static void keysOfOtherClouds(DeploymentSpecBuilder b, List<String> problems) {
        if (b.cloud == null) {
            return;
        }
        List<CloudKey> keys = List.of(
                new CloudKey("certificateArn", b.certificateArn, EnumSet.of(Cloud.AWS), "an ACM certificate for the load balancer"),
                new CloudKey("alarmTopicArn", b.alarmTopicArn, EnumSet.of(Cloud.AWS), "the SNS topic of the CloudWatch alarms"),
                new CloudKey("alarmEmail", b.alarmEmail, EnumSet.of(Cloud.AWS), "an address for the CloudWatch alarms' topic"),
                new CloudKey("vpcId", b.network.vpcId().orElse(null), EnumSet.of(Cloud.AWS), "an existing VPC for ECS"),
                new CloudKey("namespace", b.namespace, EnumSet.of(Cloud.K8S), "the Kubernetes namespace"),
                new CloudKey("tlsIssuer", b.tlsIssuer, EnumSet.of(Cloud.K8S), "the cert-manager ClusterIssuer of the Ingress"),
                new CloudKey("serviceType", b.serviceType, EnumSet.of(Cloud.K8S), "the type of the Kubernetes Services"),
                new CloudKey("dnsZoneResourceGroup", b.dnsZoneResourceGroup, EnumSet.of(Cloud.AZURE),
                        "the resource group of an Azure DNS zone"),
                new CloudKey("dnsZone", b.dnsZone, EnumSet.of(Cloud.AWS, Cloud.GCP, Cloud.AZURE),
                        "the zone the program writes the domain's records in (on k8s, point the domain at your ingress"
                                + " controller yourself, or let external-dns do it)"));
        for (CloudKey k : keys) {
            if (k.value() != null && !k.readOn().contains(b.cloud)) {
                problems.add("consoul:" + k.key() + " is set on " + b.cloud.key() + ": it is " + k.what() + ", used only on "
                        + k.readOn().stream().map(Cloud::key).collect(Collectors.joining(", ")) + "; remove it");
            }
        }
    }

    /** A host name of at least two labels, lower case: what certificates and DNS records take. */
    private static final Pattern HOST_NAME = Pattern.compile("(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z][-a-z0-9]{0,61}[a-z0-9]");

    /** {@code domain}, {@code dnsZone}, {@code tlsIssuer}: HTTPS on the user's domain, and what each cloud needs for it. */
    private static void domain(DeploymentSpecBuilder b, List<String> problems) {
        if (b.domain != null && !HOST_NAME.matcher(b.domain).matches()) {
            problems.add("consoul:domain = '" + b.domain + "' is not a host name: allowed lower-case labels separated by"
                    + " dots, e.g. api.example.com");
        }
        if (b.dnsZone != null && !HOST_NAME.matcher(b.dnsZone).matches()) {
            problems.add("consoul:dnsZone = '" + b.dnsZone + "' is not a DNS zone name: allowed e.g. example.com");
        }
        if (b.domain != null && b.dnsZone != null && !(b.domain.equals(b.dnsZone) || b.domain.endsWith("." + b.dnsZone))) {
            problems.add("consoul:domain = '" + b.domain + "' is not in consoul:dnsZone = '" + b.dnsZone
                    + "': the records go in that zone, so the domain must end with ." + b.dnsZone);
        }
        if (b.tlsIssuer != null && !DNS_LABEL.matcher(b.tlsIssuer).matches()) {
            problems.add("consoul:tlsIssuer = '" + b.tlsIssuer + "' is not a ClusterIssuer name: allowed lower-case"
                    + " letters, digits and '-'");
        }
        if (b.domain == null && (b.dnsZone != null || b.tlsIssuer != null || b.dnsZoneResourceGroup != null)) {
            problems.add("consoul:" + (b.dnsZone != null ? "dnsZone" : b.tlsIssuer != null ? "tlsIssuer" : "dnsZoneResourceGroup")
                    + " is set without consoul:domain:"
                    + " set the host name to serve, e.g. `pulumi config set consoul:domain api.example.com`");
        }
        if (b.dnsZoneResourceGroup != null && !AZURE_RESOURCE_GROUP.matcher(b.dnsZoneResourceGroup).matches()) {
            problems.add("consoul:dnsZoneResourceGroup = '" + b.dnsZoneResourceGroup + "' is not a resource group name:"
                    + " allowed 1 to 90 letters, digits, '_', '-', '.', '(' and ')', not ending in '.'");
        }
        if (b.domain == null || b.cloud == null) {
            return;
        }
        boolean needsZone = b.cloud != Cloud.K8S;
        if (needsZone && b.dnsZone == null) {
            problems.add("consoul:domain = '" + b.domain + "' needs consoul:dnsZone on " + b.cloud.key()
                    + ": the zone (" + switch (b.cloud) {
                        case AWS -> "Route 53";
                        case GCP -> "Cloud DNS";
                        default -> "Azure DNS";
                    } + ") where the program writes the domain's records, e.g. example.com");
        }
        if (b.cloud == Cloud.AZURE) {
            azureDomain(b, problems);
        }
        if (b.cloud == Cloud.GCP && b.domain.equals(b.dnsZone)) {
            problems.add("consoul:domain = '" + b.domain + "' is the apex of consoul:dnsZone on gcp: a Cloud Run domain"
                    + " mapping is pointed at by a CNAME, which a zone apex cannot hold; allowed a subdomain, e.g. api."
                    + b.dnsZone);
        }
        if (b.cloud == Cloud.K8S && b.tlsIssuer == null) {
            problems.add("consoul:domain = '" + b.domain + "' needs consoul:tlsIssuer on k8s: the cert-manager"
                    + " ClusterIssuer that issues the Ingress certificate, e.g. letsencrypt");
        }
    }

    /**
     * Resource group names: https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules
     * (Microsoft.Resources/resourcegroups: 1-90, underscores, hyphens, periods, parentheses, letters, digits; can't
     * end with a period).
     */
    private static final Pattern AZURE_RESOURCE_GROUP = Pattern.compile("(?=.{1,90}$)[-\\w.()]*[-\\w()]");

    /**
     * A Container App's managed certificate is issued only to a publicly reachable app (Azure validates the domain
     * over the internet), and the records go in an Azure DNS zone addressed by resource group and name
     * (https://learn.microsoft.com/en-us/azure/container-apps/custom-domains-managed-certificates).
     */
    private static void azureDomain(DeploymentSpecBuilder b, List<String> problems) {
        if (b.dnsZone != null && b.dnsZoneResourceGroup == null) {
            problems.add("consoul:domain = '" + b.domain + "' needs consoul:dnsZoneResourceGroup on azure: the resource"
                    + " group holding the Azure DNS zone " + b.dnsZone + ", e.g. `pulumi config set"
                    + " consoul:dnsZoneResourceGroup dns`");
        }
        if (!b.allowPublicAccess) {
            problems.add("consoul:domain = '" + b.domain + "' needs consoul:allowPublicAccess = true on azure: Azure"
                    + " issues a managed certificate only to an app its validation reaches from the internet; allowed:"
                    + " set consoul:allowPublicAccess true, or remove consoul:domain");
        }
    }

    private static void range(List<String> problems, String key, int value, int min, int max, String unit) {
        if (value < min || value > max) {
            problems.add("consoul:" + key + " = " + value + " is out of range: allowed " + min + ".." + max + unit);
        }
    }
}
