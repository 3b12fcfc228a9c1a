package io.consoul.cli.switching;

import io.consoul.cli.CliFailure;

import java.util.List;
import java.util.Map;

/**
 * The resources of a deployed stack as {@code pulumi stack export} lists them: each one's type, URN and the outputs
 * the provider last recorded. The capacity readers find a colour's service here (its cloud-side name and ARN/ID).
 */
final class StackResources {
    private final List<Map<String, Object>> resources;

    StackResources(List<Map<String, Object>> resources) {
        this.resources = resources;
    }

    @SuppressWarnings("unchecked")
    static StackResources of(Map<String, Object> deployment) {
        Object list = deployment.get("resources");
        return new StackResources(list instanceof List<?> l ? (List<Map<String, Object>>) l : List.of());
    }

    /**
     * The outputs of the one resource of {@code type} whose logical name ends with {@code -<colour>}
     * ({@code consoul-blue}), or of the one resource of that type when {@code colour} is null.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> outputs(String type, String colour) {
        List<Map<String, Object>> found = resources.stream()
                .filter(r -> type.equals(r.get("type")))
                .filter(r -> colour == null || String.valueOf(r.get("urn")).endsWith("-" + colour))
                .toList();
        if (found.size() != 1) {
            throw new CliFailure("the stack's state has " + found.size() + " resources of type " + type
                    + (colour != null ? " for " + colour : "") + ", expected one: is it deployed by this project's program?");
        }
        Object outputs = found.get(0).get("outputs");
        return outputs instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A value at a dotted path ({@code status.currentReplicas}) in nested maps; null when absent. */
    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> map, String path) {
        Object value = map;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> m)) {
                return null;
            }
            value = ((Map<String, Object>) m).get(part);
        }
        return value;
    }

    /**
     * In a list of maps at {@code path} (a traffic list), the {@code valueKey} of the entry whose {@code matchKey} is
     * {@code colour}: the revision a Cloud Run tag or a Container Apps label names.
     */
    @SuppressWarnings("unchecked")
    static String entry(Map<String, Object> map, String path, String matchKey, String colour, String valueKey) {
        if (at(map, path) instanceof List<?> entries) {
            for (Object entry : entries) {
                Map<String, Object> e = (Map<String, Object>) entry;
                if (colour.equals(e.get(matchKey)) && e.get(valueKey) != null) {
                    return String.valueOf(e.get(valueKey));
                }
            }
        }
        throw new CliFailure("the stack's state names no " + valueKey + " with " + matchKey + " " + colour + " in " + path);
    }

    static String text(Map<String, Object> map, String path) {
        Object value = at(map, path);
        if (value == null) {
            throw new CliFailure("the stack's state has no " + path + ": refresh or redeploy the stack");
        }
        return String.valueOf(value);
    }
}
