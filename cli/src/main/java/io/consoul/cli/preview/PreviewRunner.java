package io.consoul.cli.preview;

import com.pulumi.resources.Resource;
import io.consoul.cli.CliFailure;
import io.consoul.cli.StackConfig;
import io.consoul.infra.spec.mock.MockStack;
import io.consoul.infra.spec.mock.MockedResource;
import io.consoul.infra.spec.mock.StackRun;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs a stack's program offline under Pulumi's mock engine and turns what it declared into a {@link PreviewModel}. */
final class PreviewRunner {
    private static final String STACK_TYPE = "pulumi:pulumi:Stack";

    private PreviewRunner() {
    }

    static PreviewModel run(StackConfig config) {
        if (config.cloud() == null) {
            throw new CliFailure(config.stackName() + ": no cloud: name the stack <cloud>-<environment> or set consoul:cloud");
        }
        config.spec(); // a bad value fails here with the spec's message, before the engine starts
        StackRun run = MockStack.runWithConfig(config.stackName(), config.values(), config.secretKeys(),
                CloudPrograms.of(config.cloud()));
        if (!run.succeeded()) {
            throw new CliFailure(config.stackName() + ": the program failed under mocks: " + firstLine(run.errorText()));
        }
        List<String> secrets = config.secretKeys().stream().map(config.values()::get).toList();
        ValueMasker masker = new ValueMasker(secrets, run.resources());
        Map<String, String> parents = parents(run.pulumiResources());
        List<PreviewModel.Resource> resources = new ArrayList<>();
        for (MockedResource r : run.resources()) {
            resources.add(new PreviewModel.Resource(r.type(), r.name(), parents.get(key(r.type(), r.name())),
                    masker.inputs(r)));
        }
        Map<String, Object> outputs = new TreeMap<>();
        run.outputs().forEach((name, value) -> outputs.put(name,
                run.secretOutputs().contains(name) ? ValueMasker.SECRET : masker.value(value)));
        return new PreviewModel(config.stackName(), config.cloud().key(), treeOrder(resources), outputs);
    }

    /** Child → parent name, from the resource objects (the mock engine is not told parents). */
    private static Map<String, String> parents(List<Resource> resources) {
        Map<String, String> parents = new HashMap<>();
        for (Resource parent : resources) {
            if (parent.pulumiResourceType().equals(STACK_TYPE)) {
                continue;
            }
            for (Resource child : parent.pulumiChildResources()) {
                parents.put(key(child.pulumiResourceType(), child.pulumiResourceName()), parent.pulumiResourceName());
            }
        }
        return parents;
    }

    /** Parents before children, siblings by name then type: the same order on every run, however the engine raced. */
    private static List<PreviewModel.Resource> treeOrder(List<PreviewModel.Resource> resources) {
        Map<String, List<PreviewModel.Resource>> children = new LinkedHashMap<>();
        Comparator<PreviewModel.Resource> byName = Comparator.comparing(PreviewModel.Resource::name)
                .thenComparing(PreviewModel.Resource::type);
        for (PreviewModel.Resource r : resources.stream().sorted(byName).toList()) {
            children.computeIfAbsent(r.parent(), p -> new ArrayList<>()).add(r);
        }
        List<PreviewModel.Resource> ordered = new ArrayList<>();
        addTree(null, children, ordered, new java.util.HashSet<>());
        if (ordered.size() != resources.size()) {
            // A parent that is not among the resources: keep its children rather than lose them.
            resources.stream().filter(r -> !ordered.contains(r)).sorted(byName).forEach(ordered::add);
        }
        return ordered;
    }

    private static void addTree(String parent, Map<String, List<PreviewModel.Resource>> children,
                                List<PreviewModel.Resource> ordered, java.util.Set<String> visited) {
        for (PreviewModel.Resource child : children.getOrDefault(parent, List.of())) {
            ordered.add(child);
            // Parents are known by name only, and a child may share its parent's name: expand each name once.
            if (visited.add(child.name())) {
                addTree(child.name(), children, ordered, visited);
            }
        }
    }

    private static String key(String type, String name) {
        return type + " " + name;
    }

    private static String firstLine(String text) {
        return text.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("no message");
    }
}
