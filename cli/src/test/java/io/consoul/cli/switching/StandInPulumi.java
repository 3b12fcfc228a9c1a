package io.consoul.cli.switching;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A stand-in {@code pulumi} executable and a stand-in {@code aws} and {@code az}, enough for a whole pre-scaled switch
 * on an AWS or an Azure stack.
 * <p>{@code pulumi} answers the calls Pulumi's Automation API really makes ({@code version}, {@code stack select},
 * {@code stack output --json}, {@code stack export}, {@code config get|set|rm}, {@code up}, {@code stack history}),
 * records each in {@code calls.log}, and keeps a tiny stack: {@code config set/rm} change the config (one file per
 * key under {@code config/}), only {@code up} changes what is deployed ({@code deployed/}), and every update appends
 * {@code <epoch ms> active=<colour> blue=<ready> green=<ready>} to {@code ups.log} — what was ready when it ran — and
 * keeps the config it applied in {@code ups.d/<n>/} (one file per key), so a test can validate it as the real program would.
 * <p>{@code aws} plays ECS and the ALB: a colour runs {@code max(autoscaled, deployed minimum)} tasks, all healthy,
 * capped by {@code cap.<colour>} when that file exists (a quota the scale-up cannot pass). {@code az} plays Container
 * Apps the same way: a colour is the revision its traffic label names, with that many replicas, all running and ready.
 */
final class StandInPulumi {
    private final Path dir;

    private StandInPulumi(Path dir) {
        this.dir = dir;
    }

    static StandInPulumi install(Path dir, String blueUrl, String greenUrl, String blueImage, String greenImage)
            throws IOException {
        return install(dir, blueUrl, greenUrl, blueImage, greenImage, "aws");
    }

