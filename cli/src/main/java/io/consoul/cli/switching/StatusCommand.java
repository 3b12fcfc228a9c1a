package io.consoul.cli.switching;

import io.consoul.infra.spec.StackOutputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

/** {@code consoul status <stack>}: both colours, their images and versions, and which is live. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Both colours of a stack, their images, the versions they report (/health at url and previewUrl), "
                + "and which one is live. Reads the stack's outputs through Pulumi's Automation API.")
public final class StatusCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Override
    public void run() {
        print(stack.stack, stack.open().outputs(), spec.commandLine().getOut());
    }

    static void print(String stackName, Map<String, String> outputs, PrintWriter out) {
        String active = outputs.getOrDefault(StackOutputs.ACTIVE_COLOR, "?");
        out.println("Stack " + stackName + ": " + active + " is live");
        out.printf("  %-6s %-5s %-40s %-10s %s%n", "COLOUR", "STATE", "IMAGE", "VERSION", "URL");
        for (String colour : new String[] {"blue", "green"}) {
            boolean live = colour.equals(active);
            String url = outputs.getOrDefault(live ? StackOutputs.URL : StackOutputs.PREVIEW_URL, "");
            out.printf("  %-6s %-5s %-40s %-10s %s%n", colour, live ? "live" : "idle",
                    outputs.getOrDefault(colour + "Image", "?"), version(url), url);
        }
        out.flush();
    }

    private static String version(String url) {
        if (url.isBlank()) {
            return "?";
        }
        try {
            ConsoulApi.Reply health = new ConsoulApi(url).health();
            return health.status() == 200 && health.version() != null ? health.version() : "HTTP " + health.status();
        } catch (IOException e) {
            return "unreachable";
        }
    }
}
