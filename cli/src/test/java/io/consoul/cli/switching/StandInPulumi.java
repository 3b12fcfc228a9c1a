package io.consoul.cli.switching;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stand-in {@code pulumi} executable: answers the calls Pulumi's Automation API really makes for select, outputs,
 * config set and up ({@code version}, {@code stack select}, {@code stack output --json [--show-secrets]},
 * {@code config set}, {@code up}, {@code stack history --json}), records each call in {@code calls.log}, and keeps
 * a tiny stack: {@code config set} changes the config, only {@code up} changes what is deployed (the outputs).
 */
final class StandInPulumi {
    private final Path dir;

    private StandInPulumi(Path dir) {
        this.dir = dir;
    }

    static StandInPulumi install(Path dir, String blueUrl, String greenUrl, String blueImage, String greenImage)
            throws IOException {
        Files.createDirectories(dir);
        String script = """
                #!/usr/bin/env bash
                dir="$(cd "$(dirname "$0")" && pwd)"
                echo "$*" >> "$dir/calls.log"
                case "$1 $2" in
                  "version "*) echo "v3.150.0" ;;
                  "stack select") ;;
                  "stack output")
                    active="$(cat "$dir/deployed")"
                    if [ "$active" = blue ]; then url='%1$s'; preview='%2$s'; idle=green; else url='%2$s'; preview='%1$s'; idle=blue; fi
                    printf '{"url":"%%s","previewUrl":"%%s","activeColor":"%%s","idleColor":"%%s","blueImage":"%3$s","greenImage":"%4$s","redisEndpoint":"redis.internal:6379"}\\n' \\
                      "$url" "$preview" "$active" "$idle" ;;
                  "config set")
                    [ "$3" = "consoul:activeColor" ] || { echo "unexpected config key $3" >&2; exit 2; }
                    echo "${@: -1}" > "$dir/config" ;;
                  "up --yes")
                    if [ -f "$dir/fail-up" ]; then echo "error: update failed: stand-in refused" >&2; exit 1; fi
                    cp "$dir/config" "$dir/deployed" ;;
                  "stack history")
                    echo '[{"version":7,"kind":"update","startTime":"2026-11-29T10:00:00Z","endTime":"2026-11-29T10:00:30Z","message":"","environment":{},"config":{},"result":"succeeded","resourceChanges":{"update":2,"same":40}}]' ;;
                  *) echo "stand-in pulumi: unexpected call: $*" >&2; exit 2 ;;
                esac
                """.formatted(blueUrl, greenUrl, blueImage, greenImage);
        Path pulumi = dir.resolve("pulumi");
        Files.writeString(pulumi, script);
        Files.setPosixFilePermissions(pulumi, PosixFilePermissions.fromString("rwxr-xr-x"));
        StandInPulumi standIn = new StandInPulumi(dir);
        standIn.deploy("blue");
        return standIn;
    }

    /** As if the stack had been deployed with this colour live. */
    void deploy(String colour) throws IOException {
        Files.writeString(dir.resolve("deployed"), colour + "\n");
        Files.writeString(dir.resolve("config"), colour + "\n");
        Files.deleteIfExists(dir.resolve("calls.log"));
    }

    void failUpdates() throws IOException {
        Files.writeString(dir.resolve("fail-up"), "");
    }

    String deployed() throws IOException {
        return Files.readString(dir.resolve("deployed")).strip();
    }

    String configured() throws IOException {
        return Files.readString(dir.resolve("config")).strip();
    }

    List<String> calls() throws IOException {
        Path log = dir.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    Path directory() {
        return dir;
    }
}