    /** @param cloud {@code aws} (ECS services in the state) or {@code azure} (one Container App, a revision per colour) */
    static StandInPulumi install(Path dir, String blueUrl, String greenUrl, String blueImage, String greenImage,
                                 String cloud) throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(dir.resolve("deployed"));
        String common = """
                dir="$(cd "$(dirname "$0")" && pwd)"
                # tasks of a colour: the autoscaler's count, raised to the deployed minimum, capped by a quota
                count() {
                  local n; n="$(cat "$dir/autoscaled.$1")"
                  if [ -f "$dir/deployed/consoul:$1MinReplicas" ]; then
                    local m; m="$(cat "$dir/deployed/consoul:$1MinReplicas")"; [ "$m" -gt "$n" ] && n="$m"
                  fi
                  if [ -f "$dir/cap.$1" ]; then local c; c="$(cat "$dir/cap.$1")"; [ "$n" -gt "$c" ] && n="$c"; fi
                  echo "$n"
                }
                """;
        String pulumi = "#!/usr/bin/env bash\n" + common + """
                echo "$*" >> "$dir/calls.log"
                key=""; for a in "${@:3}"; do case "$a" in --*) ;; *) key="$a"; break ;; esac; done
                case "$1 $2" in
                  "version "*) echo "v3.150.0" ;;
                  "stack select") ;;
                  "stack output")
                    active="$(cat "$dir/deployed/consoul:activeColor")"
                    if [ "$active" = blue ]; then url='%1$s'; preview='%2$s'; idle=green; else url='%2$s'; preview='%1$s'; idle=blue; fi
                    printf '{"url":"%%s","previewUrl":"%%s","activeColor":"%%s","idleColor":"%%s","blueImage":"%3$s","greenImage":"%4$s","redisEndpoint":"redis.internal:6379"}\\n' \\
                      "$url" "$preview" "$active" "$idle" ;;
                  "stack export")
                    if [ '%5$s' = azure ]; then
                      echo '{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:s::consoul::consoul:azure:Service$azure-native:app:ContainerApp::consoul","type":"azure-native:app:ContainerApp","outputs":{"id":"/subscriptions/0000-sub/resourceGroups/consoul-rg/providers/Microsoft.App/containerApps/consoul-app","configuration":{"ingress":{"traffic":[{"label":"blue","revisionName":"consoul-app--blue-rev"},{"label":"green","revisionName":"consoul-app--green-rev"}]}}}}]}}'
                      exit 0
                    fi
                    res=""
                    for c in blue green; do
                      res="$res{\\"urn\\":\\"urn:pulumi:s::consoul::consoul:aws:Service\\$aws:ecs/service:Service::consoul-$c\\",\\"type\\":\\"aws:ecs/service:Service\\",\\"outputs\\":{\\"cluster\\":\\"arn:aws:ecs:us-east-1:123456789012:cluster/consoul-4f2a\\",\\"name\\":\\"consoul-$c-81bc\\"}},"
                      res="$res{\\"urn\\":\\"urn:pulumi:s::consoul::consoul:aws:Service\\$aws:lb/targetGroup:TargetGroup::consoul-$c\\",\\"type\\":\\"aws:lb/targetGroup:TargetGroup\\",\\"outputs\\":{\\"arn\\":\\"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/consoul-$c-77/0a1b\\"}},"
                    done
                    echo "{\\"version\\":3,\\"deployment\\":{\\"resources\\":[${res%%,}]}}" ;;
                  "config get")
                    if [ -f "$dir/config/$key" ]; then printf '{"value":"%%s","secret":false}\\n' "$(cat "$dir/config/$key")"
                    else echo "error: configuration key '$key' not found for stack 'aws-production'" >&2; exit 255; fi ;;
                  "config set")
                    echo "${@: -1}" > "$dir/config/$key" ;;
                  "config rm")
                    rm -f "$dir/config/$key" ;;
                  "up --yes")
                    if [ -f "$dir/fail-up" ]; then echo "error: update failed: stand-in refused" >&2; exit 1; fi
                    rm -f "$dir"/deployed/*; cp "$dir"/config/* "$dir/deployed/"
                    n="$(ls "$dir/ups.d" 2>/dev/null | wc -l)"; mkdir -p "$dir/ups.d/$n"; cp "$dir"/config/* "$dir/ups.d/$n/"
                    echo "$(date +%%s%%3N) active=$(cat "$dir/deployed/consoul:activeColor") blue=$(count blue) green=$(count green)" >> "$dir/ups.log" ;;
                  "stack history")
                    echo '[{"version":7,"kind":"update","startTime":"2026-11-29T10:00:00Z","endTime":"2026-11-29T10:00:30Z","message":"","environment":{},"config":{},"result":"succeeded","resourceChanges":{"update":2,"same":40}}]' ;;
                  *) echo "stand-in pulumi: unexpected call: $*" >&2; exit 2 ;;
                esac
                """.formatted(blueUrl, greenUrl, blueImage, greenImage, cloud);
        String aws = "#!/usr/bin/env bash\n" + common + """
                echo "aws $*" >> "$dir/calls.log"
                colour=green; case "$*" in *consoul-blue*) colour=blue ;; esac
                n="$(count "$colour")"
                case "$1 $2" in
                  "ecs describe-services") printf '{"services":[{"desiredCount":%s,"runningCount":%s,"pendingCount":0}],"failures":[]}\\n' "$n" "$n" ;;
                  "elbv2 describe-target-health")
                    t=""; for i in $(seq 1 "$n"); do t="$t{\\"Target\\":{\\"Id\\":\\"10.0.1.$i\\",\\"Port\\":8000},\\"TargetHealth\\":{\\"State\\":\\"healthy\\"}},"; done
                    echo "{\\"TargetHealthDescriptions\\":[${t%,}]}" ;;
                  *) echo "stand-in aws: unexpected call: $*" >&2; exit 2 ;;
                esac
                """;
        String az = "#!/usr/bin/env bash\n" + common + """
                echo "az $*" >> "$dir/calls.log"
                colour=green; case "$*" in *--blue-rev*) colour=blue ;; esac
                n="$(count "$colour")"
                case "$1 $2 $3" in
                  "containerapp revision show") printf '{"name":"consoul-app--%s-rev","properties":{"replicas":%s}}\\n' "$colour" "$n" ;;
                  "containerapp replica list")
                    r=""; for i in $(seq 1 "$n"); do r="$r{\\"name\\":\\"r$i\\",\\"properties\\":{\\"runningState\\":\\"Running\\",\\"containers\\":[{\\"ready\\":true}]}},"; done
                    echo "[${r%,}]" ;;
                  *) echo "stand-in az: unexpected call: $*" >&2; exit 2 ;;
                esac
                """;
        write(dir.resolve("pulumi"), pulumi);
        write(dir.resolve("aws"), aws);
        write(dir.resolve("az"), az);
        StandInPulumi standIn = new StandInPulumi(dir);
        standIn.deploy("blue");
        standIn.autoscaled("blue", 2);
        standIn.autoscaled("green", 2);
        return standIn;
    }

    private static void write(Path file, String script) throws IOException {
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** As if the stack had been deployed with this colour live and no per-colour minimum. */
    void deploy(String colour) throws IOException {
        for (Path folder : List.of(dir.resolve("config"), dir.resolve("deployed"))) {
            try (var files = Files.list(folder)) {
                for (Path f : files.toList()) Files.delete(f);
            }
            Files.writeString(folder.resolve("consoul:activeColor"), colour + "\n");
        }
        Files.deleteIfExists(dir.resolve("calls.log"));
        Files.deleteIfExists(dir.resolve("ups.log"));
        deleteTree(dir.resolve("ups.d"));
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }

    /** The config each update applied, in order: fully qualified key to value. */
    List<Map<String, String>> appliedConfigs() throws IOException {
        List<Map<String, String>> applied = new ArrayList<>();
        Path root = dir.resolve("ups.d");
        for (int n = 0; Files.isDirectory(root.resolve(Integer.toString(n))); n++) {
            Map<String, String> config = new TreeMap<>();
            try (var files = Files.list(root.resolve(Integer.toString(n)))) {
                for (Path f : files.toList()) config.put(f.getFileName().toString(), Files.readString(f).strip());
            }
            applied.add(config);
        }
        return applied;
    }

    /** The tasks the autoscaler runs for a colour. */
    void autoscaled(String colour, int tasks) throws IOException {
        Files.writeString(dir.resolve("autoscaled." + colour), tasks + "\n");
    }

    /** A quota: the colour never runs more tasks than this. */
    void cap(String colour, int tasks) throws IOException {
        Files.writeString(dir.resolve("cap." + colour), tasks + "\n");
    }

    /** As if {@code pulumi config set key value} had been run by hand. */
    void configure(String key, String value) throws IOException {
        Files.writeString(dir.resolve("config").resolve(key), value + "\n");
    }

    void failUpdates() throws IOException {
        Files.writeString(dir.resolve("fail-up"), "");
    }

    String deployed() throws IOException {
        return deployed("consoul:activeColor").orElseThrow();
    }

    String configured() throws IOException {
        return configured("consoul:activeColor").orElseThrow();
    }

    Optional<String> configured(String key) throws IOException {
        Path f = dir.resolve("config").resolve(key);
        return Files.exists(f) ? Optional.of(Files.readString(f).strip()) : Optional.empty();
    }

    Optional<String> deployed(String key) throws IOException {
        Path f = dir.resolve("deployed").resolve(key);
        return Files.exists(f) ? Optional.of(Files.readString(f).strip()) : Optional.empty();
    }

    List<String> calls() throws IOException {
        Path log = dir.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** One line per update: {@code <epoch ms> active=green blue=3 green=3}. */
    List<String> updates() throws IOException {
        Path log = dir.resolve("ups.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    Path directory() {
        return dir;
    }
}
