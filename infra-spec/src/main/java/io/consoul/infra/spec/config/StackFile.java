package io.consoul.infra.spec.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code Pulumi.<stack>.yaml} read offline. Encrypted values ({@code secure: ...}) cannot be decrypted without the
 * stack's key, so they are listed as {@link #secureKeys()}; a test or {@code consoul preview} supplies stand-ins.
 *
 * @param stackName  from the file name: {@code Pulumi.aws-dev.yaml} is {@code aws-dev}
 * @param config     every plain value, fully qualified ({@code consoul:size}, {@code aws:region})
 * @param secureKeys fully qualified keys whose values are encrypted
 */
public record StackFile(String stackName, Map<String, String> config, Set<String> secureKeys) {

    public static StackFile load(Path file) {
        String fileName = file.getFileName().toString();
        if (!fileName.startsWith("Pulumi.") || !fileName.endsWith(".yaml") || fileName.equals("Pulumi.yaml")) {
            throw new IllegalArgumentException(file + " is not a stack file (Pulumi.<stack>.yaml)");
        }
        String stack = fileName.substring("Pulumi.".length(), fileName.length() - ".yaml".length());
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new LinkedHashMap<>();
        Set<String> secure = new java.util.LinkedHashSet<>();
        if (root instanceof Map<?, ?> top && top.get("config") instanceof Map<?, ?> values) {
            values.forEach((key, value) -> {
                if (value instanceof Map<?, ?> m && m.containsKey("secure")) {
                    secure.add(String.valueOf(key));
                } else {
                    config.put(String.valueOf(key), flatten(value));
                }
            });
        }
        return new StackFile(stack, config, secure);
    }

    /** Every stack file in a directory, sorted by name. */
    public static List<StackFile> loadAll(Path directory) {
        try (var files = Files.list(directory)) {
            List<StackFile> result = new ArrayList<>();
            files.filter(f -> f.getFileName().toString().matches("Pulumi\\..+\\.yaml"))
                    .filter(f -> !f.getFileName().toString().equals("Pulumi.yaml"))
                    .sorted()
                    .forEach(f -> result.add(load(f)));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Plain config plus stand-ins, as the source a spec is read from. Every encrypted key stays in, with a placeholder
     * where no stand-in is given, so a misspelt secret key is refused like any unknown key.
     */
    public ConfigSource withSecrets(Map<String, String> standIns) {
        Map<String, String> all = new LinkedHashMap<>(config);
        standIns.forEach(all::putIfAbsent);
        secureKeys.forEach(key -> all.putIfAbsent(key, "stand-in-for-" + key.replace(':', '-')));
        return new MapConfigSource(stackName, all);
    }

    /** Lists and maps become the JSON-ish text Pulumi hands the program for structured values. */
    private static String flatten(Object value) {
        if (value instanceof List<?> list) {
            return "[" + String.join(",", list.stream().map(v -> "\"" + v + "\"").toList()) + "]";
        }
        return String.valueOf(value);
    }
}
