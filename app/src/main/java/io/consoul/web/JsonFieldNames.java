package io.consoul.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A validation path in Java names ({@code messages[0].content}, {@code sessionId}) turned into the JSON names the
 * client sent ({@code messages.0.content}, {@code session_id}), from the request records' {@link JsonProperty}s.
 */
final class JsonFieldNames {
    private JsonFieldNames() {}

    static String of(Class<?> root, String javaPath) {
        List<String> out = new ArrayList<>();
        Type type = root;
        for (String segment : javaPath.split("\\.")) {
            String name = segment;
            String index = null;
            int bracket = segment.indexOf('[');
            if (bracket >= 0) {
                name = segment.substring(0, bracket);
                index = segment.substring(bracket + 1, segment.length() - 1);
            }
            RecordComponent component = componentOf(type, name);
            if (component == null) {
                out.add(name);
                type = Object.class;
            } else {
                // @JsonProperty does not target record components: javac puts it on the accessor (and field).
                JsonProperty json = component.getAccessor().getAnnotation(JsonProperty.class);
                out.add(json != null && !json.value().isEmpty() ? json.value() : name);
                type = component.getGenericType();
            }
            if (index != null) {
                out.add(index);
                type = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            }
        }
        return String.join(".", out);
    }

    private static RecordComponent componentOf(Type type, String name) {
        Class<?> raw = type instanceof Class<?> c ? c : type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : null;
        if (raw == null || !raw.isRecord()) return null;
        for (RecordComponent c : raw.getRecordComponents()) if (c.getName().equals(name)) return c;
        return null;
    }
}
