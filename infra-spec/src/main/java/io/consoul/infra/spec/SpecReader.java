package io.consoul.infra.spec;

import io.consoul.infra.spec.config.ConfigSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads every {@code consoul:} key once into a builder; values that do not parse become problems, and so does every
 * key set in the source that the reader never asked for (a typo would otherwise be silently ignored).
 */
final class SpecReader {
    private final ConfigSource source;
    private final List<String> problems = new ArrayList<>();
    /** Every key this reader asks for: the known keys, recorded as read so the list cannot drift from the reader. */
    private final Set<String> known = new LinkedHashSet<>();

    private SpecReader(ConfigSource source) {
        this.source = source;
    }

    static DeploymentSpec read(ConfigSource source) {
        return new SpecReader(source).read();
    }

    private DeploymentSpec read() {
        DeploymentSpecBuilder b = DeploymentSpec.builder();
        StackName stack = StackName.parse(source.stackName());
        b.cloud = enumValue("cloud", Cloud::fromKey, Cloud.allowed()).or(stack::cloud).orElse(null);
        b.environment = enumValue("environment", DeployEnvironment::fromKey, DeployEnvironment.allowed())
                .or(stack::environment).orElse(null);
        enumValue("size", Size::fromKey, Size.allowed()).ifPresent(b::size);
        integer("minReplicas", b::minReplicas);
        integer("maxReplicas", b::maxReplicas);
        integer("cpuTarget", b::cpuTarget);
        get("memoryTarget").ifPresent(raw -> problems.add("consoul:memoryTarget = " + raw + " is no longer used:"
                + " no cloud scales Consoul on memory, because a JVM keeps the heap it has grown (see docs/deploying.md,"
                + " \"Autoscaling\"); remove it and scale on consoul:cpuTarget"));
        integer("concurrency", b::concurrency);
        integer("scaleInCooldown", b::scaleInCooldown);
        integer("scaleOutCooldown", b::scaleOutCooldown);
        for (Color color : Color.values()) {
            integer(color.key() + "MinReplicas", value -> b.minReplicas(color, value));
        }
        get("scaleDownDelay").ifPresent(b::scaleDownDelay);
        for (Color color : Color.values()) {
            get(color.key() + "Image").ifPresent(image -> b.image(color, image));
        }
        enumValue("activeColor", Color::fromKey, Color.allowed()).ifPresent(b::activeColor);
        enumValue("redis", RedisMode::fromKey, RedisMode.allowed()).ifPresent(b::redisMode);
        b.redisUrl = secret("redisUrl").orElse(null);
        b.redisPassword = secret("redisPassword").orElse(null);
        bool("redisHighAvailability", b::redisHighAvailability);
        for (AppSecret secret : AppSecret.values()) {
            secret(secret.configKey()).ifPresent(v -> b.secrets.put(secret, v));
        }
        bool("deletionProtection", b::deletionProtection);
        integer("logRetentionDays", b::logRetentionDays);
        get("certificateArn").ifPresent(b::certificateArn);
        get("namespace").ifPresent(b::namespace);
        get("serviceType").ifPresent(b::serviceType);
        bool("allowPublicAccess", b::allowPublicAccess);
        get("alarmTopicArn").ifPresent(b::alarmTopicArn);
        get("alarmEmail").ifPresent(b::alarmEmail);
        get("domain").map(String::trim).ifPresent(b::domain);
        get("dnsZone").map(String::trim).map(z -> z.endsWith(".") ? z.substring(0, z.length() - 1) : z)
                .ifPresent(b::dnsZone);
        get("tlsIssuer").map(String::trim).ifPresent(b::tlsIssuer);
        get("dnsZoneResourceGroup").map(String::trim).ifPresent(b::dnsZoneResourceGroup);
        b.network(new Network(get("vpcId"), list("publicSubnetIds"), list("privateSubnetIds")));
        problems.addAll(UnknownKeys.problems(source.keys(), known));
        return b.build(problems);
    }

    /** The only way this reader reads the source: each key asked for is a known key. */
    private Optional<String> get(String key) {
        known.add(key);
        return source.get(key);
    }

    private Optional<SecretValue> secret(String key) {
        known.add(key);
        return source.getSecret(key);
    }

    private <E> Optional<E> enumValue(String key, Function<String, Optional<E>> parse, String allowed) {
        Optional<String> raw = get(key);
        Optional<E> value = raw.flatMap(parse);
        if (raw.isPresent() && value.isEmpty()) {
            problems.add("consoul:" + key + " = '" + raw.get() + "' is unknown: allowed " + allowed);
        }
        return value;
    }

    private void integer(String key, Consumer<Integer> set) {
        get(key).ifPresent(raw -> {
            try {
                set.accept(Integer.parseInt(raw.trim()));
            } catch (NumberFormatException e) {
                problems.add("consoul:" + key + " = '" + raw + "' is not a whole number");
            }
        });
    }

    private void bool(String key, Consumer<Boolean> set) {
        get(key).ifPresent(raw -> {
            switch (raw.trim()) {
                case "true" -> set.accept(true);
                case "false" -> set.accept(false);
                default -> problems.add("consoul:" + key + " = '" + raw + "' is not allowed: allowed true, false");
            }
        });
    }

    /** A list as {@code a,b} or as the JSON list {@code pulumi config set --path} writes ({@code ["a","b"]}). */
    private List<String> list(String key) {
        return get(key)
                .map(raw -> raw.replaceAll("[\\[\\]\"\\s]", ""))
                .map(raw -> Arrays.stream(raw.split(",")).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }
}
