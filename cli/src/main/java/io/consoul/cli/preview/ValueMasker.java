package io.consoul.cli.preview;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.consoul.infra.spec.mock.MockedResource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns the mock engine's values into what a reviewer should see. The mocks invent values a provider would compute
 * (ARNs, ids, DNS names, endpoints) and the preview invents stand-ins for secrets; printing those as if real would
 * mislead, so computed values are shown as {@code [computed: <resource>.<attribute>]} (which keeps visible
 * <em>which</em> resource a value points to — the routing of a switch) and secrets as {@code [secret]}.
 */
final class ValueMasker {
    static final String SECRET = "[secret]";
    /** Attributes whose computed value is a credential (GCP's authString, Azure's access keys, …). */
    private static final Pattern SECRET_ATTRIBUTE = Pattern.compile("(?i).*(password|secret|token|key|auth).*");

    private final List<String> secretLiterals = new ArrayList<>();
    /** Computed value → its reference, longest values first so a longer match wins over a part of it. */
    private final Map<String, String> computed = new TreeMap<>(
            Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
    private final Map<String, String> computedIds = new LinkedHashMap<>();

    ValueMasker(Collection<String> secretValues, List<MockedResource> resources) {
        for (String secret : secretValues) {
            addSecret(secret);
            for (String part : secret.split(",")) {
                addSecret(part.trim());
            }
        }
        for (MockedResource resource : resources) {
            resource.state().forEach((attribute, value) -> {
                if (resource.inputs().containsKey(attribute) || !(value instanceof String) && !(value instanceof Map) && !(value instanceof List)) {
                    return;
                }
                noteComputed(resource.name() + "." + attribute, attribute, value, inputTexts(resource.inputs()));
            });
            computedIds.put(resource.name() + "-id", "[computed: " + resource.name() + ".id]");
        }
    }

    private void addSecret(String value) {
        if (value.length() >= 6) {
            secretLiterals.add(value);
        }
    }

    /** Every text among a resource's inputs, however deep. */
    private static Set<String> inputTexts(Object inputs) {
        Set<String> texts = new HashSet<>();
        if (inputs instanceof Map<?, ?> map) map.values().forEach(v -> texts.addAll(inputTexts(v)));
        else if (inputs instanceof List<?> list) list.forEach(v -> texts.addAll(inputTexts(v)));
        else if (inputs instanceof String text) texts.add(text);
        return texts;
    }

    private void noteComputed(String reference, String attribute, Object value, Set<String> inputs) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> noteComputed(reference + "." + k, attribute + "." + k, v, inputs));
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                noteComputed(reference + "." + i, attribute + "." + i, list.get(i), inputs);
            }
            return;
        }
        // a computed value that repeats one of the resource's own inputs (a Route 53 record's fqdn is its name, an ACM
        // certificate's validation options name its domain) is known before the cloud answers: masking it would hide
        // the user's own domain behind a reference
        if (!(value instanceof String text) || inputs.contains(text)) {
            return;
        }
        if (SECRET_ATTRIBUTE.matcher(attribute).matches()) {
            addSecret(text);
        } else if (looksComputed(text)) {
            computed.putIfAbsent(text, "[computed: " + reference + "]");
        }
    }

    /** ARNs, host names, URLs: distinctive enough to find inside other strings without false matches. */
    private static boolean looksComputed(String text) {
        return text.length() >= 8 && (text.contains(".") || text.contains(":") || text.contains("/"));
    }

    /**
     * JSON inside a string (an ECS container definition, an IAM policy) with its keys sorted: programs build it from
     * unordered maps, and a preview must print the same text for the same stack every time.
     */
    static String canonicalJson(String text) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") && trimmed.endsWith("}")) && !(trimmed.startsWith("[") && trimmed.endsWith("]"))) {
            return text;
        }
        try {
            return sorted(JsonParser.parseString(trimmed)).toString();
        } catch (RuntimeException notJson) {
            return text;
        }
    }

    private static JsonElement sorted(JsonElement element) {
        if (element.isJsonObject()) {
            JsonObject result = new JsonObject();
            element.getAsJsonObject().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> result.add(e.getKey(), sorted(e.getValue())));
            return result;
        }
        if (element.isJsonArray()) {
            JsonArray result = new JsonArray();
            element.getAsJsonArray().forEach(e -> result.add(sorted(e)));
            return result;
        }
        return element;
    }

    Map<String, Object> inputs(MockedResource resource) {
        Map<String, Object> result = new TreeMap<>();
        resource.inputs().forEach((key, value) ->
                result.put(key, resource.secretInputs().contains(key) ? SECRET : value(value)));
        return result;
    }

    Object value(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new TreeMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), value(v)));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(v -> result.add(value(v)));
            return result;
        }
        if (value instanceof String text) {
            return text(text);
        }
        return value;
    }

    private String text(String raw) {
        String text = canonicalJson(raw);
        for (String secret : secretLiterals) {
            if (text.contains(secret)) {
                return SECRET;
            }
        }
        String id = computedIds.get(text);
        if (id != null) {
            return id;
        }
        String result = text;
        for (var entry : computed.entrySet()) {
            result = result.replace(entry.getKey(), entry.getValue());
        }
        return result;
    }
}
