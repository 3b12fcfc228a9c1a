package io.consoul.infra.spec.mock;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.resources.InputArgs;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.PulumiTestInternal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Pulumi mocks for every Consoul cloud: resources get the values their provider would compute (see
 * {@link ComputedValues}), known provider functions get fixed answers, and an unknown function fails the run with
 * {@link UnmockedFunctionException}. Records every resource it saw, for assertions and {@code consoul preview}.
 */
public final class ConsoulMocks implements Mocks {
    private final Map<String, Function<Map<String, Object>, Map<String, Object>>> functions;
    private final List<Declared> resources = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, CompletableFuture<Set<String>>> secretInputs = new ConcurrentHashMap<>();
    private final List<String> unmockedCalls = Collections.synchronizedList(new ArrayList<>());
    /** The provider reference ({@code <urn>::<id>}) each resource and each function call went through, when explicit. */
    private final Map<String, String> providers = new ConcurrentHashMap<>();
    private final Map<String, String> callProviders = new ConcurrentHashMap<>();

    private final Map<String, Map<String, Object>> stateOverrides;

    private ConsoulMocks(Map<String, Function<Map<String, Object>, Map<String, Object>>> functions,
                         Map<String, Map<String, Object>> stateOverrides) {
        this.functions = Map.copyOf(functions);
        this.stateOverrides = Map.copyOf(stateOverrides);
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
        if (args.provider != null && !args.provider.isEmpty()) {
            providers.put(key(args.type, args.name), args.provider);
        }
        Map<String, Object> inputs = Values.normalize(args.inputs);
        Map<String, Object> state = ComputedValues.complete(args.type, args.name, inputs);
        state.putAll(stateOverrides.getOrDefault(args.type, Map.of()));
        resources.add(new Declared(args.type, args.name, inputs, state));
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        if (args.provider != null && !args.provider.isEmpty()) {
            callProviders.put(args.token, args.provider);
        }
        var answer = functions.get(args.token);
        if (answer == null) {
            unmockedCalls.add(args.token);
            return CompletableFuture.failedFuture(new UnmockedFunctionException(args.token));
        }
        try {
            return CompletableFuture.completedFuture(answer.apply(args.args));
        } catch (RuntimeException e) {
            // An answer may be the provider's error, as a lookup of something that does not exist yet.
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The provider a resource was declared with ({@code <provider urn>::<id>}), explicit or inherited from its parent;
     * empty for the default provider.
     */
    public Optional<String> provider(String type, String name) {
        return Optional.ofNullable(providers.get(key(type, name)));
    }

    /** The provider a function was last called through; empty for the default provider. */
    public Optional<String> callProvider(String token) {
        return Optional.ofNullable(callProviders.get(token));
    }

    /** Resources in the order the program declared them; call after the run has finished. */
    public List<MockedResource> resources() {
        List<Declared> declared;
        synchronized (resources) {
            declared = List.copyOf(resources);
        }
        return declared.stream().map(d -> new MockedResource(d.type, d.name, d.inputs,
                secretInputs.getOrDefault(key(d.type, d.name), CompletableFuture.completedFuture(Set.of()))
                        .completeOnTimeout(Set.of(), SECRET_CHECK_SECONDS, TimeUnit.SECONDS).join(),
                d.state)).toList();
    }

    /**
     * A transformation that notes which top-level inputs of each resource are Pulumi secrets, before the mock engine
     * turns them into plain values. {@link MockStack} installs it.
     */
    public ResourceTransformation secretTracker() {
        return args -> {
            var resource = args.resource();
            CompletableFuture<Set<String>> secret = InputArgs.InputArgsInternal.from(args.args())
                    .toMapAsync(PulumiTestInternal.mockLog())
                    .thenCompose(ConsoulMocks::secretKeys);
            secretInputs.put(key(resource.pulumiResourceType(), resource.pulumiResourceName()), secret);
            return Optional.empty();
        };
    }

    private static CompletableFuture<Set<String>> secretKeys(Map<String, Output<?>> inputs) {
        Set<String> secret = ConcurrentHashMap.newKeySet();
        CompletableFuture<?>[] checks = inputs.entrySet().stream()
                .map(e -> Internal.of(e.getValue()).isSecret().thenAccept(isSecret -> {
                    if (isSecret) {
                        secret.add(e.getKey());
                    }
                }))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(checks).thenApply(done -> Set.copyOf(secret));
    }

    private static String key(String type, String name) {
        return type + " " + name;
    }

    private static final long SECRET_CHECK_SECONDS = 10;

    private record Declared(String type, String name, Map<String, Object> inputs, Map<String, Object> state) {
    }

    /** Function tokens the program called that no answer exists for. */
    public List<String> unmockedCalls() {
        synchronized (unmockedCalls) {
            return List.copyOf(unmockedCalls);
        }
    }

    /** Adds function answers to the standard ones (or replaces them). */
    public static final class Builder {
        private final Map<String, Function<Map<String, Object>, Map<String, Object>>> functions =
                new HashMap<>(StandardFunctions.ANSWERS);
        private final Map<String, Map<String, Object>> stateOverrides = new HashMap<>();

        private Builder() {
        }

        public Builder function(String token, Function<Map<String, Object>, Map<String, Object>> answer) {
            functions.put(token, answer);
            return this;
        }

        /**
         * What the provider computes for every resource of a type, in place of the standard answers: a rotated CA,
         * another endpoint.
         */
        public Builder resourceState(String type, Map<String, Object> values) {
            stateOverrides.put(type, Map.copyOf(values));
            return this;
        }

        public ConsoulMocks build() {
            return new ConsoulMocks(functions, stateOverrides);
        }
    }
}
