package io.consoul.cli.switching;

import io.consoul.cli.CliFailure;
import io.consoul.infra.spec.Cloud;
import io.consoul.local.Color;
import io.consoul.local.LocalStack;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local deployment (./local-deploy up) as the switch sees a stack: its outputs from the work directory; the
 * config keys the switch sets are applied by {@link #up()} as the clouds' {@code pulumi up} would — a colour's
 * minimum ({@code consoul:<colour>MinReplicas}) starts or stops app processes, {@code consoul:activeColor} is one
 * HAProxy runtime-API change (no reload, no restart). Instances are counted by the stack, ready ones by HAProxy.
 */
final class LocalGateway implements StackGateway, PlatformCapacity {
    private final LocalStack stack;
    private Color pendingActive;
    /** Per colour: a new minimum, or empty for "remove the override". */
    private final Map<Color, Optional<Integer>> pendingHolds = new EnumMap<>(Color.class);

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
    public Optional<String> config(String key) {
        if (key.equals(ConfigKeys.ACTIVE_COLOR)) {
            return Optional.of(stack.activeColor().label());
        }
        for (Color c : Color.values()) {
            if (key.equals(ConfigKeys.minReplicas(c.label()))) {
                var held = stack.held(c);
                return held.isPresent() ? Optional.of(Integer.toString(held.getAsInt())) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public void setConfig(String key, String value) {
        if (key.equals(ConfigKeys.ACTIVE_COLOR)) {
            pendingActive = Color.parse(value);
            return;
        }
        pendingHolds.put(colourOf(key), Optional.of(Integer.parseInt(value)));
    }

    @Override
    public void removeConfig(String key) {
        pendingHolds.put(colourOf(key), Optional.empty());
    }

    /** Holds first (the new instances are UP before anything routes to them), then the routing. */
    @Override
    public void up() {
        try {
            Map<Color, Optional<Integer>> holds = new LinkedHashMap<>(pendingHolds);
            pendingHolds.clear();
            holds.forEach((colour, count) -> {
                if (count.isPresent()) {
                    stack.hold(colour, count.get());
                }
            });
            if (pendingActive != null) {
                stack.activate(pendingActive);
                pendingActive = null;
            }
            holds.forEach((colour, count) -> {
                if (count.isEmpty()) {
                    stack.release(colour);
                }
            });
        } catch (RuntimeException e) {
            throw new CliFailure("could not update the local stack: " + e.getMessage());
        }
    }

    @Override
    public String update() {
        return "update (app processes, HAProxy map)";
    }

    @Override
    public Optional<Cloud> cloud() {
        return Optional.empty();
    }

    @Override
    public PlatformCapacity capacity() {
        return this;
    }

    @Override
    public int running(String colour) {
        return stack.instances(Color.parse(colour));
    }

    @Override
    public int ready(String colour) {
        return stack.ready(Color.parse(colour));
    }

    @Override
    public String source() {
        return "app processes; HAProxy's UP servers";
    }

    private static Color colourOf(String key) {
        for (Color c : Color.values()) {
            if (key.equals(ConfigKeys.minReplicas(c.label()))) {
                return c;
            }
        }
        throw new CliFailure("the local stack has no setting " + key);
    }
}
