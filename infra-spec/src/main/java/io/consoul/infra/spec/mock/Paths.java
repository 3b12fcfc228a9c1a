package io.consoul.infra.spec.mock;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Walks nested maps and lists by a dotted path. */
final class Paths {
    private Paths() {
    }

    static Optional<Object> get(Object root, String path) {
        Object current = root;
        for (String part : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(part);
            } else if (current instanceof List<?> list && part.chars().allMatch(Character::isDigit)
                    && Integer.parseInt(part) < list.size()) {
                current = list.get(Integer.parseInt(part));
            } else {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(current);
    }
}
