package io.consoul.infra.spec.mock;

import com.pulumi.test.Mocks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Pulumi mocks for every Consoul cloud: resources get the values their provider would compute (see
 * {@link ComputedValues}), known provider functions get fixed answers, and an unknown function fails the run with
 * {@link UnmockedFunctionException}. Records every resource it saw, for assertions and {@code consoul preview}.
 */
public final class ConsoulMocks implements Mocks {
    private final Map<String, Function<Map<String, Object>, Map<String, Object>>> functions;
    private final List<MockedResource> resources = Collections.synchronizedList(new ArrayList<>());
    private final List<String> unmockedCalls = Collections.synchronizedList(new ArrayList<>());

    private ConsoulMocks(Map<String, Function<Map<String, Object>, Map<String, Object>>> functions) {
        this.functions = Map.copyOf(functions);
    }

    /** Mocks with the standard function answers. */
    public static ConsoulMocks create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        Map<String, Object> state = ComputedValues.complete(args.type, args.name, args.inputs);
        resources.add(new MockedResource(args.type, args.name, Map.copyOf(nonNull(args.inputs)), state));
        return CompletableFuture.completedFuture(ResourceResult.of(java.util.Optional.of(args.name + "-id"), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        var answer = functions.get(args.token);
        if (answer == null) {
            unmockedCalls.add(args.token);
            return CompletableFuture.failedFuture(new UnmockedFunctionException(args.token));
        }
        return CompletableFuture.completedFuture(answer.apply(args.args));
    }

    /** Resources in the order the program declared them. */
    public List<MockedResource> resources() {
        synchronized (resources) {
            return List.copyOf(resources);
        }
    }

    /** Function tokens the program called that no answer exists for. */
    public List<String> unmockedCalls() {
        synchronized (unmockedCalls) {
            return List.copyOf(unmockedCalls);
        }
    }

    private static Map<String, Object> nonNull(Map<String, Object> map) {
        Map<String, Object> copy = new HashMap<>();
        map.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    /** Adds function answers to the standard ones (or replaces them). */
    public static final class Builder {
        private final Map<String, Function<Map<String, Object>, Map<String, Object>>> functions =
                new HashMap<>(StandardFunctions.ANSWERS);

        private Builder() {
        }

        public Builder function(String token, Function<Map<String, Object>, Map<String, Object>> answer) {
            functions.put(token, answer);
            return this;
        }

        public ConsoulMocks build() {
            return new ConsoulMocks(functions);
        }
    }
}
