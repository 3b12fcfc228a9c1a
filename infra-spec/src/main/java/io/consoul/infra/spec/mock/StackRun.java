package io.consoul.infra.spec.mock;

import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The result of running a stack under mocks.
 *
 * @param exitCode      0 when the program finished without error
 * @param resources     every resource declared, with inputs and mocked state
 * @param pulumiResources the resource objects themselves, to read their typed outputs
 * @param outputs       stack outputs, resolved (a null value stays null)
 * @param secretOutputs names of outputs that are Pulumi secrets
 * @param errors        error messages the engine logged
 * @param exceptions    exceptions the program threw
 * @param unmockedCalls provider functions called without a mocked answer
 */
public record StackRun(int exitCode, List<MockedResource> resources, List<Resource> pulumiResources,
                       Map<String, Object> outputs,
                       Set<String> secretOutputs, List<String> errors, List<Exception> exceptions,
                       List<String> unmockedCalls) {

    public boolean succeeded() {
        return exitCode == 0 && exceptions.isEmpty() && unmockedCalls.isEmpty();
    }

    /** Throws with the program's errors unless it succeeded. */
    public StackRun requireSuccess() {
        if (!succeeded()) {
            AssertionError error = new AssertionError("stack failed (exit " + exitCode + "): " + errors
                    + (unmockedCalls.isEmpty() ? "" : " unmocked functions: " + unmockedCalls));
            exceptions.forEach(error::addSuppressed);
            throw error;
        }
        return this;
    }

    public List<MockedResource> resourcesOfType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    /** The one resource of this type and logical name. */
    public MockedResource resource(String type, String name) {
        return resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + type + " named " + name + " among "
                        + resources.stream().map(r -> r.type() + " " + r.name()).toList()));
    }

    /** The resource objects of one class, e.g. {@code SecretVersion.class}. */
    public <T extends Resource> List<T> pulumiResources(Class<T> type) {
        return pulumiResources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** All messages, for asserting what a failed run said. */
    public String errorText() {
        StringBuilder text = new StringBuilder(String.join("\n", errors));
        for (Throwable e : exceptions) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                text.append('\n').append(t.getMessage());
            }
        }
        return text.toString();
    }
}
