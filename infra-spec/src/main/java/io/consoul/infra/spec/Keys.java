package io.consoul.infra.spec;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Small helpers for naming allowed values in error messages. */
final class Keys {
    private Keys() {
    }

    static <T> String join(T[] values, Function<T, String> key) {
        return Arrays.stream(values).map(key).collect(Collectors.joining(", "));
    }
}
