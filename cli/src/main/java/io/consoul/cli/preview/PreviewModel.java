package io.consoul.cli.preview;

import java.util.List;
import java.util.Map;

/**
 * What {@code consoul preview} prints, in every format. Its JSON form is a published shape:
 * {@code {"stack","cloud","resources":[{"type","name","parent","inputs"}],"outputs"}} — keep it stable.
 *
 * @param resources in tree order: each parent before its children, siblings by name
 */
record PreviewModel(String stack, String cloud, List<Resource> resources, Map<String, Object> outputs) {
    /**
     * @param type   the Pulumi type token, {@code aws:ecs/service:Service}
     * @param parent the parent resource's name, or null for a child of the stack
     * @param inputs what the program declared; computed values as {@code [computed: <resource>.<attribute>]},
     *               secrets as {@code [secret]}
     */
    record Resource(String type, String name, String parent, Map<String, Object> inputs) {
    }
}
