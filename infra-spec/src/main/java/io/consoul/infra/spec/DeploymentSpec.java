package io.consoul.infra.spec;

import com.pulumi.Context;
import com.pulumi.core.Output;
import io.consoul.infra.spec.config.ConfigSource;
import io.consoul.infra.spec.config.PulumiConfigSource;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a Consoul deployment is, on any cloud: read once from the stack's {@code consoul:} config, validated,
 * immutable. Cloud programs translate it into resources and never read config or hold a default of their own.
 *
 * @param cloud       which program this stack is for; default from the stack name prefix
 * @param environment dev, staging or production; default from the stack name suffix
 * @param size        the guide's sizing row; default medium
 * @param scaling     replicas, targets and cooldowns; default {@link Scaling#DEFAULTS}
 * @param images      the image of each colour ({@code blueImage}, {@code greenImage}; required)
 * @param activeColor the colour that gets production traffic; default blue
 * @param redis       the Redis both colours share
 * @param secrets     the app's secrets that are set ({@code apiKeys} required)
 * @param platform    per-environment settings (deletion protection, log retention, HTTPS, network, namespace)
 */
public record DeploymentSpec(Cloud cloud, DeployEnvironment environment, Size size, Scaling scaling,
                             Map<Color, String> images, Color activeColor, RedisSpec redis,
                             Map<AppSecret, SecretValue> secrets, Platform platform) {

    /** The base name of every resource, and the app label. */
    public static final String NAME = "consoul";

    public DeploymentSpec {
        images = Map.copyOf(new EnumMap<>(images));
        secrets = Map.copyOf(new EnumMap<>(secrets));
    }

    /** Reads and validates the running stack's config. */
    public static DeploymentSpec fromConfig(Context ctx) {
        return fromConfig(new PulumiConfigSource(ctx));
    }

    /** Reads and validates config from any source (a stack file, a test map). */
    public static DeploymentSpec fromConfig(ConfigSource source) {
        return SpecReader.read(source);
    }

    public static DeploymentSpecBuilder builder() {
        return new DeploymentSpecBuilder();
    }

    public String image(Color color) {
        return images.get(color);
    }

    /** The colour that answers on the preview URL. */
    public Color idleColor() {
        return activeColor.other();
    }

    /** Both colours, always deployed together. */
    public List<Color> colors() {
        return List.of(Color.BLUE, Color.GREEN);
    }

    /** Fails unless this stack is for the given cloud: running the wrong program would replace the whole stack. */
    public DeploymentSpec requireCloud(Cloud program) {
        if (cloud != program) {
            throw new InvalidConfigException(List.of("consoul:cloud = " + cloud.key() + " but this is the "
                    + program.key() + " program: deploy it with CONSOUL_CLOUD=" + cloud.key()
                    + ", or use a stack named " + program.key() + "-<environment>"));
        }
        return this;
    }

    /** Plain settings the container gets; nothing secret. */
    public Map<String, String> plainEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CONSOUL_PORT", Integer.toString(Ports.APP));
        env.put("CONSOUL_METRICS_PORT", Integer.toString(Ports.METRICS));
        env.put("CONSOUL_SHUTDOWN_DELAY", Shutdown.SHUTDOWN_DELAY_SECONDS + "s");
        env.put("CONSOUL_GRACEFUL_TIMEOUT", Shutdown.gracefulTimeoutSeconds(cloud) + "s");
        env.put("CONSOUL_MAX_THREADS", Integer.toString(size.workers() * THREADS_PER_WORKER));
        return env;
    }

    /** One guide "worker" (a uvicorn process) serves about this many concurrent requests on the JVM's thread pool. */
    private static final int THREADS_PER_WORKER = 50;

    /**
     * As {@link #secretEnv(Output, Output, boolean)}, for a managed Redis whose password the cloud generates
     * ({@link Cloud#generatesRedisAuth()}): the URLs carry {@code redisPassword}, the provider's secret output.
     */
    public Map<String, Output<String>> secretEnv(Output<String> redisHost, Output<Integer> redisPort,
                                                 Output<String> redisPassword, boolean tls) {
        Map<String, Output<String>> env = new LinkedHashMap<>();
        secrets.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> env.put(e.getKey().envVar(), e.getValue().output()));
        env.putAll(redis.managed()
                ? RedisEnv.forEndpoint(redisHost, redisPort, redisPassword, tls)
                : RedisEnv.forUrl(redis.url().orElseThrow()));
        return env;
    }

    /**
     * The container's secret environment: the app's secrets plus the two Redis URLs. Every value is a Pulumi secret.
     *
     * @param redisHost the managed Redis endpoint (ignored for an external Redis)
     * @param redisPort its port
     * @param tls       whether the managed Redis takes TLS
     */
    public Map<String, Output<String>> secretEnv(Output<String> redisHost, Output<Integer> redisPort, boolean tls) {
        Map<String, Output<String>> env = new LinkedHashMap<>();
        secrets.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> env.put(e.getKey().envVar(), e.getValue().output()));
        env.putAll(redis.managed()
                ? RedisEnv.forEndpoint(redisHost, redisPort, redis.password().orElseThrow(), tls)
                : RedisEnv.forUrl(redis.url().orElseThrow()));
        return env;
    }
}
