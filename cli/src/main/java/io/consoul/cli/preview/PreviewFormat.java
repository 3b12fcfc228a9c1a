package io.consoul.cli.preview;

import com.google.gson.GsonBuilder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The three renderings of a preview: a table for people, JSON for tools, Graphviz DOT for a picture. */
enum PreviewFormat {
    TABLE {
        @Override
        String render(PreviewModel model) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"TYPE", "NAME", "PARENT"});
            for (PreviewModel.Resource r : model.resources()) {
                rows.add(new String[] {r.type(), r.name(), r.parent() == null ? "-" : r.parent()});
            }
            int[] widths = new int[3];
            rows.forEach(row -> {
                for (int i = 0; i < 3; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            });
            StringBuilder out = new StringBuilder();
            out.append("Stack ").append(model.stack()).append(" (").append(model.cloud())
                    .append("), offline under Pulumi's mock engine — not a substitute for `pulumi preview`\n\n");
            rows.forEach(row -> out.append(String.format("%-" + widths[0] + "s  %-" + widths[1] + "s  %s%n",
                    row[0], row[1], row[2])));
            out.append('\n').append(model.resources().size()).append(" resources\n\nOutputs\n");
            int width = model.outputs().keySet().stream().mapToInt(String::length).max().orElse(0);
            model.outputs().forEach((name, value) ->
                    out.append(String.format("  %-" + width + "s  %s%n", name, value)));
            return out.toString();
        }
    },
    JSON {
        @Override
        String render(PreviewModel model) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("stack", model.stack());
            root.put("cloud", model.cloud());
            List<Map<String, Object>> resources = new ArrayList<>();
            for (PreviewModel.Resource r : model.resources()) {
                Map<String, Object> resource = new LinkedHashMap<>();
                resource.put("type", r.type());
                resource.put("name", r.name());
                resource.put("parent", r.parent());
                resource.put("inputs", r.inputs());
                resources.add(resource);
            }
            root.put("resources", resources);
            root.put("outputs", model.outputs());
            return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create()
                    .toJson(root) + "\n";
        }
    },
    DOT {
        @Override
        String render(PreviewModel model) {
            StringBuilder out = new StringBuilder();
            out.append("digraph ").append(quote(model.stack())).append(" {\n")
                    .append("  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n")
                    .append("  stack [label=").append(quote(model.stack() + "\\npulumi:pulumi:Stack"))
                    .append(", style=bold];\n");
            // Node ids by position; a parent is the first resource of that name (names are the parents' keys).
            Map<String, String> idByName = new HashMap<>();
            List<PreviewModel.Resource> resources = model.resources();
            for (int i = 0; i < resources.size(); i++) {
                PreviewModel.Resource r = resources.get(i);
                idByName.putIfAbsent(r.name(), "r" + i);
                out.append("  r").append(i).append(" [label=").append(quote(r.name() + "\\n" + r.type())).append("];\n");
            }
            for (int i = 0; i < resources.size(); i++) {
                String parent = resources.get(i).parent();
                out.append("  ").append(parent == null ? "stack" : idByName.getOrDefault(parent, "stack"))
                        .append(" -> r").append(i).append(";\n");
            }
            return out.append("}\n").toString();
        }
    };

    abstract String render(PreviewModel model);

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }
}
