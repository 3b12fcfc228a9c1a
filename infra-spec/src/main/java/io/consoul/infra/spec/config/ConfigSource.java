package io.consoul.infra.spec.config;

import io.consoul.infra.spec.SecretValue;

import java.util.Optional;
import java.util.Set;

/**
 * Where the {@code consoul:} settings come from: the running stack's config, or a map (a stack file read offline, a
 * test). Keys are short ({@code minReplicas}, not {@code consoul:minReplicas}).
 */
public interface ConfigSource {

    /** The stack name, whose {@code <cloud>-<environment>} gives the defaults of those two keys. */
    String stackName();

    Optional<String> get(String key);

    /** A value that must stay secret; read as plain text only to validate it. */
    Optional<SecretValue> getSecret(String key);

    /** Every key set in the {@code consoul:} namespace (short names, secrets included), known to the spec or not. */
    Set<String> keys();
}
