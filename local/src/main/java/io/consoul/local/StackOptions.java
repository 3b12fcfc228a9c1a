package io.consoul.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a local stack runs. Build with {@link #builder(Path, Path)}; every default is written on its setter.
 *
 * @param workDir   where pids, ports, logs, the Redis data and the HAProxy config live, so {@code down} works from another shell
 * @param appJar    {@code app/target/consoul-app-exec.jar}
 * @param blue      app processes in the blue colour
 * @param green     app processes in the green colour
 * @param cluster   three-master Redis Cluster instead of one Redis node
 * @param checkInterval HAProxy's {@code /ready} check interval (rise 2, fall 3 as on the ALB)
 * @param appEnv    extra {@code CONSOUL_*} settings given to every app process (rate limits, keys, fail-open…)
 */
public record StackOptions(Path workDir, Path appJar, int blue, int green, boolean cluster, Duration checkInterval,
                           String blueVersion, String greenVersion, Map<String, String> appEnv) {

    public StackOptions {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(appJar, "appJar");
        if (blue < 1 || green < 1) throw new IllegalArgumentException("each colour needs at least one process");
        appEnv = Map.copyOf(appEnv);
    }

    public String version(Color color) {
        return color == Color.BLUE ? blueVersion : greenVersion;
    }

    public static Builder builder(Path workDir, Path appJar) {
        return new Builder(workDir, appJar);
    }

    public static final class Builder {
        private final Path workDir;
        private final Path appJar;
        private int blue = 2;
        private int green = 1;
        private boolean cluster;
        private Duration checkInterval = Duration.ofSeconds(1);
        private String blueVersion = "0.1.0-blue";
        private String greenVersion = "0.1.0-green";
        private final Map<String, String> appEnv = new LinkedHashMap<>();

        private Builder(Path workDir, Path appJar) {
            this.workDir = workDir;
            this.appJar = appJar;
        }

        /** Processes per colour; default 2 blue (live) and 1 green (idle, warm): three JVMs in all. */
        public Builder processes(int blue, int green) {
            this.blue = blue;
            this.green = green;
            return this;
        }

        /** Default false: one Redis node with append-only persistence. */
        public Builder cluster(boolean cluster) {
            this.cluster = cluster;
            return this;
        }

        /** Default 1 s: must notice a draining instance well within its 5 s shutdown delay (3 checks). */
        public Builder checkInterval(Duration interval) {
            this.checkInterval = interval;
            return this;
        }

        /** What each colour's {@code /health} reports (CONSOUL_VERSION); defaults 0.1.0-blue and 0.1.0-green. */
        public Builder versions(String blue, String green) {
            this.blueVersion = blue;
            this.greenVersion = green;
            return this;
        }

        /** One more setting for every app process, e.g. {@code CONSOUL_RATE_LIMIT=100/minute}; none by default. */
        public Builder env(String name, String value) {
            appEnv.put(name, value);
            return this;
        }

        public StackOptions build() {
            return new StackOptions(workDir, appJar, blue, green, cluster, checkInterval, blueVersion, greenVersion, appEnv);
        }
    }
}
