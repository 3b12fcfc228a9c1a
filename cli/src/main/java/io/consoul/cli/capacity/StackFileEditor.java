package io.consoul.cli.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets plain values in the {@code config:} block of a stack file's text, line by line, so every other line —
 * comments above and beside values, other keys, their order and quoting — stays exactly as it was. A YAML
 * round trip through a parser would drop the comments the stack files rely on to explain themselves.
 */
final class StackFileEditor {
    private static final Pattern CONFIG_BLOCK = Pattern.compile("^config:\\s*(#.*)?$");
    private static final Pattern ENTRY = Pattern.compile("^(\\s+)([^\\s#:][^:]*:[^:\\s]+):(\\s*)([^#]*?)(\\s+#.*)?$");

    private StackFileEditor() {
    }

    /** The text with each fully qualified key ({@code consoul:size}) set to its value, replacing or appending. */
    static String set(String text, Map<String, String> values) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int config = findConfigBlock(lines);
        if (config < 0) {
            lines.add("config:");
            config = lines.size() - 1;
        }
        for (var entry : values.entrySet()) {
            setOne(lines, config, entry.getKey(), entry.getValue());
        }
        return String.join("\n", lines) + "\n";
    }

    private static void setOne(List<String> lines, int config, String key, String value) {
        int lastEntry = config;
        String indent = "  ";
        for (int i = config + 1; i < lines.size() && inBlock(lines.get(i)); i++) {
            Matcher m = ENTRY.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            lastEntry = i;
            indent = m.group(1);
            if (m.group(2).equals(key)) {
                String comment = m.group(5) == null ? "" : m.group(5);
                lines.set(i, m.group(1) + key + ":" + (m.group(3).isEmpty() ? " " : m.group(3)) + value + comment);
                return;
            }
        }
        lines.add(lastEntry + 1, indent + key + ": " + value);
    }

    /** Lines of the config block are indented; blank lines and comments inside it do not end it. */
    private static boolean inBlock(String line) {
        return line.isBlank() || Character.isWhitespace(line.charAt(0)) || line.startsWith("#");
    }

    private static int findConfigBlock(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (CONFIG_BLOCK.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }
}
