package io.consoul.support;

import io.consoul.ConsoulApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Consoul instance in this JVM on free ports, configured the way an operator would: through the
 * {@code consoul.*} settings its {@code CONSOUL_*} variables map to. Several can run side by side.
 */
public final class ConsoulInstance implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private ConsoulInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static ConsoulInstance start(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.put("management.server.port", "0");
        all.put("consoul.shutdown-delay", "0s");
        all.put("consoul.redis-reconnect-interval", "500ms");
        all.put("consoul.redis-timeout", "1s");
        all.put("management.metrics.use-global-registry", "false");
        all.putAll(settings);
        List<String> args = new ArrayList<>();
        all.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new ConsoulInstance(new SpringApplicationBuilder(ConsoulApplication.class)
                .registerShutdownHook(false).run(args.toArray(String[]::new)));
    }

    public String url() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String metricsUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port") + "/metrics";
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
