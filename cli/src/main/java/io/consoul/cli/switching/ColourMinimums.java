package io.consoul.cli.switching;

import io.consoul.infra.spec.Cloud;
import io.consoul.infra.spec.Color;
import io.consoul.infra.spec.RevisionPlan;

import java.util.Map;
import java.util.Optional;

/**
 * Which colour's minimum ({@code consoul:<colour>MinReplicas}) the next {@code pulumi up} accepts, decided before a
 * switch changes anything — by the spec's own rule ({@link RevisionPlan#ownMinimumAllowed}), from the stack's cloud and
 * the images the update will deploy (the stack config's {@code consoul:<colour>Image}, else the outputs). On Cloud Run
 * and Container Apps only the colour with the newer image may have one: the other colour's revision keeps the minimum
 * it was created with.
 */
record ColourMinimums(Optional<Cloud> cloud, String blueImage, String greenImage) {

    static ColourMinimums read(StackGateway stack, Map<String, String> outputs) {
        return new ColourMinimums(stack.cloud(), image(stack, outputs, "blue"), image(stack, outputs, "green"));
    }

    private static String image(StackGateway stack, Map<String, String> outputs, String colour) {
        return stack.config(ConfigKeys.image(colour)).orElse(outputs.get(colour + "Image"));
    }

    boolean overridable(String colour) {
        return RevisionPlan.ownMinimumAllowed(cloud.orElse(null), Color.fromKey(colour).orElseThrow(), blueImage, greenImage);
    }

    /** Why {@code colour}'s minimum cannot be overridden, for a step line or a refusal. */
    String why(String colour) {
        String image = colour.equals("blue") ? blueImage : greenImage;
        String other = colour.equals("blue") ? greenImage : blueImage;
        return "on " + cloud.map(Cloud::key).orElse("this stack") + " a colour's minimum is part of its revision, and an "
                + "update creates a revision only for the colour with the newer image; " + colour + " runs "
                + (image.equals(other) ? "the same image as the other colour (" + image + ")" : "the older image (" + image + ")");
    }
}
