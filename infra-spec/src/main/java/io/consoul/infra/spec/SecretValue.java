package io.consoul.infra.spec;

import com.pulumi.core.Output;

import java.util.Objects;

/**
 * A secret read from config. Kept as a plain value so it can be validated before any resource exists, and only
 * ever handed to resources as a Pulumi secret via {@link #output()}. Never printed.
 */
public final class SecretValue {
    private final String value;

    public SecretValue(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The value as a Pulumi secret: encrypted in state, masked in logs. */
    public Output<String> output() {
        return Output.ofSecret(value);
    }

    int length() {
        return value.length();
    }

    boolean contains(String s) {
        return value.contains(s);
    }

    /** For the Redis URL helpers, which re-wrap what they build as a secret. */
    String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretValue other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "[secret]";
    }
}
