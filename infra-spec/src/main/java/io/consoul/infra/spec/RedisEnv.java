package io.consoul.infra.spec;

import com.pulumi.core.Output;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The app's Redis environment, built once for every cloud: sessions in db 1, rate limits in db 0 of the same Redis
 * (guide: Prerequisites for Scaling). The URLs carry the password, so they are always Pulumi secrets.
 */
public final class RedisEnv {
    public static final String SESSION_URL = "CONSOUL_SESSION_REDIS_URL";
    public static final String RATE_LIMIT_URL = "CONSOUL_RATE_LIMIT_REDIS_URL";
    public static final int SESSION_DB = 1;
    public static final int RATE_LIMIT_DB = 0;

    private RedisEnv() {
    }

    /** For a Redis the stack creates: {@code rediss://:password@host:port/db} when TLS, else {@code redis://}. */
    public static Map<String, Output<String>> forEndpoint(Output<String> host, Output<Integer> port,
                                                         SecretValue password, boolean tls) {
        String scheme = tls ? "rediss" : "redis";
        String userInfo = ":" + URLEncoder.encode(password.reveal(), StandardCharsets.UTF_8);
        return urls(Output.tuple(host, port).applyValue(hp -> scheme + "://" + userInfo + "@" + hp.t1 + ":" + hp.t2));
    }

    /**
     * For a managed Redis whose password the cloud generates (Memorystore's AUTH string, Azure's access key): the
     * same URLs, built from the provider's secret output.
     */
    public static Map<String, Output<String>> forEndpoint(Output<String> host, Output<Integer> port,
                                                         Output<String> password, boolean tls) {
        String scheme = tls ? "rediss" : "redis";
        return urls(Output.tuple(host, port, password).applyValue(t -> scheme + "://:"
                + URLEncoder.encode(t.t3, StandardCharsets.UTF_8) + "@" + t.t1 + ":" + t.t2));
    }

    /** For an external Redis: the configured URL with its database replaced. */
    public static Map<String, Output<String>> forUrl(SecretValue url) {
        return urls(url.output());
    }

    private static Map<String, Output<String>> urls(Output<String> base) {
        Map<String, Output<String>> env = new LinkedHashMap<>();
        env.put(SESSION_URL, base.applyValue(u -> withDatabase(u, SESSION_DB)).asSecret());
        env.put(RATE_LIMIT_URL, base.applyValue(u -> withDatabase(u, RATE_LIMIT_DB)).asSecret());
        return env;
    }

    /** {@code redis://h:6379/5?x=y} becomes {@code redis://h:6379/1?x=y}: only the database changes. */
    public static String withDatabase(String url, int db) {
        int authority = url.indexOf("://");
        if (authority < 0) {
            throw new IllegalArgumentException("not a Redis URL (redis://[:password@]host:port[/db])");
        }
        int pathStart = authority + 3;
        while (pathStart < url.length() && "/?#".indexOf(url.charAt(pathStart)) < 0) {
            pathStart++;
        }
        int query = url.indexOf('?', pathStart);
        return url.substring(0, pathStart) + "/" + db + (query < 0 ? "" : url.substring(query));
    }

    /** {@code host:port} of an external Redis URL, without its password: safe to export. */
    public static String endpoint(SecretValue url) {
        URI uri = URI.create(url.reveal());
        return uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : Ports.REDIS);
    }

    /** Whether a URL is well formed enough to wire: a redis or rediss scheme and a host. */
    static boolean isRedisUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
