package io.consoul.infra.spec.mock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Inputs as a program wrote them: the engine sends every number as a double, so whole numbers become integers. */
final class Values {
    private Values() {
    }

    static Map<String, Object> normalize(Map<String, Object> map) {
        Map<String, Object> result = new HashMap<>();
        map.forEach((k, v) -> {
            if (v != null) {
                result.put(k, normalizeValue(v));
            }
        });
        return Map.copyOf(result);
    }

    @SuppressWarnings("unchecked")
    private static Object normalizeValue(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < Integer.MAX_VALUE) {
            return d.intValue();
        }
        if (value instanceof Map<?, ?> map) {
            return normalize((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(v -> result.add(v == null ? null : normalizeValue(v)));
            return java.util.Collections.unmodifiableList(result);
        }
        return value;
    }
}
