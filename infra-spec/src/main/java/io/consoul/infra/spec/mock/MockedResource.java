package io.consoul.infra.spec.mock;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One resource a program declared under mocks: what it asked for ({@code inputs}, whole numbers as integers), which
 * top-level inputs were Pulumi secrets ({@code secretInputs}; the mock engine itself strips secrecy), and what the
 * mock provider answered ({@code state}, the inputs plus synthesised values).
 */
public record MockedResource(String type, String name, Map<String, Object> inputs, Set<String> secretInputs,
                             Map<String, Object> state) {

    /** A nested input by path, {@code "spec.template.spec.containers"}; list elements by index, {@code "ports.0"}. */
    public Optional<Object> input(String path) {
        return Paths.get(inputs, path);
    }

    /** A nested state value by path, as {@link #input(String)}. */
    public Optional<Object> state(String path) {
        return Paths.get(state, path);
    }
}
