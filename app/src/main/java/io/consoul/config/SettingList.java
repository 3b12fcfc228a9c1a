package io.consoul.config;

import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A list setting as the reference server reads it ({@code parse_comma_separated_list}): a comma list, or a JSON
 * array when the value starts with {@code [}. A value that looks like JSON but is not an array of scalars stops
 * the start-up naming the variable, rather than being read some other way (which could widen access).
 */
public final class SettingList {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SettingList() {}

    public static List<String> parse(String variable, String value) {
        if (value == null || value.isBlank()) return List.of();
        String v = value.trim();
        if (v.startsWith("[") || v.startsWith("{")) {
            JsonNode node;
            try {
                node = JSON.readTree(v);
            } catch (JacksonException e) {
                throw new IllegalArgumentException(variable + " is malformed JSON: '" + v + "'; use a JSON array of strings or a comma list");
            }
            if (!node.isArray()) throw new IllegalArgumentException(variable + " must be a JSON array or a comma list, got '" + v + "'");
            return java.util.stream.StreamSupport.stream(node.spliterator(), false)
                    .map(n -> n.isValueNode() ? n.asString().trim() : n.toString())
                    .filter(s -> !s.isEmpty()).toList();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
