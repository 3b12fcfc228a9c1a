package io.consoul.cli.switching;

import io.consoul.cli.CliFailure;
import io.consoul.local.Color;
import io.consoul.local.LocalStack;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local deployment (./local-deploy up) as the switch sees a stack: its outputs from the work directory, and
 * "set the colour, run the update" as one HAProxy runtime-API change (no reload, no restart).
 */
final class LocalGateway implements StackGateway {
    private final LocalStack stack;
    private Color pending;

    private LocalGateway(LocalStack stack) {
        this.stack = stack;
    }

    static LocalGateway attach(Path workDir) {
        if (!LocalStack.exists(workDir)) {
            throw new CliFailure("no local deployment in " + workDir + ": start one with ./local-deploy up");
        }
        return new LocalGateway(LocalStack.attach(workDir));
    }

    @Override
    public Map<String, String> outputs() {
        return stack.outputs();
    }

    @Override
    public void setActiveColor(String colour) {
        pending = Color.parse(colour);
    }

    @Override
    public void up() {
        if (pending != null) stack.activate(pending);
    }
}
